"""Each user may choose a time zone: it decides their today, their due words and reminders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lms import clock
from lms.db import db
from lms.messaging.reminders import schedule
from lms.models import Notification, User
from tests.conftest import make_user
from tests.helpers.sign_in import signed_in_client

# Noon UTC on 10 March: 11 March already in Kiritimati (UTC+14), still 10 March in UTC.
INSTANT = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
ORG_TODAY = INSTANT.date()
KIRITIMATI_TODAY = ORG_TODAY + timedelta(days=1)


@pytest.fixture
def frozen(freeze_clock):
    freeze_clock(INSTANT)


def with_zone(app, user_id: int, zone: str) -> int:
    with app.app_context(), db.writing() as session:
        session.get(User, user_id).time_zone = zone
    return user_id


def choose(client, zone: str):
    page = client.get("/account/time-zone")
    assert page.status_code == 200
    return client.post("/account/time-zone", data={"time_zone": zone})


def test_a_rep_in_their_own_zone_sees_due_today_where_the_org_says_tomorrow(app, courses, frozen):
    make_user(app, start=KIRITIMATI_TODAY - timedelta(days=3))  # basics is due three days in
    client = signed_in_client(app)
    before = client.get("/").get_data(as_text=True)
    assert f'Due tomorrow (<time datetime="{KIRITIMATI_TODAY.isoformat()}">' in before

    saved = choose(client, "Pacific/Kiritimati")
    assert saved.status_code == 302
    assert "Your time zone is now Pacific/Kiritimati." in client.get("/account/time-zone").get_data(
        as_text=True
    )
    after = client.get("/").get_data(as_text=True)
    assert f'Due today (<time datetime="{KIRITIMATI_TODAY.isoformat()}">' in after


def test_an_unknown_zone_is_refused_on_its_field_and_nothing_changes(app, courses, frozen):
    user_id = make_user(app)
    client = signed_in_client(app)
    refused = choose(client, "Mars/Olympus_Mons")
    assert refused.status_code == 200
    assert "Choose a time zone from the list." in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, user_id).time_zone is None


def test_the_organisation_default_can_be_chosen_again(app, courses, frozen):
    user_id = with_zone(app, make_user(app), "Pacific/Kiritimati")
    client = signed_in_client(app)
    assert choose(client, "").status_code == 302
    with app.app_context():
        assert db.session.get(User, user_id).time_zone is None
        assert clock.today(db.session.get(User, user_id)) == ORG_TODAY


def test_a_reminder_counts_the_day_in_the_reps_zone(app, courses, frozen):
    # Due on 11 March: tomorrow for the organisation, today in Kiritimati.
    start = KIRITIMATI_TODAY - timedelta(days=3)
    with_zone(app, make_user(app, "far@example.com", start=start), "Pacific/Kiritimati")
    make_user(app, "near@example.com", start=start)
    with app.app_context(), db.writing() as session:
        schedule(session, ORG_TODAY)
    with app.app_context():
        keys = {n.key.rsplit(":", 1)[0] for n in db.session.query(Notification).all()}
        users = {u.email: u.id for u in db.session.query(User).all()}
    assert f"reminder:{users['far@example.com']}:{KIRITIMATI_TODAY.isoformat()}" in keys
    assert f"reminder:{users['near@example.com']}:{ORG_TODAY.isoformat()}" in keys


def test_the_zone_list_is_read_from_disk_once_per_process(app, courses, monkeypatch):
    """available_timezones() walks the zone files: once per request made the page slow."""
    from lms.auth import forms

    make_user(app)
    client = signed_in_client(app)
    forms.zone_choices.cache_clear()
    calls = []
    real = forms.available_timezones
    monkeypatch.setattr(forms, "available_timezones", lambda: calls.append(1) or real())
    for _ in range(3):
        page = client.get("/account/time-zone").text
    assert len(calls) == 1
    assert '<option value="Asia/Tokyo">Asia/Tokyo</option>' in page
    assert '<option value="" selected>' in page
