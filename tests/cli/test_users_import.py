"""`flask users import FILE.csv`: every error as `line N: message`, all or nothing."""

from datetime import date

import pytest
from sqlalchemy import func, select

from lms.auth.passwords import verify_password
from lms.db import db
from lms.models import Enrollment, Role, Team, User
from tests.conftest import PASSWORD, make_user

HEADER = "email,name,role,team,manager,start_date,path\n"


@pytest.fixture
def existing(app, courses):
    """An admin and team East, managed by boss@example.com, already in the app."""
    make_user(app, "admin@example.com", Role.ADMIN)
    make_user(app, "boss@example.com", Role.MANAGER, team_name="East")


def run_import(runner, tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "people.csv"
    path.write_text(header + body, encoding="utf-8")
    return runner.invoke(args=["users", "import", str(path)])


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def error_lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("line ")]


def test_import_creates_people_teams_managers_and_paths(app, runner, tmp_path, existing):
    body = (
        "wes@example.com,Wes West,manager,West,,2026-01-05,\n"
        "cy@example.com,Cy,rep,West,wes@example.com,2026-02-02,starter\n"
        "dee@example.com,Dee,rep,,boss@example.com,2026-02-09,starter\n"
        "Eve@Example.com , Eve ,trainer,,,,\n"
    )
    result = run_import(runner, tmp_path, body)
    assert result.exit_code == 0, result.output
    assert "Imported 4 user(s)." in result.output
    with app.app_context():
        users = {u.email: u for u in db.session.scalars(select(User))}
        west = db.session.scalar(select(Team).where(Team.name == "West"))
        assert [m.email for m in west.managers] == ["wes@example.com"]
        assert users["cy@example.com"].team is west
        assert users["dee@example.com"].team.name == "East"  # the manager's team
        assert users["eve@example.com"].name == "Eve"
        assert users["eve@example.com"].start_date == date.today()
        starts = dict(db.session.execute(select(Enrollment.user_id, Enrollment.start_date)).all())
        assert starts == {
            users["cy@example.com"].id: date(2026, 2, 2),
            users["dee@example.com"].id: date(2026, 2, 9),
        }
        # Nobody can sign in with a guessable password until an admin sets one.
        assert not verify_password(users["cy@example.com"].password_hash, PASSWORD)
        assert not verify_password(users["cy@example.com"].password_hash, "")


def test_a_manager_later_in_the_file_is_created_first(app, runner, tmp_path, existing):
    body = "cy@example.com,Cy,rep,West,wes@example.com,,\nwes@example.com,Wes,manager,West,,,\n"
    result = run_import(runner, tmp_path, body)
    assert result.exit_code == 0, result.output
    with app.app_context():
        west = db.session.scalar(select(Team).where(Team.name == "West"))
        assert [m.email for m in west.managers] == ["wes@example.com"]
        assert sorted(u.email for u in west.members) == ["cy@example.com", "wes@example.com"]


def test_every_error_is_listed_by_line_and_nothing_is_stored(app, runner, tmp_path, existing):
    before = user_count(app)
    body = (
        "ok@example.com,Fine Person,rep,East,boss@example.com,2026-01-05,starter\n"
        "boss@example.com,Again,manager,East,,,\n"
        "not-an-email,X,rep,,,,\n"
        ",No Email,rep,,,,\n"
        "ok@example.com,Twice,rep,,,,\n"
        "a@example.com,,chief,,,,\n"
        "b@example.com,B,rep,Nowhere,,2026-13-01,\n"
        "c@example.com,C,rep,,ghost@example.com,,nope\n"
        "d@example.com,D,rep,,admin@example.com,05/01/2026\n"
        "e@example.com,E,rep,,ok@example.com,,\n"
    )
    result = run_import(runner, tmp_path, body)
    assert result.exit_code == 1
    assert error_lines(result) == [
        "line 3: a user with email boss@example.com already exists",
        "line 4: 'not-an-email' is not an email address",
        "line 5: email is empty",
        "line 6: email ok@example.com is also on line 2",
        "line 7: name is empty",
        "line 7: role 'chief' is not one of rep, manager, trainer, admin",
        "line 8: start_date '2026-13-01' is not a date; write YYYY-MM-DD",
        "line 8: no team 'Nowhere'; create it under Admin > Teams, or add a line for its manager (role manager, same team)",
        "line 9: no active manager or admin with email ghost@example.com",
        "line 9: no onboarding path 'nope'; import the courses first",
        "line 10: expected 7 fields, found 6",
        "line 11: no active manager or admin with email ok@example.com",
    ]
    assert "12 error(s); nothing was imported." in result.output
    assert user_count(app) == before


def test_one_bad_line_stores_nothing_of_the_good_ones(app, runner, tmp_path, existing):
    before = user_count(app)
    body = "good@example.com,Good,rep,East,,,starter\nbad@example.com,Bad,rep,,,someday,\n"
    result = run_import(runner, tmp_path, body)
    assert error_lines(result) == ["line 3: start_date 'someday' is not a date; write YYYY-MM-DD"]
    assert user_count(app) == before
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 0


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("email,name,role,team,start_date,path\n", "missing manager"),
        ("email,name,role,team,manager,start_date,path,salary\n", "unknown salary"),
        ("email,email,name,role,team,manager,start_date,path\n", "a column named twice"),
        ("", "missing email, name, role, team, manager, start_date, path"),
    ],
)
def test_a_bad_header_is_line_1(app, runner, tmp_path, existing, header, message):
    result = run_import(runner, tmp_path, "x@example.com,X,rep,,,,\n" if header else "", header)
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line.startswith("line 1: the header must name the columns email,name,role,team,")
    assert message in line


def test_columns_in_any_order_blank_lines_and_quoted_newlines(app, runner, tmp_path, existing):
    header = "name,email,role,path,team,manager,start_date\n"
    body = '"Ana\nRuiz",ana@example.com,rep,starter,East,,\n\nBo,bo@example.com,rep,nope,East,,\n'
    result = run_import(runner, tmp_path, body, header)
    # The quoted name spans lines 2-3 and a blank line follows: Bo is on line 5.
    assert error_lines(result) == ["line 5: no onboarding path 'nope'; import the courses first"]


def test_a_new_team_needs_a_manager_line(app, runner, tmp_path, existing):
    body = "wes@example.com,Wes,admin,North,,,\ncy@example.com,Cy,rep,North,wes@example.com,,\n"
    result = run_import(runner, tmp_path, body)
    assert [e.split(";")[0] for e in error_lines(result)] == [
        "line 2: no team 'North'",
        "line 3: no team 'North'",
    ]


def test_managers_naming_each_other_are_refused(app, runner, tmp_path, existing):
    body = (
        "m1@example.com,M1,manager,East,m2@example.com,,\n"
        "m2@example.com,M2,manager,East,m1@example.com,,\n"
    )
    result = run_import(runner, tmp_path, body)
    assert result.exit_code == 1
    assert error_lines(result) == [
        "line 2: manager m2@example.com cannot come first: managers in this file name each other in a loop",
        "line 3: manager m1@example.com cannot come first: managers in this file name each other in a loop",
    ]
    assert user_count(app) == 2


def test_a_deactivated_manager_cannot_be_named(app, runner, tmp_path, existing):
    with app.app_context(), db.writing() as session:
        session.scalar(select(User).where(User.email == "boss@example.com")).active = False
    result = run_import(runner, tmp_path, "x@example.com,X,rep,,boss@example.com,,\n")
    assert error_lines(result) == ["line 2: no active manager or admin with email boss@example.com"]
