"""Scheduled emails leave at the sending hour in each recipient's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from lms.db import db
from lms.messaging import digest
from lms.messaging.reminders import schedule
from lms.models import Notification, Role, User
from tests.conftest import make_user
from tests.notifications.conftest import send

# A Monday, 05:00 UTC: midnight in New York, 14:00 in Tokyo.
INSTANT = datetime(2026, 12, 7, 5, 0, tzinfo=UTC)


def rep_in(app, email: str, zone: str | None) -> int:
    """A rep whose courses are all overdue, living in `zone`."""
    user_id = make_user(app, email, start=INSTANT.date() - timedelta(days=20))
    with app.app_context(), db.writing() as session:
        session.get(User, user_id).time_zone = zone
    return user_id


def leaves_at(app, channel: str) -> dict[str, datetime]:
    with app.app_context():
        rows = db.session.execute(
            select(User.email, Notification.next_attempt_at)
            .join(User, User.id == Notification.user_id)
            .where(Notification.channel == channel)
        ).all()
    return {email: when.astimezone(UTC) for email, when in rows}


def test_a_reminder_waits_for_eight_in_the_reps_own_zone(app, courses, smtp, freeze_clock):
    freeze_clock(INSTANT)
    rep_in(app, "ny@example.com", "America/New_York")
    rep_in(app, "tokyo@example.com", "Asia/Tokyo")
    rep_in(app, "org@example.com", None)  # the organisation's zone: UTC here
    with app.app_context(), db.writing() as session:
        assert schedule(session, INSTANT.date(), hour=8) == 6
    assert leaves_at(app, "email") == {
        "ny@example.com": datetime(2026, 12, 7, 13, 0, tzinfo=UTC),  # 08:00 EST
        "tokyo@example.com": INSTANT,  # 08:00 has passed in Tokyo: at once
        "org@example.com": datetime(2026, 12, 7, 8, 0, tzinfo=UTC),
    }
    assert set(leaves_at(app, "app")) == {"ny@example.com", "tokyo@example.com", "org@example.com"}
    send(app)
    assert [m["To"] for m in smtp.messages] == ["tokyo@example.com"]
    freeze_clock(datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    send(app)
    assert [m["To"] for m in smtp.messages][1:] == ["org@example.com"]
    freeze_clock(datetime(2026, 12, 7, 13, 0, tzinfo=UTC))
    send(app)
    assert [m["To"] for m in smtp.messages][2:] == ["ny@example.com"]


def test_the_digest_waits_for_the_managers_hour(app, courses, smtp, freeze_clock):
    freeze_clock(INSTANT)
    boss = make_user(app, "boss@example.com", role=Role.MANAGER, team_name="East")
    make_user(app, "ana@example.com", team_name="East", start=INSTANT.date() - timedelta(20))
    with app.app_context(), db.writing() as session:
        session.get(User, boss).time_zone = "Europe/Berlin"
    with app.app_context(), db.writing() as session:
        assert digest.schedule(session, INSTANT.date(), weekday=0, hour=9) == 2
    assert leaves_at(app, "email") == {
        "boss@example.com": datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
    }


def test_the_command_refuses_an_hour_that_is_not_one(app, courses):
    app.config["SEND_HOUR"] = 24
    result = app.test_cli_runner().invoke(args=["notify", "schedule"])
    assert result.exit_code != 0
    assert "SEND_HOUR must be an hour from 0 to 23, not 24" in result.output
