"""In-app notifications: the list, marking read, the unread count, one-click unsubscribe."""

from __future__ import annotations

from sqlalchemy import select

from lms.db import db
from lms.messaging import outbox
from lms.messaging.links import unsubscribe_token
from lms.models import NotificationPreference, User
from tests.conftest import make_user
from tests.helpers.sign_in import signed_in_client
from tests.notifications.conftest import BASE_URL, send


def notify_in_app(app, user_id: int, key: str, subject: str) -> None:
    with app.app_context(), db.writing() as session:
        outbox.enqueue(
            session,
            outbox.Message(
                user_id=user_id,
                kind="reminder",
                channel=outbox.APP,
                key=key,
                subject=subject,
                body_text=f"About {subject}",
                link="/",
            ),
        )


def nav_count(client) -> str:
    html = client.get("/notifications").get_data(as_text=True)
    start = html.index('aria-current="page">Notifications')
    return html[start : html.index("</a>", start)]


def test_the_list_shows_ones_own_notifications_and_the_unread_count(app):
    rep = make_user(app, path=None)
    other = make_user(app, email="other@example.com", path=None)
    notify_in_app(app, rep, "r1", "Objection handling is due")
    notify_in_app(app, rep, "r1", "Objection handling is due")  # same key: stored once
    notify_in_app(app, rep, "r2", "Discovery calls are overdue")
    notify_in_app(app, other, "o1", "Not for the rep")
    client = signed_in_client(app, "rep@example.com")
    page = client.get("/notifications").get_data(as_text=True)
    assert "Objection handling is due" in page and "Discovery calls are overdue" in page
    assert "Not for the rep" not in page
    assert '2<span class="visually-hidden"> unread' in nav_count(client)


def test_marking_read_lowers_the_count_and_others_entries_are_not_found(app):
    rep = make_user(app, path=None)
    other = make_user(app, email="other@example.com", path=None)
    notify_in_app(app, rep, "r1", "First")
    notify_in_app(app, rep, "r2", "Second")
    notify_in_app(app, other, "o1", "Theirs")
    with app.app_context():
        ids = {n.subject: n.id for n in db.session.scalars(select(outbox.Notification))}
    client = signed_in_client(app, "rep@example.com")
    assert client.post(f"/notifications/{ids['Theirs']}/read").status_code == 404
    assert client.post(f"/notifications/{ids['First']}/read").status_code == 302
    assert client.post(f"/notifications/{ids['First']}/read").status_code == 302  # twice: once
    assert "1<span" in nav_count(client)
    assert client.post("/notifications/read").status_code == 302
    assert "unread" not in nav_count(client)
    with app.app_context():
        counts = dict(db.session.execute(select(User.email, User.unread_notifications)).all())
    assert counts == {"rep@example.com": 0, "other@example.com": 1}


def test_one_click_unsubscribe_turns_the_kind_off_for_email(app, smtp):
    rep = make_user(app, path=None)
    with app.app_context(), db.writing() as session:
        outbox.enqueue(
            session,
            outbox.Message(
                user_id=rep,
                kind="reminder",
                channel=outbox.EMAIL,
                key="e1",
                subject="Due soon",
                body_text="text",
                body_html="<p>html</p>",
            ),
        )
    send(app)
    [message] = smtp.messages
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].strip("<>")
    assert url.startswith(BASE_URL + "/unsubscribe/")
    path = url[len(BASE_URL) :]
    client = app.test_client()  # a mail client: not signed in, no CSRF token
    assert "Unsubscribe" in client.get(path).get_data(as_text=True)  # nothing changes on GET
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    with app.app_context():
        preference = db.session.scalar(select(NotificationPreference))
        assert (preference.user_id, preference.kind, preference.channel) == (
            rep,
            "reminder",
            "email",
        )
        assert preference.enabled is False


def test_a_tampered_unsubscribe_link_is_not_found(app):
    rep = make_user(app, path=None)
    with app.app_context():
        token = unsubscribe_token(rep, "reminder")
        forged = unsubscribe_token(rep, "invitation")  # not a kind one may turn off
    client = app.test_client()
    assert client.post(f"/unsubscribe/{token[:-2]}xx").status_code == 404
    assert client.post(f"/unsubscribe/{forged}").status_code == 404
