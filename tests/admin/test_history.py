"""A user's history: every change, who made it and when, a page at a time."""

from datetime import date

import pytest
from sqlalchemy import select

from lms.db import db
from lms.models import User, UserEvent
from lms.people.user_events import record_user_event
from tests.conftest import count_statements


@pytest.fixture
def admin(auth, org):
    auth.login("admin@example.com")
    return org


def text(response) -> str:
    return response.get_data(as_text=True)


def kinds(app, user_id) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(UserEvent.kind).where(UserEvent.user_id == user_id).order_by(UserEvent.id)
            )
        )


def test_each_admin_change_is_recorded_with_old_and_new(app, client, admin):
    ana = admin["ana"]
    client.post(
        f"/admin/users/{ana}",
        data={
            "name": "Ana Ruiz",
            "email": "ana@example.com",
            "role": "manager",
            "team": admin["west"],
            "start_date": "2026-01-05",
        },
    )
    client.post(f"/admin/users/{ana}/password", data={"password": "a-long-new-password-1"})
    client.post(f"/admin/users/{ana}/deactivate")
    client.post(f"/admin/users/{ana}/reactivate")
    assert kinds(app, ana) == [
        "created",
        "path_assigned",
        "profile_changed",
        "role_changed",
        "team_changed",
        "password_set",
        "deactivated",
        "reactivated",
    ]
    html = text(client.get(f"/admin/users/{ana}/history"))
    assert "8 events, newest first" in html
    assert "Details changed: Name: Ana → Ana Ruiz; Start date:" in html
    assert "Role changed: rep → manager" in html
    assert "Moved team: East → West" in html
    assert "Password set by an admin; signed out everywhere" in html
    assert "Deactivated: cannot sign in; progress kept" in html
    assert f'<a href="/admin/users/{admin["admin"]}">Admin</a>' in html
    assert "Command line" in html  # created by the fixture, with no one signed in


def test_the_users_page_links_to_the_history(client, admin):
    html = text(client.get(f"/admin/users/{admin['ana']}"))
    assert f'href="/admin/users/{admin["ana"]}/history"' in html


def test_path_assignments_and_team_managers_are_recorded(app, client, admin):
    client.post(
        f"/teams/{admin['east']}/assign",
        data={"path": "starter", "rep": "team", "start_date": "2026-03-02", "restart": "y"},
    )
    assert kinds(app, admin["ana"])[-1] == "path_start_changed"
    html = text(client.get(f"/admin/users/{admin['ana']}/history"))
    assert "changed:" in html and "2026-03-02" in html
    client.post(f"/admin/teams/{admin['east']}/managers", data={"manager": admin["wes"]})
    client.post(f"/admin/teams/{admin['east']}/managers/{admin['wes']}/remove")
    assert kinds(app, admin["wes"])[-2:] == ["team_manager_added", "team_manager_removed"]


def test_other_kinds_are_shown_with_their_details(app, client, admin):
    with app.app_context(), db.writing() as session:
        ana = session.get(User, admin["ana"])
        actor = session.get(User, admin["boss"])
        record_user_event(session, ana, actor, "badge_awarded", badge="Pricing", level=2)
        record_user_event(session, ana, actor, "attempts_granted", module="Pricing", extra=2)
    html = text(client.get(f"/admin/users/{admin['ana']}/history"))
    assert "Badge awarded: badge: Pricing; level: 2" in html  # a kind without a describer
    assert "Granted 2 more attempts at Pricing" in html  # a remedy, in words


def test_history_pages_run_the_same_statements_whatever_its_length(app, client, admin):
    url = f"/admin/users/{admin['ana']}/history"

    def statements(page_url):
        with count_statements(app) as log:
            assert client.get(page_url).status_code == 200
        return len(log)

    few = statements(url)
    with app.app_context(), db.writing() as session:
        ana = session.get(User, admin["ana"])
        for n in range(120):
            actor = session.get(User, admin["boss" if n % 2 else "admin"])
            record_user_event(session, ana, actor, "profile_changed", changes={"name": [n, n + 1]})
    assert statements(url) == few
    html = text(client.get(url))
    assert "122 events, newest first; page 1 of 3" in html
    assert 'rel="next"' in html
    assert statements(f"{url}?page=3") == few
    assert "Account created as rep" in text(client.get(f"{url}?page=3"))


def test_history_of_an_unknown_user_is_404(client, admin):
    assert client.get("/admin/users/9999/history").status_code == 404


def test_dates_go_in_as_iso_text(app, admin):
    with app.app_context(), db.writing() as session:
        ana = session.get(User, admin["ana"])
        event = record_user_event(session, ana, None, "x", day=date(2026, 1, 2))
        session.flush()
        assert event.details == {"day": "2026-01-02"}
