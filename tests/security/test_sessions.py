"""Sessions: cookie flags, timeouts, and ending other sessions on logout and password change."""

from __future__ import annotations

import time

import pytest

from lms import create_app
from lms.web.sessions import LAST_SEEN_AT, SIGNED_IN_AT
from tests.conftest import PASSWORD, make_user
from tests.helpers.sign_in import signed_in_client

NEW_PASSWORD = "plum tractor violin 42"  # noqa: S105 - test credential


@pytest.fixture
def user(app, courses):
    return make_user(app)


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


def session_cookie(response) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_session_cookie_is_httponly_and_samesite_lax(client, user):
    response = client.post("/login", data={"email": "rep@example.com", "password": PASSWORD})
    cookie = session_cookie(response)
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # tests run over plain HTTP


def test_session_cookie_is_secure_outside_debug_and_tests(app):
    production = create_app({**app.config, "TESTING": False, "SESSION_COOKIE_SECURE": None})
    assert production.config["SESSION_COOKIE_SECURE"] is True


def test_logout_ends_the_users_other_sessions(app, user):
    laptop, phone = signed_in_client(app), signed_in_client(app)
    assert signed_in(laptop) and signed_in(phone)
    laptop.post("/logout")
    assert not signed_in(phone)


def test_password_change_keeps_this_session_and_ends_the_others(app, user):
    here, elsewhere = signed_in_client(app), signed_in_client(app)
    response = here.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert "Other devices are signed out" in here.get("/").get_data(as_text=True)
    assert not signed_in(elsewhere)
    signed_in_client(app, password=NEW_PASSWORD)
    old = app.test_client().post("/login", data={"email": "rep@example.com", "password": PASSWORD})
    assert old.status_code == 200


def test_a_password_change_that_fails_half_way_changes_nothing(app, user, monkeypatch):
    # The new hash was committed in one transaction and the sessions ended in another: when
    # the second failed, the password had changed while the other devices stayed signed in.
    import lms.people.users
    import lms.web.sessions

    def broken() -> str:
        raise RuntimeError("no randomness today")

    here, elsewhere = signed_in_client(app), signed_in_client(app)
    monkeypatch.setattr(lms.people.users, "new_session_token", broken)
    monkeypatch.setattr(lms.web.sessions, "new_session_token", broken)
    response = here.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 500
    monkeypatch.undo()
    assert signed_in(elsewhere)
    signed_in_client(app, password=PASSWORD)  # the old password still signs in


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("wrong-password-here", NEW_PASSWORD, NEW_PASSWORD, "That is not your current password."),
        (PASSWORD, "short-one", "short-one", "Password must be at least 12 characters long."),
        (
            PASSWORD,
            "qwerty123456",
            "qwerty123456",
            "That password is on a list of common passwords",
        ),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "The two passwords differ."),
    ],
    ids=["wrong current", "too short", "common", "mismatch"],
)
def test_password_change_refusals_say_why(app, client, auth, user, current, new, confirm, message):
    auth.login()
    response = client.post(
        "/account/password",
        data={"current_password": current, "new_password": new, "confirm": confirm},
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert signed_in(client)


def test_password_page_is_linked_for_every_signed_in_user(client, auth, user):
    auth.login()
    assert 'href="/account/password"' in client.get("/").get_data(as_text=True)


def age_session(client, signed_in_ago: float, seen_ago: float) -> None:
    now = int(time.time())
    with client.session_transaction() as session:
        session[SIGNED_IN_AT] = now - int(signed_in_ago)
        session[LAST_SEEN_AT] = now - int(seen_ago)


@pytest.mark.parametrize(
    ("signed_in_ago", "seen_ago", "still_in"),
    [
        (3600, 60, True),
        (3 * 3600, 2 * 3600 + 60, False),  # idle for more than 2 hours
        (12 * 3600 + 60, 60, False),  # busy, but signed in more than 12 hours ago
    ],
    ids=["active", "idle timeout", "absolute timeout"],
)
def test_session_timeouts(client, auth, user, signed_in_ago, seen_ago, still_in):
    auth.login()
    age_session(client, signed_in_ago, seen_ago)
    response = client.get("/")
    assert (response.status_code == 200) is still_in
    if not still_in:
        assert response.headers["Location"].startswith("/login")
        assert "Your session timed out" in client.get("/login").get_data(as_text=True)


def test_each_request_refreshes_the_idle_clock(client, auth, user):
    auth.login()
    age_session(client, 3600, 90 * 60)
    assert signed_in(client)
    with client.session_transaction() as session:
        assert time.time() - session[LAST_SEEN_AT] < 5


def test_a_session_without_timestamps_is_ended(client, auth, user):
    auth.login()
    with client.session_transaction() as session:
        del session[SIGNED_IN_AT]
    assert not signed_in(client)
