"""At a frozen instant when the organisation's date is not the server's, the app goes by the org's.

UTC+14 (Kiritimati) is a day ahead of UTC at noon UTC; Los Angeles is a day behind at 03:00 UTC.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from lms import clock
from lms.db import db
from lms.models import Course, User
from tests.conftest import PASSWORD, build_app, drop_app, make_user
from tests.helpers.hr_import import digest, upload

ZONES = {
    "Pacific/Kiritimati": datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
    "America/Los_Angeles": datetime(2026, 3, 10, 3, 0, tzinfo=UTC),
}


@pytest.fixture(params=list(ZONES))
def org_today(request, freeze_clock):
    """Freeze the clock for the parametrized zone; the org's date, never the UTC one."""
    instant = ZONES[request.param]
    freeze_clock(instant)
    today = instant.astimezone(ZoneInfo(request.param)).date()
    assert today != instant.date()
    request.node.org_zone = request.param
    return today


@pytest.fixture
def app(tmp_path, request, org_today):
    """An app in the frozen zone (overrides the shared fixture, so `org` and `courses` use it)."""
    app = build_app(tmp_path, TIME_ZONE=request.node.org_zone)
    yield app
    drop_app(app)


def signed_in(app, email):
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    return client


def test_the_clock_gives_the_org_date_and_stamps_the_frozen_instant(app, courses, org_today):
    with app.app_context():
        assert clock.today() == org_today
        user_id = make_user(app, start=org_today)
        assert db.session.get(User, user_id).created_at == clock.now()


def test_a_course_due_on_the_org_date_is_due_today(app, courses, org_today):
    make_user(app, start=org_today - timedelta(days=3))  # basics is due three days in
    home = signed_in(app, "rep@example.com").get("/").get_data(as_text=True)
    assert f'Due today (<time datetime="{org_today.isoformat()}">' in home


def test_a_new_due_date_may_be_the_org_today_but_not_the_day_before(app, org, org_today):
    boss = signed_in(app, "boss@example.com")
    with app.app_context():
        course_id = db.session.scalar(select(Course.id).where(Course.slug == "basics"))
    url = f"/teams/{org['east']}/reps/{org['ana']}/remedies/due-date"
    data = {"due-target": f"course:{course_id}", "due-reason": "Was on leave"}
    yesterday = {**data, "due-new_date": (org_today - timedelta(days=1)).isoformat()}
    refused = boss.post(url, data=yesterday)
    assert refused.status_code == 422
    assert "Choose today or a later date." in refused.get_data(as_text=True)
    assert boss.post(url, data={**data, "due-new_date": org_today.isoformat()}).status_code == 302


def test_an_hr_import_row_without_a_start_date_starts_on_the_org_date(app, org, org_today):
    admin = signed_in(app, "admin@example.com")
    location = upload(admin, "dee@example.com,Dee,rep,East,\n").headers["Location"]
    html = admin.get(location).get_data(as_text=True)
    assert admin.post(f"{location}/confirm", data={"digest": digest(html)}).status_code == 302
    with app.app_context():
        dee = db.session.scalar(select(User).where(User.email == "dee@example.com"))
        assert dee.start_date == org_today


def test_a_user_created_from_the_cli_without_a_start_date_starts_on_the_org_date(app, org_today):
    args = ["users", "create", "--email", "cli@example.com", "--name", "Cli", "--role", "admin"]
    result = app.test_cli_runner().invoke(args=[*args, "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "cli@example.com"))
        assert user.start_date == org_today
