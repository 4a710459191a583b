"""Each person chooses, per optional kind and per channel, how notifications reach them."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from lms.db import db
from lms.messaging.reminders import schedule
from lms.models import Notification, NotificationPreference, Role
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
    # A rep manages no team and writes no course: only reminders are theirs to choose.
    assert boxes(page.get_data(as_text=True)) == {
        "reminder:app": True,
        "reminder:email": True,
        "certification:app": True,
        "certification:email": True,
        "practice_review:app": True,
        "practice_review:email": True,
    }


def test_each_role_is_offered_the_kinds_that_reach_it(app, courses):
    make_user(app, "boss@example.com", role=Role.MANAGER, team_name="East")
    make_user(app, "loner@example.com", role=Role.MANAGER)
    make_user(app, "author@example.com", role=Role.TRAINER)
    offered = {
        email: set(boxes(signed_in_client(app, email).get("/notifications/settings").text))
        for email in ("boss@example.com", "loner@example.com", "author@example.com")
    }
    assert offered["boss@example.com"] == {"digest:app", "digest:email"}
    assert offered["loner@example.com"] == set()
    assert offered["author@example.com"] == {
        "question_flags:app",
        "question_flags:email",
        "import_conflicts:app",
        "import_conflicts:email",
    }
    page = signed_in_client(app, "loner@example.com").get("/notifications/settings").text
    assert "Nothing reaches you that you could turn off" in page


def test_saving_leaves_the_kinds_not_shown_as_they_were(app, courses):
    user_id = make_user(app)
    with app.app_context(), db.writing() as session:
        session.add(
            NotificationPreference(user_id=user_id, kind="digest", channel="email", enabled=False)
        )
    client = signed_in_client(app)
    client.post("/notifications/settings", data={"on": ["reminder:app"]})
    with app.app_context():
        kept = {
            (p.kind, p.channel): p.enabled
            for p in db.session.scalars(select(NotificationPreference))
        }
    assert kept == {
        ("digest", "email"): False,  # a former manager's choice, not on the rep's form
        ("reminder", "app"): True,
        ("reminder", "email"): False,
        ("certification", "app"): False,
        ("certification", "email"): False,
        ("practice_review", "app"): False,
        ("practice_review", "email"): False,
    }


def test_email_reminders_turned_off_still_come_in_the_app(app, courses):
    user_id = make_user(app, start=TODAY - timedelta(days=3))  # basics is due today
    client = signed_in_client(app)
    client.get("/notifications/settings")
    saved = client.post("/notifications/settings", data={"on": ["reminder:app"]})
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
