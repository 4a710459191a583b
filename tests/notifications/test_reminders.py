"""Reminders: due soon and overdue, grouped, once a day per rep, respecting preferences."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from lms.db import db
from lms.messaging.reminders import schedule
from lms.models import Notification, NotificationPreference, User
from tests.conftest import make_user
from tests.notifications.conftest import BASE_URL, link_in, parts, send

TODAY = date.today()


def run_schedule(app, today=TODAY) -> int:
    with app.app_context(), db.writing() as session:
        return schedule(session, today)


def rows(app) -> list[Notification]:
    with app.app_context():
        return db.session.scalars(select(Notification).order_by(Notification.id)).all()


def test_a_rep_gets_one_grouped_reminder_a_day_by_email_and_in_the_app(app, courses, smtp):
    make_user(app, start=TODAY - timedelta(days=20))  # basics and advanced both overdue
    assert run_schedule(app) == 2  # one in the app, one email
    assert run_schedule(app) == 0  # the scheduler ran twice: nothing twice
    assert sorted(n.channel for n in rows(app)) == ["app", "email"]
    send(app)
    [message] = smtp.messages
    assert message["Subject"] == "2 courses overdue"
    assert message["List-Unsubscribe"].startswith(f"<{BASE_URL}/unsubscribe/")
    text, html = parts(message)
    assert "Basics" in text and "Advanced" in text and "(overdue)" in text
    assert link_in(message, "/courses/basics") == "/courses/basics"
    assert run_schedule(app, TODAY + timedelta(days=1)) == 2  # the next day: a new one


def test_due_soon_counts_three_days_ahead_and_not_further(app, courses, smtp):
    make_user(app, start=TODAY)  # basics due in 3 days or fewer, advanced later
    run_schedule(app)
    email = next(n for n in rows(app) if n.channel == "email")
    assert email.subject == "Due soon: Basics"
    assert "Advanced" not in email.body_text


def test_nothing_due_nothing_sent_and_inactive_reps_get_nothing(app, courses):
    make_user(app, start=TODAY + timedelta(days=30))
    gone = make_user(app, email="gone@example.com", start=TODAY - timedelta(days=20))
    with app.app_context(), db.writing() as session:
        session.get(User, gone).active = False
    assert run_schedule(app) == 0


def test_an_unsubscribed_rep_still_sees_reminders_in_the_app(app, courses):
    rep = make_user(app, start=TODAY - timedelta(days=20))
    with app.app_context(), db.writing() as session:
        session.add(
            NotificationPreference(user_id=rep, kind="reminder", channel="email", enabled=False)
        )
    assert run_schedule(app) == 1
    assert [n.channel for n in rows(app)] == ["app"]


def test_the_commands_schedule_and_send(app, courses, smtp):
    make_user(app, start=TODAY - timedelta(days=20))
    runner = app.test_cli_runner()
    assert "queued 2 reminder(s)" in runner.invoke(args=["notify", "schedule"]).output
    assert "queued 0 reminder(s)" in runner.invoke(args=["notify", "schedule"]).output
    assert "sent 1, to retry 0, failed 0" in runner.invoke(args=["notify", "send"]).output
    assert runner.invoke(args=["notify", "run", "--batches", "1"]).exit_code == 0
    assert len(smtp.messages) == 1
