"""Admins list, create and edit users; every refusal is a clear message on the form."""

from datetime import date

import pytest
from sqlalchemy import func, select

from lms.db import db
from lms.models import Enrollment, User
from tests.conftest import count_statements

NEW_PASSWORD = "a-brand-new-secret"  # noqa: S105 - test credential
GOOD = {
    "name": "Dee Diaz",
    "email": "dee@example.com",
    "role": "rep",
    "team": "",
    "start_date": "2026-12-01",
    "path": "starter",
    "password": NEW_PASSWORD,
}


@pytest.fixture
def admin(auth, org):
    auth.login("admin@example.com")
    return org


def text(response) -> str:
    return response.get_data(as_text=True)


def user_by_email(app, email):
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_the_list_shows_everyone_with_role_team_and_status(client, admin):
    html = text(client.get("/admin/users"))
    assert "7 users" in html
    for name in ("Ana", "Bo", "Boss", "Cy", "Wes", "Trainer", "Admin"):
        assert f">{name}</a></th>" in html
    assert '<th scope="col">Team</th>' in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("q=an", ["Ana"], ["Bo", "Cy"]),
        ("q=BO%40EXAMPLE", ["Bo"], ["Ana", "Boss"]),
        ("role=manager", ["Boss", "Wes"], ["Ana", "Trainer"]),
        ("team={east}", ["Ana", "Bo", "Boss"], ["Cy", "Wes"]),
        ("team=none", ["Admin", "Trainer"], ["Ana", "Wes"]),
        ("status=inactive", ["Cy"], ["Ana", "Boss"]),
        ("role=rep&team={west}", ["Cy"], ["Ana", "Wes"]),
        ("q=%25", [], ["Ana"]),  # a literal %, not a wildcard
    ],
)
def test_search_and_filters(client, admin, query, shown, hidden):
    client.post(f"/admin/users/{admin['cy']}/deactivate")
    html = text(client.get("/admin/users?" + query.format(**admin)))
    for name in shown:
        assert f">{name}</a></th>" in html
    for name in hidden:
        assert f">{name}</a></th>" not in html
    if not shown:
        assert "No users match these filters." in html


def test_unknown_filter_values_are_ignored_not_an_error(client, admin):
    response = client.get("/admin/users?role=boss&team=abc&status=maybe&page=-3")
    assert response.status_code == 200
    assert "7 users" in text(response)


def test_the_list_runs_the_same_statements_for_5_or_60_users(app, client, admin):
    def statements():
        with count_statements(app) as log:
            assert client.get("/admin/users").status_code == 200
        return len(log)

    few = statements()
    with app.app_context(), db.writing() as session:
        for n in range(60):
            session.add(
                User(email=f"u{n}@example.com", name=f"U{n}", role="rep", password_hash="!")
            )
    assert statements() == few
    assert "Next page" in text(client.get("/admin/users"))
    assert "page 2 of 2" in text(client.get("/admin/users?page=2"))


def test_create_a_rep_on_a_path_who_can_then_sign_in(app, client, auth, admin):
    response = client.post("/admin/users/new", data={**GOOD, "team": str(admin["east"])})
    assert response.status_code == 302
    assert "Dee Diaz can now sign in as dee@example.com." in text(client.get("/admin/users"))
    dee = user_by_email(app, "dee@example.com")
    assert (dee.team_id, dee.start_date) == (admin["east"], date(2026, 12, 1))
    with app.app_context():
        enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == dee.id))
        assert enrollment.start_date == date(2026, 12, 1)
    auth.logout()
    assert auth.login("dee@example.com", NEW_PASSWORD).status_code == 302


def test_a_new_manager_with_a_team_manages_it(app, client, admin):
    data = {**GOOD, "role": "manager", "path": "", "team": str(admin["west"])}
    assert client.post("/admin/users/new", data=data).status_code == 302
    html = text(client.get(f"/admin/teams/{admin['west']}"))
    assert "Dee Diaz" in html and "Wes" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "ANA@example.com"}, "A user with email ana@example.com already exists."),
        ({"email": "not-an-email"}, "Enter an email address like ana@example.com."),
        ({"name": "  "}, "Enter a name."),
        ({"team": "9999"}, "Choose a team from the list."),
        ({"path": "nope"}, "Choose a path from the list."),
        ({"role": "boss"}, "Choose one of: rep, manager, trainer, admin."),
        ({"start_date": "2026-02-30"}, "Enter the date as YYYY-MM-DD, for example 2026-12-01."),
        ({"start_date": ""}, "Enter the date as YYYY-MM-DD, for example 2026-12-01."),
        ({"password": "eleven-char"}, "Password must be at least 12 characters long."),
        ({"password": ""}, "Password must be at least 12 characters long."),
    ],
)
def test_create_refuses_with_a_message_on_the_field(app, client, admin, change, message):
    before = user_count(app)
    response = client.post("/admin/users/new", data={**GOOD, **change})
    html = text(response)
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    assert user_count(app) == before


