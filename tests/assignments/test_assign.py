"""A team's managers (and admins) put reps on a path; everyone else gets 404."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from lms.db import db
from lms.models import Enrollment, LearningPath, Role, User
from tests.conftest import count_statements, make_user


def text(response) -> str:
    return response.get_data(as_text=True)


def starts(app) -> dict[str, date]:
    """Each rep's start date on the starter path, by name."""
    with app.app_context():
        rows = db.session.execute(
            select(User.name, Enrollment.start_date)
            .join(Enrollment, Enrollment.user_id == User.id)
            .join(LearningPath)
            .where(LearningPath.slug == "starter")
        ).all()
    return dict(rows)


def set_start(app, user_id, start: date, *, drop_enrollment=False) -> None:
    """Give a rep a start date of their own; optionally take them off their path."""
    with app.app_context(), db.writing() as session:
        session.get(User, user_id).start_date = start
        if drop_enrollment:
            for e in session.scalars(select(Enrollment).where(Enrollment.user_id == user_id)):
                session.delete(e)


@pytest.fixture
def boss(auth, org):
    auth.login("boss@example.com")
    return org


@pytest.mark.parametrize(
    ("email", "team", "status"),
    [
        ("boss@example.com", "east", 200),
        ("admin@example.com", "east", 200),
        ("admin@example.com", "west", 200),
        ("boss@example.com", "west", 404),  # a manager of another team
        ("wes@example.com", "east", 404),
        ("ana@example.com", "east", 404),  # a rep of the team
        ("trainer@example.com", "east", 404),
    ],
)
def test_only_the_teams_managers_and_admins_may_assign(client, auth, org, email, team, status):
    auth.login(email)
    url = f"/teams/{org[team]}/assign"
    assert client.get(url).status_code == status
    response = client.post(url, data={"path": "starter", "rep": "team"})
    assert response.status_code == (302 if status == 200 else 404)


def test_visitors_sign_in_first_and_unknown_teams_are_404(client, auth, org):
    response = client.get(f"/teams/{org['east']}/assign")
    assert response.headers["Location"].startswith("/login?next=")
    auth.login("admin@example.com")
    assert client.get("/teams/9999/assign").status_code == 404


def test_a_refused_manager_changes_nothing(app, client, auth, org):
    set_start(app, org["cy"], date(2026, 5, 4), drop_enrollment=True)
    auth.login("boss@example.com")
    client.post(f"/teams/{org['west']}/assign", data={"path": "starter", "rep": "team"})
    assert "Cy" not in starts(app)


def test_whole_team_starts_on_each_reps_own_start_date(app, client, boss):
    set_start(app, boss["ana"], date(2026, 3, 2), drop_enrollment=True)
    set_start(app, boss["bo"], date(2026, 3, 9), drop_enrollment=True)
    response = client.post(f"/teams/{boss['east']}/assign", data={"path": "starter", "rep": "team"})
    assert response.status_code == 302
    html = text(client.get(response.headers["Location"]))
    assert "Starter path: assigned to 2 reps." in html
    assert starts(app) == {"Ana": date(2026, 3, 2), "Bo": date(2026, 3, 9), "Cy": starts(app)["Cy"]}
    # Due dates follow from due_day: the last course (advanced) is due on day 10.
    assert "<td>2 Mar 2026</td>\n          <td>12 Mar 2026</td>" in html


def test_one_rep_with_an_explicit_start_date(app, client, boss):
    set_start(app, boss["ana"], date(2026, 3, 2), drop_enrollment=True)
    set_start(app, boss["bo"], date(2026, 3, 9), drop_enrollment=True)
    data = {"path": "starter", "rep": str(boss["ana"]), "start_date": "2026-04-01"}
    response = client.post(f"/teams/{boss['east']}/assign", data=data)
    assert "Starter path: assigned to Ana." in text(client.get(response.headers["Location"]))
    assert starts(app).get("Ana") == date(2026, 4, 1)
    assert "Bo" not in starts(app)


def test_reassigning_keeps_start_dates_unless_asked(app, client, boss):
    before = starts(app)
    url = f"/teams/{boss['east']}/assign"
    data = {"path": "starter", "rep": "team", "start_date": "2026-06-01"}
    response = client.post(url, data=data)
    assert "Starter path: 2 reps already on it kept their start date." in text(
        client.get(response.headers["Location"])
    )
    assert starts(app) == before

    response = client.post(url, data={**data, "restart": "y"})
    assert "Starter path: new start date for 2 reps." in text(
        client.get(response.headers["Location"])
    )
    assert starts(app)["Ana"] == starts(app)["Bo"] == date(2026, 6, 1)
    assert starts(app)["Cy"] == before["Cy"]


def test_restart_without_a_date_goes_back_to_the_reps_start_date(app, client, boss):
    set_start(app, boss["ana"], date(2026, 3, 2))
    data = {"path": "starter", "rep": str(boss["ana"]), "restart": "y"}
    client.post(f"/teams/{boss['east']}/assign", data=data)
    assert starts(app)["Ana"] == date(2026, 3, 2)


def test_deactivated_reps_and_other_roles_are_not_assigned(app, client, auth, boss):
    set_start(app, boss["ana"], date(2026, 3, 2), drop_enrollment=True)
    set_start(app, boss["bo"], date(2026, 3, 2), drop_enrollment=True)
    with app.app_context(), db.writing() as session:
        session.get(User, boss["bo"]).active = False
    html = text(client.get(f"/teams/{boss['east']}/assign"))
    assert ">Bo</option>" not in html and ">Boss</option>" not in html
    client.post(f"/teams/{boss['east']}/assign", data={"path": "starter", "rep": "team"})
    assert set(starts(app)) == {"Ana", "Cy"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"path": "nope"}, "Choose a path from the list."),
        ({"rep": "{cy}"}, "Choose a rep of this team, or the whole team."),
        ({"start_date": "2026-31-12"}, "Enter the date as YYYY-MM-DD, for example 2026-12-01."),
    ],
)
def test_bad_choices_are_refused_with_a_message(app, client, boss, change, message):
    before = starts(app)
    data = {"path": "starter", "rep": "team", "restart": "y", "start_date": "2026-06-01"}
    data.update({k: v.format(**boss) for k, v in change.items()})
    response = client.post(f"/teams/{boss['east']}/assign", data=data)
    assert response.status_code == 200
    assert message in text(response)
    assert starts(app) == before


def test_a_team_without_reps_says_so(app, client, auth, org):
    auth.login("admin@example.com")
    make_user(app, "solo@example.com", Role.MANAGER, team_name="Empty")
    with app.app_context():
        from lms.models import Team

        team_id = db.session.scalar(select(Team.id).where(Team.name == "Empty"))
    html = text(client.get(f"/teams/{team_id}/assign"))
    assert "Empty has no active reps yet." in html


def test_the_page_runs_the_same_statements_for_2_or_40_reps(app, client, boss):
    def statements():
        with count_statements(app) as log:
            assert client.get(f"/teams/{boss['east']}/assign").status_code == 200
        return len(log)

    few = statements()
    with app.app_context(), db.writing() as session:
        path = session.scalar(select(LearningPath))
        for n in range(38):
            rep = User(
                email=f"r{n}@example.com",
                name=f"R{n}",
                role=Role.REP,
                password_hash="!",
                team_id=boss["east"],
                start_date=date.today() - timedelta(days=n),
            )
            session.add(rep)
            session.flush()
            session.add(Enrollment(user_id=rep.id, path_id=path.id, start_date=rep.start_date))
    assert statements() == few
