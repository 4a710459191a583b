"""Expiry and renewal reminders count days on the rep's own calendar, not UTC's."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from lms.db import db
from lms.models import Notification, User
from tests.conftest import import_folder
from tests.helpers.certification import certified, change_module

ZONE = "Pacific/Auckland"  # UTC+13 in summer: 12:00 UTC is 01:00 the next day there


def subjects(app, rep_id: int) -> dict[str, str]:
    with app.app_context():
        rows = db.session.execute(
            select(Notification.key, Notification.subject).where(
                Notification.user_id == rep_id,
                Notification.kind == "certification",
                Notification.channel == "app",
            )
        ).all()
    return {key.split(":")[2]: subject for key, subject in rows}


def test_reminders_fall_on_the_reps_local_days(
    app, client, runner, cert_org, cert_tree, freeze_clock
):
    # Granted at 20:00 UTC: it expires 2028-01-04 20:00 UTC, 2028-01-05 09:00 in Auckland.
    freeze_clock(datetime(2027, 1, 4, 20, 0, tzinfo=UTC))
    grant = certified(app, client, cert_org)
    assert grant.expires_at == datetime(2028, 1, 4, 20, 0, tzinfo=UTC)
    with app.app_context(), db.writing() as session:
        session.get(User, cert_org["ana"]).time_zone = ZONE
    # A module changes, so renewal asks for something and does not renew by itself.
    freeze_clock(datetime(2027, 6, 1, 9, 0, tzinfo=UTC))
    change_module(cert_tree)
    import_folder(app, cert_tree)

    days = [
        # (UTC day at noon, the rep's local date then, reminders sent so far)
        ((2027, 12, 4), ["renewal"]),  # local 5 Dec: 31 days left (UTC's date says 30)
        ((2027, 12, 5), ["expires-30", "renewal"]),  # local 6 Dec: 30 days left
        ((2027, 12, 27), ["expires-30", "renewal"]),  # local 28 Dec: 8 days left
        ((2027, 12, 28), ["expires-30", "expires-7", "renewal"]),  # local 29 Dec: 7 left
    ]
    for day, expected in days:
        freeze_clock(datetime(*day, 12, 0, tzinfo=UTC))
        assert runner.invoke(args=["notify", "schedule"]).exit_code == 0
        assert sorted(subjects(app, cert_org["ana"])) == expected, day
    sent = subjects(app, cert_org["ana"])
    assert sent["renewal"] == "Renew Certified Starter by 2028-01-05"
    assert sent["expires-30"] == "Certified Starter expires in 30 days"
    assert sent["expires-7"] == "Certified Starter expires in 7 days"
