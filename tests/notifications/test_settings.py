"""Each person chooses, per optional kind and per channel, how notifications reach them."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from lms.db import db
from lms.messaging.reminders import schedule
from lms.models import Notification
from tests.conftest import make_user
from tests.helpers.sign_in import signed_in_client

TODAY = date.today()


def boxes(html: str) -> dict[str, bool]:
    """Each checkbox of the settings form: its value and whether it is ticked."""
    return {
        value: "checked" in rest
        for value, rest in re.findall(r'name="on" value="([^"]+)"([^>]*)>', html)
    }


def test_everything_is_on_until_turned_off(app, courses):
    make_user(app)
    page = signed_in_client(app).get("/notifications/settings")
    assert page.status_code == 200
    assert boxes(page.get_data(as_text=True)) == {
        "reminder:app": True,
        "reminder:email": True,
        "digest:app": True,
        "digest:email": True,
        "certification:app": True,
        "certification:email": True,
    }


def test_email_reminders_turned_off_still_come_in_the_app(app, courses):
    user_id = make_user(app, start=TODAY - timedelta(days=3))  # basics is due today
    client = signed_in_client(app)
    client.get("/notifications/settings")
    saved = client.post(
        "/notifications/settings", data={"on": ["reminder:app", "digest:app", "digest:email"]}
    )
    assert saved.status_code == 302
    after = client.get("/notifications/settings").get_data(as_text=True)
    assert "Your notification settings are saved." in after
    assert boxes(after)["reminder:email"] is False and boxes(after)["reminder:app"] is True
    with app.app_context(), db.writing() as session:
        schedule(session, TODAY)
    with app.app_context():
        channels = db.session.scalars(
            select(Notification.channel).where(Notification.user_id == user_id)
        ).all()
    assert channels == ["app"]


def test_the_settings_form_needs_its_csrf_token(app, courses):
    make_user(app)
    client = signed_in_client(app)
    app.config["WTF_CSRF_ENABLED"] = True
    refused = client.post("/notifications/settings", data={"on": []})
    assert refused.status_code == 400
