"""`flask users import FILE.csv`: every error as `line N: message`, all or nothing."""

from datetime import date

import pytest
from sqlalchemy import func, select

from lms.db import db
from lms.models import Enrollment, Role, Team, User
from lms.people.passwords import verify_password
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
    assert "Imported: 4 created; 0 updated; 0 deactivated; 1 new team(s)" in result.output
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
        "boss@example.com,Boss,manager,East,,,\n"
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
    assert "11 error(s); nothing was imported." in result.output
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
        ("email,team,manager,start_date,path\n", "missing name, role"),
        ("email,email,name,role,team,manager,start_date,path\n", "email named twice"),
        ("", "missing email, name, role"),
    ],
)
def test_a_bad_header_is_line_1(app, runner, tmp_path, existing, header, message):
    result = run_import(runner, tmp_path, "x@example.com,X,rep,,,,\n" if header else "", header)
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line.startswith(
        "line 1: the header must name the columns email,name,role and may name team,"
    )
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


def test_managers_naming_each_other_both_manage_the_team(app, runner, tmp_path, existing):
    body = (
        "m1@example.com,M1,manager,East,m2@example.com,,\n"
        "m2@example.com,M2,manager,East,m1@example.com,,\n"
    )
    result = run_import(runner, tmp_path, body)
    assert result.exit_code == 0, result.output
    with app.app_context():
        east = db.session.scalar(select(Team).where(Team.name == "East"))
        assert sorted(m.email for m in east.managers) == [
            "boss@example.com",
            "m1@example.com",
            "m2@example.com",
        ]


def test_a_deactivated_manager_cannot_be_named(app, runner, tmp_path, existing):
    with app.app_context(), db.writing() as session:
        session.scalar(select(User).where(User.email == "boss@example.com")).active = False
    result = run_import(runner, tmp_path, "x@example.com,X,rep,,boss@example.com,,\n")
    assert error_lines(result) == ["line 2: no active manager or admin with email boss@example.com"]


# Importing an HR export again (issue 13): update by email, detect the format, say what changed.

HR_FILE = (
    "wes@example.com,Wes West,manager,West,,2026-01-05,\n"
    "cy@example.com,Cy,rep,West,wes@example.com,2026-02-02,starter\n"
)


def people(app) -> dict[str, tuple]:
    """email -> (name, team, active) for everyone."""
    with app.app_context():
        users = db.session.scalars(select(User)).all()
        return {u.email: (u.name, u.team.name if u.team else None, u.active) for u in users}


def test_the_same_file_twice_changes_nothing_the_second_time(app, runner, tmp_path, existing):
    assert run_import(runner, tmp_path, HR_FILE).exit_code == 0
    before = people(app)
    result = run_import(runner, tmp_path, HR_FILE)
    assert result.exit_code == 0, result.output
    assert "Nothing to change: everyone in the file is already up to date." in result.output
    assert people(app) == before


def test_a_second_export_updates_names_teams_and_managers(app, runner, tmp_path, existing):
    assert run_import(runner, tmp_path, HR_FILE).exit_code == 0
    body = (
        "wes@example.com,Wes West,manager,West,,2026-01-05,\n"
        "cy@example.com,Cy Young,rep,East,wes@example.com,2026-02-02,starter\n"
        "new@example.com,New Person,rep,west,,,\n"
    )
    result = run_import(runner, tmp_path, body)
    assert result.exit_code == 0, result.output
    assert "line 3: update cy@example.com: name Cy -> Cy Young; team West -> East" in result.output
    assert "line 3: wes@example.com becomes a manager of East" in result.output
    assert (
        "Imported: 1 created; 1 updated; 0 deactivated; 1 new team manager(s); 1 unchanged."
        in result.output
    )
    assert people(app)["cy@example.com"] == ("Cy Young", "East", True)
    assert people(app)["new@example.com"] == ("New Person", "West", True)  # "west" is West
    with app.app_context():
        east = db.session.scalar(select(Team).where(Team.name == "East"))
        assert sorted(m.email for m in east.managers) == ["boss@example.com", "wes@example.com"]


