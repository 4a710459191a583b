"""Invitations and password resets: real emails, parsed back, links followed with the app."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update

from lms import clock
from lms.db import db
from lms.models import AccountToken, Notification, Role, User
from lms.people.import_plan import apply_plan, plan_import
from tests.conftest import PASSWORD, build_app, drop_app, make_user
from tests.helpers.sign_in import sign_in
from tests.notifications.conftest import BASE_URL, link_in, parts, send

NEW_PASSWORD = "a-brand-new-passphrase"  # noqa: S105 - test credential


def create_by_admin(app, client) -> None:
    """An admin creates Dee Diaz, a rep on the starter path, in the admin pages."""
    make_user(app, email="admin@example.com", role=Role.ADMIN)
    sign_in(client, "admin@example.com")
    response = client.post(
        "/admin/users/new",
        data={
            "name": "Dee Diaz",
            "email": "dee@example.com",
            "role": "rep",
            "team": "",
            "path": "starter",
            "start_date": "2026-01-05",
            "password": "initial-password-for-dee",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    client.post("/logout")


def test_an_invited_user_sets_a_password_and_lands_on_their_onboarding(app, courses, smtp):
    client = app.test_client()
    create_by_admin(app, client)
    assert send(app).sent
    [message] = smtp.to("dee@example.com")
    assert message["Subject"] == "You are invited to RepReady"
    assert message["From"] == "RepReady <lms@example.test>"
    assert message["Message-ID"].startswith("<notification-")
    assert "List-Unsubscribe" not in message  # account mail is not a subscription
    text, html = parts(message)
    assert "Dee Diaz" in text and "7 days" in text
    assert "<html" in html and "Set your password" in html
    path = link_in(message, "/password/set/")

    page = client.get(path)
    assert page.status_code == 200
    assert "dee@example.com" in page.get_data(as_text=True)
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"  # a rep's onboarding
    home = client.get("/")
    assert home.status_code == 200 and "Dee Diaz" in home.get_data(as_text=True)

    # The link is spent, and the password works for signing in.
    client.post("/logout")
    assert client.get(path).status_code == 410
    signed_in = client.post("/login", data={"email": "dee@example.com", "password": NEW_PASSWORD})
    assert signed_in.headers["Location"] == "/"


def test_only_a_hash_of_the_link_is_stored_and_the_sent_copy_loses_it(app, courses, smtp):
    client = app.test_client()
    create_by_admin(app, client)
    send(app)
    secret = link_in(smtp.to("dee@example.com")[0], "/password/set/").rsplit("/", 1)[1]
    with app.app_context():
        token = db.session.scalar(select(AccountToken))
        stored = db.session.scalar(select(Notification))
    assert secret not in token.token_hash
    assert secret not in stored.body_text and secret not in stored.body_html


def test_resending_an_invitation_replaces_the_link(app, courses, smtp):
    client = app.test_client()
    create_by_admin(app, client)
    send(app)
    first = link_in(smtp.to("dee@example.com")[0], "/password/set/")
    with app.app_context():
        dee = db.session.scalar(select(User).where(User.email == "dee@example.com")).id
    sign_in(client, "admin@example.com")
    assert client.post(f"/admin/users/{dee}/invite").status_code == 302
    assert len(send(app).sent) == 1
    second = link_in(smtp.to("dee@example.com")[1], "/password/set/")
    client.post("/logout")
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_an_expired_invitation_is_refused(app, courses, smtp):
    client = app.test_client()
    create_by_admin(app, client)
    send(app)
    path = link_in(smtp.to("dee@example.com")[0], "/password/set/")
    with app.app_context(), db.writing() as session:
        session.execute(update(AccountToken).values(expires_at=clock.now() - timedelta(seconds=1)))
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 410
    assert "no longer works" in response.get_data(as_text=True)


def test_a_reset_link_works_once_and_expires_within_the_hour(app, courses, smtp):
    make_user(app)
    client = app.test_client()
    response = client.post("/password/forgot", data={"email": "REP@example.com "})
    assert response.status_code == 302
    send(app)
    [message] = smtp.to("rep@example.com")
    assert message["Subject"] == "Reset your RepReady password"
    assert "one hour" in parts(message)[0]
    path = link_in(message, "/password/set/")
    with app.app_context():
        token = db.session.scalar(select(AccountToken))
    assert timedelta(minutes=59) < token.expires_at - token.created_at <= timedelta(hours=1)

    assert (
        client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code
        == 302
    )
    client.post("/logout")
    again = client.post(
        path, data={"password": "another-new-passphrase", "confirm": "another-new-passphrase"}
    )
    assert again.status_code == 410
    assert (
        client.post("/login", data={"email": "rep@example.com", "password": PASSWORD}).status_code
        == 200
    )
    assert (
        client.post(
            "/login", data={"email": "rep@example.com", "password": NEW_PASSWORD}
        ).status_code
        == 302
    )


def test_an_expired_reset_link_is_refused(app, courses, smtp):
    make_user(app)
    client = app.test_client()
    client.post("/password/forgot", data={"email": "rep@example.com"})
    send(app)
    path = link_in(smtp.to("rep@example.com")[0], "/password/set/")
    with app.app_context(), db.writing() as session:
        session.execute(update(AccountToken).values(expires_at=clock.now() - timedelta(minutes=1)))
    assert client.get(path).status_code == 410


def test_forgot_password_answers_the_same_whether_or_not_the_address_exists(app, courses, smtp):
    make_user(app)
    make_user(app, email="gone@example.com")
    with app.app_context(), db.writing() as session:
        session.execute(update(User).where(User.email == "gone@example.com").values(active=False))
    answers = []
    for address in ("rep@example.com", "nobody@example.com", "gone@example.com"):
        client = app.test_client()
        response = client.post("/password/forgot", data={"email": address})
        answers.append(
            (
                response.status_code,
                response.headers["Location"],
                client.get("/login").get_data(as_text=True),
            )
        )
    assert answers[0] == answers[1] == answers[2]
    assert "If an active account uses that address" in answers[0][2]
    send(app)
    assert [m["To"] for m in smtp.messages] == ["rep@example.com"]


def test_a_weak_password_is_refused_and_the_link_stays_usable(app, courses, smtp):
    make_user(app)
    client = app.test_client()
    client.post("/password/forgot", data={"email": "rep@example.com"})
    send(app)
    path = link_in(smtp.to("rep@example.com")[0], "/password/set/")
    weak = client.post(path, data={"password": "short", "confirm": "short"})
    assert weak.status_code == 200 and "at least 12" in weak.get_data(as_text=True)
    assert (
        client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code
        == 302
    )


def test_forgot_password_is_throttled(tmp_path, smtp):
    app = build_app(
        tmp_path,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        PASSWORD_RESET_LIMIT="3 per minute",
    )
    try:
        client = app.test_client()
        codes = [
            client.post("/password/forgot", data={"email": "x@example.com"}).status_code
            for _ in range(4)
        ]
        assert codes == [302, 302, 302, 429]
    finally:
        drop_app(app)


def test_hr_imported_people_are_invited(app, courses, smtp):
    make_user(app, email="admin@example.com", role=Role.ADMIN)
    csv = "email,name,role\nnew.hire@example.com,New Hire,rep\n"
    with app.app_context(), db.writing() as session:
        apply_plan(session, plan_import(session, csv, date(2026, 1, 1), False), None, "hr.csv")
    send(app)
    [message] = smtp.to("new.hire@example.com")
    path = link_in(message, "/password/set/")
    client = app.test_client()
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.headers["Location"] == "/"
    assert BASE_URL not in response.headers["Location"]


def test_reset_emails_to_one_person_are_capped_per_hour(app, courses, smtp):
    make_user(app)
    for _ in range(5):  # from many addresses: the per-address throttle does not help here
        app.test_client().post("/password/forgot", data={"email": "rep@example.com"})
    send(app)
    assert len(smtp.to("rep@example.com")) == 3
