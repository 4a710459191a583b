"""`flask users create` and `flask demo`."""

from datetime import date

from sqlalchemy import func, select

from lms.cli.seed import TEAM_ATLAS
from lms.db import db
from lms.models import Attempt, Enrollment, ModuleProgress, Role, User
from lms.people.passwords import verify_password


def test_create_rep_with_team_manager_and_path(app, runner, courses):
    manager = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Boss@Example.com",
            "--name",
            "Boss",
            "--role",
            "manager",
            "--team",
            "East",
            "--password",
            "long-enough-pass",
        ]
    )
    assert manager.exit_code == 0, manager.output
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "new@example.com",
            "--name",
            "New Rep",
            "--role",
            "rep",
            "--manager",
            "boss@example.com",
            "--start-date",
            "2026-11-02",
            "--path",
            "starter",
            "--password",
            "long-enough-pass",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        rep = db.session.scalar(select(User).where(User.email == "new@example.com"))
        assert rep.role is Role.REP and rep.team.name == "East"
        assert [m.email for m in rep.team.managers] == ["boss@example.com"]
        enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == rep.id))
        assert enrollment.start_date == date(2026, 11, 2)
        assert verify_password(rep.password_hash, "long-enough-pass")


def test_create_prompts_for_the_password(app, runner):
    result = runner.invoke(
        args=["users", "create", "--email", "t@example.com", "--name", "T", "--role", "trainer"],
        input="prompted-password\nprompted-password\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert verify_password(user.password_hash, "prompted-password")


def test_create_refuses_duplicates_short_passwords_and_unknown_paths(app, runner, courses):
    base = ["users", "create", "--name", "X", "--role", "rep"]
    ok = runner.invoke(args=[*base, "--email", "x@example.com", "--password", "long-enough-pass"])
    assert ok.exit_code == 0
    cases = [
        (["--email", "x@example.com", "--password", "long-enough-pass"], "already exists"),
        (["--email", "y@example.com", "--password", "short"], "at least 12 characters"),
        (
            ["--email", "z@example.com", "--password", "long-enough-pass", "--path", "nope"],
            "No onboarding path 'nope'",
        ),
    ]
    for extra, message in cases:
        result = runner.invoke(args=[*base, *extra])
        assert result.exit_code == 1
        assert message in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_demo_is_idempotent_and_gives_the_rep_progress(app, runner):
    app.config["COURSES_DIR"] = str(__import__("tests.conftest").conftest.SHIPPED_COURSES)
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "(0 new)" in second.output
    with app.app_context():
        # The four demo accounts, Team Atlas's reps (issue 3) and the certification demo's.
        from lms.cli.seed_certification import CERTIFIED_REPS

        expected = 4 + len(TEAM_ATLAS) + len(CERTIFIED_REPS)
        assert db.session.scalar(select(func.count()).select_from(User)) == expected
        rep = db.session.scalar(select(User).where(User.email == "rep@example.com"))
        manager = db.session.scalar(select(User).where(User.email == "manager@example.com"))
        assert rep.team_id == manager.team_id is not None
        assert manager in rep.team.managers
        done = db.session.scalars(
            select(ModuleProgress).where(
                ModuleProgress.user_id == rep.id, ModuleProgress.completed_at.is_not(None)
            )
        ).all()
        assert len(done) == 1
        assert (
            db.session.scalar(
                select(func.count()).select_from(Attempt).where(Attempt.user_id == rep.id)
            )
            == 2
        )
        assert verify_password(rep.password_hash, "repready-demo")