def test_the_password_is_never_shown_back(client, admin):
    html = text(client.post("/admin/users/new", data={**GOOD, "email": "ana@example.com"}))
    assert "already exists" in html
    assert NEW_PASSWORD not in html
    assert 'type="password"' in html


def edit_data(**change) -> dict:
    data = {
        "name": "Ana Ruiz",
        "email": "ana.ruiz@example.com",
        "role": "rep",
        "team": "",
        "start_date": "2026-03-02",
    }
    return {**data, **change}


def test_the_edit_form_starts_with_the_users_details(client, admin):
    html = text(client.get(f"/admin/users/{admin['ana']}"))
    assert 'value="ana@example.com"' in html
    assert f'<option selected value="{admin["east"]}">East</option>' in html
    assert '<option selected value="rep">Rep</option>' in html


def test_edit_changes_details_and_moves_between_teams(app, client, admin):
    response = client.post(f"/admin/users/{admin['ana']}", data=edit_data(team=str(admin["west"])))
    assert response.status_code == 302
    assert "Saved the changes to Ana Ruiz." in text(client.get(response.headers["Location"]))
    ana = user_by_email(app, "ana.ruiz@example.com")
    assert (ana.name, ana.team_id, ana.start_date) == ("Ana Ruiz", admin["west"], date(2026, 3, 2))
    assert "Ana Ruiz" in text(client.get(f"/admin/teams/{admin['west']}"))
    assert "Ana Ruiz" not in text(client.get(f"/admin/teams/{admin['east']}"))
    with app.app_context():  # the path keeps its own start date
        enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == ana.id))
        assert enrollment.start_date != date(2026, 3, 2)


@pytest.mark.parametrize(
    ("who", "change", "message"),
    [
        ("ana", {"email": "bo@example.com"}, "A user with email bo@example.com already exists."),
        ("ana", {"team": "9999"}, "Choose a team from the list."),
        ("ana", {"role": "chief"}, "Choose one of: rep, manager, trainer, admin."),
        ("ana", {"start_date": "01/02/2026"}, "Enter the date as YYYY-MM-DD"),
        ("boss", {"role": "rep"}, "Boss manages East; remove them from its managers before"),
        ("admin", {"role": "rep"}, "You cannot take away your own admin role."),
    ],
)
def test_edit_refuses_with_a_message_on_the_field(app, client, admin, who, change, message):
    response = client.post(f"/admin/users/{admin[who]}", data=edit_data(**change))
    assert response.status_code == 200
    assert message in text(response)
    assert user_by_email(app, "ana.ruiz@example.com") is None


def test_editing_ones_own_email_keeps_it_unique_against_others_only(client, admin):
    data = edit_data(name="Admin", email="admin@example.com", role="admin")
    assert client.post(f"/admin/users/{admin['admin']}", data=data).status_code == 302


def test_an_unknown_user_is_404(client, admin):
    assert client.get("/admin/users/9999").status_code == 404
    assert client.post("/admin/users/9999/deactivate").status_code == 404


def test_set_password_replaces_the_old_one_and_is_never_shown(client, auth, admin):
    response = client.post(f"/admin/users/{admin['ana']}/password", data={"password": "short"})
    assert "Password must be at least 12 characters long." in text(response)
    assert 'value="short"' not in text(response)
    response = client.post(f"/admin/users/{admin['ana']}/password", data={"password": NEW_PASSWORD})
    assert response.status_code == 302
    assert NEW_PASSWORD not in text(client.get(response.headers["Location"]))
    auth.logout()
    assert auth.login("ana@example.com").status_code == 200  # the old password is gone
    assert auth.login("ana@example.com", NEW_PASSWORD).status_code == 302
