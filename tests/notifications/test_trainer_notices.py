"""Trainers hear of questions newly flagged by question quality and of import conflicts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from lms import clock
from lms.db import db
from lms.messaging.trainers import schedule_flags
from lms.models import Notification, QuestionFlagNotice, Role, User
from tests.conftest import BASICS_QUIZ, import_folder, make_user, submit_quiz
from tests.helpers.courses import publish_in_app
from tests.helpers.sign_in import sign_in
from tests.notifications.conftest import BASE_URL, parts, send

TODAY = date(2026, 12, 7)


def answer(app, n: int, funnel: str, start: int = 0) -> None:
    """n new reps sit the basics quiz: colours always right, funnel as given."""
    for i in range(start, start + n):
        rep = app.test_client()
        make_user(app, email=f"r{i}@example.com")
        sign_in(rep, f"r{i}@example.com")
        submit_quiz(
            rep,
            BASICS_QUIZ,
            {"capital": "Paris" if i % 2 else "Lyon", "colours": ["Red", "Blue"], "funnel": funnel},
        )


def flags_run(app, min_answers=3) -> int:
    with app.app_context(), db.writing() as session:
        return schedule_flags(session, TODAY, clock.now(), min_answers)


def mail_to(app, email: str, kind: str) -> list[Notification]:
    with app.app_context():
        return db.session.scalars(
            select(Notification)
            .join(User, User.id == Notification.user_id)
            .where(Notification.kind == kind, Notification.channel == "email", User.email == email)
            .order_by(Notification.id)
        ).all()


def notices(app) -> set[tuple[str, str]]:
    with app.app_context():
        return {(n.question_key, n.flag) for n in db.session.scalars(select(QuestionFlagNotice))}


def test_newly_flagged_questions_reach_trainers_and_admins_once(app, courses, smtp):
    make_user(app, "author@example.com", role=Role.TRAINER)
    make_user(app, "root@example.com", role=Role.ADMIN)
    make_user(app, "boss@example.com", role=Role.MANAGER, team_name="East")
    answer(app, 3, funnel="nope")
    assert flags_run(app, min_answers=10) == 0  # 3 answers are too few to judge
    assert flags_run(app) == 4  # app and email, for the trainer and the admin
    assert notices(app) == {
        ("colours", "Nearly everyone gets it right"),
        ("funnel", "Nearly everyone gets it wrong"),
    }
    assert flags_run(app) == 0  # each flag is announced once
    answer(app, 1, funnel="nope", start=3)
    assert flags_run(app) == 0  # still the same flags
    send(app)
    assert sorted(m["To"] for m in smtp.messages) == ["author@example.com", "root@example.com"]
    message = smtp.messages[0]
    assert message["Subject"] == "2 questions newly flagged by question quality"
    assert message["List-Unsubscribe"].startswith(f"<{BASE_URL}/unsubscribe/")
    text, html = parts(message)
    assert '- Basics > A quiz module: "Which funnel stage does sales own? (one word)"' in text
    assert "Nearly everyone gets it wrong (3 answers)" in text
    assert f"{BASE_URL}/authoring/courses/basics/quality" in text
    assert f'href="{BASE_URL}/authoring/courses/basics/quality"' in html
    assert mail_to(app, "boss@example.com", "question_flags") == []


def test_a_flag_that_lapses_and_returns_is_announced_again(app, courses, smtp):
    make_user(app, "author@example.com", role=Role.TRAINER)
    answer(app, 3, funnel="nope")
    assert flags_run(app) == 2
    answer(app, 2, funnel="purchase", start=3)  # funnel: 2 of 5 right, no longer flagged
    assert flags_run(app) == 0
    assert ("funnel", "Nearly everyone gets it wrong") not in notices(app)
    answer(app, 4, funnel="nope", start=5)  # 2 of 9 right: flagged again
    assert flags_run(app) == 2
    [_, again] = mail_to(app, "author@example.com", "question_flags")
    assert again.subject == "1 question newly flagged by question quality"
    assert "Nearly everyone gets it wrong" in again.body_text
    assert "Nearly everyone gets it right" not in again.body_text  # colours: told already


def test_an_import_conflict_reaches_trainers_in_the_import_transaction(app, courses, smtp):
    trainer = make_user(app, "author@example.com", role=Role.TRAINER)
    gone = make_user(app, "gone@example.com", role=Role.TRAINER)
    with app.app_context(), db.writing() as session:
        session.get(User, gone).active = False
    publish_in_app(app, trainer)
    summary = import_folder(app)  # the files still hold the old basics/quiz
    assert [c.key for c in summary.conflicts] == ["basics/quiz"]
    [email] = mail_to(app, "author@example.com", "import_conflicts")
    assert email.subject == "An import kept 1 module edited in the app"
    assert "basics/quiz: version 2, published by" in email.body_text
    assert "--overwrite" in email.body_text
    import_folder(app)  # CI imports the same files again: nothing new to say
    assert len(mail_to(app, "author@example.com", "import_conflicts")) == 1
    assert mail_to(app, "gone@example.com", "import_conflicts") == []
    with app.app_context():
        inbox = db.session.scalars(
            select(Notification.subject).where(
                Notification.kind == "import_conflicts", Notification.channel == "app"
            )
        ).all()
    assert inbox == ["An import kept 1 module edited in the app"]


def test_a_dry_run_tells_no_one(app, courses, runner):
    trainer = make_user(app, "author@example.com", role=Role.TRAINER)
    publish_in_app(app, trainer)
    app.config["COURSES_DIR"] = str(app.config["COURSES_DIR"])
    result = runner.invoke(args=["courses", "import", "--dry-run"])
    assert "would be left as it is" in result.output
    assert mail_to(app, "author@example.com", "import_conflicts") == []
