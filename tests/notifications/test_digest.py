"""The manager's weekly digest: changes since last week, who needs a look, disagreements."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from lms.db import db
from lms.messaging.digest import iso_week, parse_weekday
from lms.models import (
    DigestSnapshot,
    Judgement,
    Notification,
    NotificationPreference,
    Role,
    User,
    Verdict,
)
from tests.conftest import make_user
from tests.notifications.conftest import BASE_URL, MONDAY, NEXT_MONDAY, parts, run, send


def stored(app, channel=None) -> list[Notification]:
    with app.app_context():
        query = select(Notification).order_by(Notification.id)
        if channel:
            query = query.where(Notification.channel == channel)
        return db.session.scalars(query).all()


def east(app) -> dict[str, int]:
    """Team East: boss manages it; Ana is overdue; Bo started yesterday, judged ready."""
    ids = {
        "boss": make_user(app, "boss@example.com", role=Role.MANAGER, team_name="East"),
        "ana": make_user(app, "ana@example.com", team_name="East", start=MONDAY - timedelta(20)),
        "bo": make_user(app, "bo@example.com", team_name="East", start=MONDAY - timedelta(1)),
    }
    with app.app_context(), db.writing() as session:
        session.add(Judgement(rep_id=ids["bo"], manager_id=ids["boss"], verdict=Verdict.READY))
    return ids


def test_weekday_setting_takes_names_and_numbers():
    assert parse_weekday("monday") == parse_weekday("Mon") == parse_weekday(0) == 0
    assert parse_weekday("friday") == parse_weekday("4") == 4
    for wrong in ("someday", "7", ""):
        try:
            parse_weekday(wrong)
        except ValueError as error:
            assert "DIGEST_WEEKDAY" in str(error)
        else:
            raise AssertionError(wrong)


def test_the_first_digest_lists_who_needs_a_look_and_disagreements(app, courses, smtp):
    east(app)
    assert run(app, MONDAY + timedelta(days=1)) == 0  # not the digest's day
    assert run(app) == 2  # in the app and by email
    assert run(app) == 0  # the scheduler ran twice: nothing twice
    assert run(app, MONDAY + timedelta(days=3), weekday=3) == 0  # same ISO week, other day
    email = stored(app, "email")[0]
    assert email.key == f"digest:{email.user_id}:{iso_week(MONDAY)}:email"
    assert email.subject == "Weekly digest: 1 needs a look, 1 disagreement"
    text = email.body_text
    assert "East: 1 not started, 1 overdue" in text
    assert "First digest for this team" in text
    assert "- Ana (overdue): Basics was due 17 days ago; 0 of 2 modules done" in text
    assert "- Bo: the data says not started, the latest judgement says ready" in text
    [app_entry] = stored(app, "app")
    assert app_entry.body_text == "East: 0 changed, 1 need a look, 1 disagree"
    send(app)
    [message] = smtp.messages
    assert message["To"] == "boss@example.com"
    assert message["List-Unsubscribe"].startswith(f"<{BASE_URL}/unsubscribe/")
    _text, html = parts(message)
    assert "Needs a look" in html and "Basics was due 17 days ago" in html
    assert f'href="{BASE_URL}/reports/teams/' in html


def test_next_week_says_what_changed_since_the_stored_statuses(app, courses):
    ids = east(app)
    run(app)
    with app.app_context():
        [snapshot] = db.session.scalars(select(DigestSnapshot)).all()
        assert snapshot.statuses[str(ids["bo"])] == {"name": "Bo", "status": "not started"}
    make_user(app, "cy@example.com", team_name="East", start=NEXT_MONDAY)
    with app.app_context(), db.writing() as session:
        session.get(User, ids["ana"]).active = False
    assert run(app, NEXT_MONDAY) == 2
    text = stored(app, "email")[-1].body_text
    assert "Changed since last week:" in text
    assert "- Bo: not started -> overdue" in text  # basics was due on day 3
    assert "- Cy: new on the team -> not started" in text
    assert "- Ana: no longer on the team" in text
    assert "First digest" not in text


def test_preferences_and_inactive_or_teamless_managers(app, courses):
    ids = east(app)
    make_user(app, "solo@example.com", role=Role.MANAGER)  # manages no team
    gone = make_user(app, "gone@example.com", role=Role.MANAGER, team_name="West")
    make_user(app, "cy@example.com", team_name="West", start=MONDAY - timedelta(20))
    with app.app_context(), db.writing() as session:
        session.get(User, gone).active = False
        session.add(
            NotificationPreference(
                user_id=ids["boss"], kind="digest", channel="email", enabled=False
            )
        )
    assert run(app) == 1
    assert [(n.user_id, n.channel) for n in stored(app)] == [(ids["boss"], "app")]


def test_the_command_queues_the_digest_on_its_weekday_only(app, courses):
    east(app)
    today = date.today()
    runner = app.test_cli_runner()
    app.config["DIGEST_WEEKDAY"] = (today.weekday() + 1) % 7
    assert "digest" not in runner.invoke(args=["notify", "schedule"]).output
    app.config["DIGEST_WEEKDAY"] = today.strftime("%A")
    assert "queued 2 digest message(s)" in runner.invoke(args=["notify", "schedule"]).output
    assert "queued 0 digest message(s)" in runner.invoke(args=["notify", "schedule"]).output
    app.config["DIGEST_WEEKDAY"] = "someday"
    result = runner.invoke(args=["notify", "schedule"])
    assert result.exit_code != 0 and "DIGEST_WEEKDAY" in result.output


def test_the_digest_counts_practice_reviews_waiting_for_the_team(app, courses, smtp):
    from lms.models import Module, PracticeSubmission, SubmissionStatus

    ids = east(app)
    with app.app_context(), db.writing() as session:
        module_id = session.scalar(select(Module.id).limit(1))
        for number, status in enumerate([SubmissionStatus.WAITING] * 2 + [SubmissionStatus.PASSED]):
            session.add(
                PracticeSubmission(
                    user_id=ids["ana"],
                    module_id=module_id,
                    number=number + 1,
                    token=f"t{number}",
                    text="My pitch",
                    status=status,
                )
            )
    run(app)
    send(app)
    [email] = smtp.to("boss@example.com")
    assert email["Subject"] == "Weekly digest: 1 needs a look, 1 disagreement, 2 reviews waiting"
    text, html = parts(email)
    assert f"Practice reviews waiting: 2, oldest first at {BASE_URL}/practice/reviews?team=" in text
    assert "2 practice reviews waiting</a>" in html