def test_roles_stay_and_deactivated_people_are_not_reactivated(app, runner, tmp_path, existing):
    with app.app_context(), db.writing() as session:
        session.scalar(select(User).where(User.email == "boss@example.com")).active = False
    result = run_import(runner, tmp_path, "boss@example.com,Boss,REP,,,,\n")
    assert result.exit_code == 0, result.output
    assert (
        "line 2: boss@example.com stays manager (the file says rep); change roles on their page"
        in result.output
    )
    assert "line 2: boss@example.com is deactivated; reactivate them on their page" in result.output
    assert people(app)["boss@example.com"] == ("Boss", "East", False)


def test_deactivate_missing_reps_and_managers_only(app, runner, tmp_path, existing):
    make_user(app, "trainer@example.com", Role.TRAINER)
    make_user(app, "gone@example.com", Role.REP, team_name="East")
    path = tmp_path / "people.csv"
    path.write_text(HEADER + HR_FILE + "boss@example.com,Boss,manager,East,,,\n", encoding="utf-8")
    dry = runner.invoke(args=["users", "import", str(path), "--deactivate-missing", "--dry-run"])
    assert "deactivate gone@example.com (not in the file)" in dry.output
    assert "Dry run: 2 to create; 0 to update; 1 to deactivate" in dry.output
    assert people(app)["gone@example.com"][2] is True
    assert "wes@example.com" not in people(app)

    result = runner.invoke(args=["users", "import", str(path), "--deactivate-missing"])
    assert result.exit_code == 0, result.output
    state = people(app)
    assert state["gone@example.com"][2] is False
    assert state["admin@example.com"][2] and state["trainer@example.com"][2]
    assert state["boss@example.com"][2] and state["cy@example.com"][2]


def test_deactivating_a_manager_the_file_names_is_refused(app, runner, tmp_path, existing):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "x@example.com,X,rep,,boss@example.com,,\n", encoding="utf-8")
    result = runner.invoke(args=["users", "import", str(path), "--deactivate-missing"])
    assert result.exit_code == 1
    assert error_lines(result) == [
        "line 2: manager boss@example.com is not in the file, so would be deactivated; add their line or do not deactivate missing people"
    ]


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_delimiter_bom_extra_columns_and_case_are_handled(
    app, runner, tmp_path, existing, delimiter
):
    rows = [
        ["Employee ID", "EMAIL", "Name", "Role", "Team", "Department"],
        ["17", "ana@example.com", "Ana Ruiz", "Rep", "EAST", "Sales; EMEA"],
        ["18", "bo@example.com", "Bo", "rep", "east", "Sales"],
    ]
    text = "\n".join(delimiter.join(f'"{c}"' if ";" in c else c for c in r) for r in rows)
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = runner.invoke(args=["users", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "line 1: ignored the column(s) employee id, department" in result.output
    assert people(app)["ana@example.com"] == ("Ana Ruiz", "East", True)
    assert people(app)["bo@example.com"] == ("Bo", "East", True)


def test_a_file_that_is_not_utf8_names_its_lines(app, runner, tmp_path, existing):
    path = tmp_path / "latin1.csv"
    body = HEADER + "ana@example.com,Ana,rep,,,,\n" + "jose@example.com,José Núñez,rep,,,,\n"
    path.write_bytes(body.encode("cp1252"))
    result = runner.invoke(args=["users", "import", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert error_lines(result) == [
        'line 3: byte 0xe9 at position 21 is not UTF-8; save it as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8) and import it again'
    ]
    assert "ana@example.com" not in people(app)


def test_an_import_is_written_in_each_persons_history(app, runner, tmp_path, existing):
    from lms.models import UserEvent

    run_import(runner, tmp_path, HR_FILE)
    run_import(runner, tmp_path, "cy@example.com,Cy,rep,East,,,\n")
    with app.app_context():
        cy = db.session.scalar(select(User).where(User.email == "cy@example.com"))
        events = db.session.scalars(
            select(UserEvent).where(UserEvent.user_id == cy.id).order_by(UserEvent.id)
        ).all()
        assert [e.kind for e in events] == ["created", "path_assigned", "team_changed"]
        assert events[0].details == {
            "role": "rep",
            "team": "West",
            "start_date": "2026-02-02",
            "line": 3,
            "source": "import",
            "file": "people.csv",
        }
        assert events[2].details["old"] == "West" and events[2].details["new"] == "East"
        assert all(e.actor_id is None for e in events)
