"""Where each role lands after sign-in, what its navigation offers, and the organisation view."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from lms.db import db
from lms.models import LearningPath, Role, Team, User
from lms.people.users import enroll
from tests.conftest import count_statements, make_user
from tests.reports.conftest import add_reps, shared_hash


def nav(html: str) -> list[str]:
    """The main navigation's link texts."""
    main = html.split('aria-label="Main"')[1].split("</nav>")[0]
    return re.findall(r"<a [^>]*>([^<]+)</a>", main)


def manage(app, email: str, team: str) -> None:
    with app.app_context(), db.writing() as session:
        user = session.scalar(select(User).where(User.email == email))
        found = session.scalar(select(Team).where(Team.name == team))
        found.managers.append(user)


def put_on_path(app, email: str) -> None:
    with app.app_context(), db.writing() as session:
        user = session.scalar(select(User).where(User.email == email))
        enroll(session, user, session.scalar(select(LearningPath)), date.today())


@pytest.mark.parametrize(
    ("email", "landing"),
    [
        ("rita@example.com", "/"),
        ("maya@example.com", "/reports/"),
        ("ada@example.com", "/admin/users"),
        ("tess@example.com", "/authoring/courses"),
    ],
)
def test_each_role_lands_on_its_own_page(app, client, auth, atlas, email, landing):
    make_user(app, "tess@example.com", Role.TRAINER, name="Tess", password_hash=shared_hash())
    response = auth.login(email)
    assert response.status_code == 302
    assert response.headers["Location"] == landing
    assert client.get(landing, follow_redirects=True).status_code == 200


def test_a_manager_of_one_team_goes_on_to_its_dashboard(client, auth, atlas):
    auth.login("maya@example.com")
    response = client.get("/reports/")
    assert response.headers["Location"] == f"/reports/teams/{atlas['team']}"


def test_each_roles_navigation_shows_what_it_does(app, client, auth, atlas):
    make_user(app, "tess@example.com", Role.TRAINER, name="Tess", password_hash=shared_hash())
    expected = {
        "rita@example.com": ["My onboarding", "Certifications", "Library", "Notifications"],
        "maya@example.com": ["My team", "Reviews", "Certifications", "Library", "Notifications"],
        "tess@example.com": ["Reviews", "Courses", "Library", "Notifications"],
        "ada@example.com": [
            "Admin",
            "My team",
            "Certifications",
            "Courses",
            "Library",
            "Notifications",
        ],
    }
    for email, links in expected.items():
        auth.login(email)
        html = client.get("/", follow_redirects=True).get_data(as_text=True)
        assert nav(html)[1:-1] == links, email  # between the brand and Password
        auth.logout()


def test_a_manager_on_a_path_sees_both_their_team_and_their_onboarding(app, client, auth, atlas):
    put_on_path(app, "maya@example.com")
    auth.login("maya@example.com")
    home = client.get("/")
    assert home.status_code == 200  # not sent away: there is a path to follow
    assert nav(home.get_data(as_text=True))[1:3] == ["My onboarding", "My team"]


def summaries(html: str) -> dict[str, dict[str, int]]:
    """The organisation view: per team, its reps per status."""
    result = {}
    for section in html.split('<section class="team-summary"')[1:]:
        team = re.search(r'<h2 id="team-\d+"><a [^>]+>([^<]+)</a>', section).group(1)
        rows = re.findall(
            r'<span class="badge[^"]*">([^<]+)</span></th>\s*<td>(?:<a [^>]+>)?(\d+)', section
        )
        result[team] = {label: int(n) for label, n in rows}
    return result


def test_a_manager_of_several_teams_gets_a_table_per_team(app, client, auth, atlas):
    manage(app, "maya@example.com", "Borealis")
    auth.login("maya@example.com")
    response = client.get("/reports/")
    assert response.status_code == 200
    found = summaries(response.get_data(as_text=True))
    assert found["Atlas"] == {
        "Overdue": 1,
        "Certification expired": 0,
        "At risk": 0,
        "On track": 0,
        "Not started": 1,
        "Ready": 1,
    }
    assert sum(found["Borealis"].values()) == 1
    assert f'href="/reports/teams/{atlas["team"]}?status=overdue"' in response.get_data(
        as_text=True
    )


def test_an_admin_sees_every_team_and_the_view_does_not_grow_with_teams(app, client, auth, atlas):
    auth.login("ada@example.com")
    with count_statements(app) as before:
        html = client.get("/reports/").get_data(as_text=True)
    assert set(summaries(html)) == {"Atlas", "Borealis"}
    for n in range(3):
        add_reps(app, 3, team=f"Extra {n}", prefix=f"x{n}")
    with count_statements(app) as after:
        html = client.get("/reports/").get_data(as_text=True)
    assert len(summaries(html)) == 5
    assert len(after) == len(before)


def test_a_rep_cannot_open_the_organisation_view(client, auth, atlas):
    auth.login("rita@example.com")
    assert client.get("/reports/").status_code in (403, 404)
