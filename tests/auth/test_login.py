"""Signing in and out: passwords, inactive users, `next`, sessions and their tokens."""

import pytest
from sqlalchemy import select

from lms.db import db
from lms.models import User
from tests.conftest import PASSWORD, make_user

BAD_LOGIN = "That email and password do not match an active account."


@pytest.fixture
def user(app, courses):
    return make_user(app)


def signed_in(client) -> bool:
    """True when the home page answers instead of sending the visitor to sign in."""
    return client.get("/").status_code == 200


def test_right_password_signs_in_and_goes_home(client, auth, user):
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "My onboarding" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("rep@example.com", "wrong-password-entirely"),
        ("nobody@example.com", PASSWORD),
    ],
    ids=["wrong password", "unknown email"],
)
def test_failed_sign_in_shows_one_clear_message_and_no_session(client, auth, user, email, password):
    response = auth.login(email, password)
    assert response.status_code == 200
    assert BAD_LOGIN in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert not signed_in(client)


def test_inactive_user_cannot_sign_in(app, client, auth, courses):
    user_id = make_user(app)
    with app.app_context(), db.writing() as session:
        session.get(User, user_id).active = False
    response = auth.login()
    assert BAD_LOGIN in response.get_data(as_text=True)
    assert not signed_in(client)


def test_email_is_case_insensitive(client, auth, user):
    response = auth.login("  Rep@Example.COM ")
    assert response.status_code == 302
    assert signed_in(client)


def test_logout_is_post_only(client, auth, user):
    auth.login()
    response = client.get("/logout")
    assert response.status_code == 405
    assert "That action is not allowed here" in response.get_data(as_text=True)
    assert signed_in(client)


def test_logout_ends_the_session(client, auth, user):
    auth.login()
    response = auth.logout()
    assert response.headers["Location"] == "/login"
    assert "You are signed out." in client.get("/login").get_data(as_text=True)
    assert not signed_in(client)


@pytest.mark.parametrize(
    ("next_param", "lands_on"),
    [
        ("/courses/basics", "/courses/basics"),
        ("//evil.com", "/"),
        ("https://evil.com", "/"),
        ("https://evil.com/courses/basics", "/"),
        ("courses/basics", "/"),
    ],
)
def test_next_is_followed_only_when_local(client, user, next_param, lands_on):
    response = client.post(
        "/login",
        query_string={"next": next_param},
        data={"email": "rep@example.com", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == lands_on


@pytest.mark.parametrize("next_param", ["/\\evil.com", "/\t/evil.com", "/\\/evil.com"])
def test_next_with_backslashes_or_tabs_stays_on_site(client, user, next_param):
    response = client.post(
        "/login",
        query_string={"next": next_param},
        data={"email": "rep@example.com", "password": PASSWORD},
    )
    location = response.headers["Location"]
    # Browsers read "\\" as "/" and drop tabs: the header must keep them escaped.
    assert location.startswith("/") and not location.startswith("//")
    assert "\\" not in location and "\t" not in location


@pytest.mark.parametrize("url", ["/", "/courses/basics", "/courses/basics/reading", "/attempts/1"])
def test_anonymous_visitor_is_sent_to_sign_in(client, courses, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_sign_in_returns_to_the_page_asked_for(client, user):
    location = client.get("/courses/basics").headers["Location"]
    response = client.post(location, data={"email": "rep@example.com", "password": PASSWORD})
    assert response.headers["Location"] == "/courses/basics"


def test_sign_in_starts_a_new_session(client, auth, user):
    with client.session_transaction() as session:
        session["left-over"] = "from before sign-in"
    auth.login()
    with client.session_transaction() as session:
        assert "left-over" not in session
        assert "_user_id" in session


def test_rotated_session_token_signs_the_user_out(app, client, auth, user):
    auth.login()
    assert signed_in(client)
    with app.app_context(), db.writing() as session:
        row = session.scalar(select(User).where(User.id == user))
        row.session_token = "rotated-by-an-admin"
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_signed_in_user_visiting_login_goes_home(client, auth, user):
    auth.login()
    assert client.get("/login").headers["Location"] == "/"


def test_the_unknown_user_hash_costs_what_a_real_one_costs():
    """The fixed hash checked for unknown emails uses today's default argon2 parameters."""
    from argon2 import PasswordHasher

    from lms.people import passwords

    assert not PasswordHasher().check_needs_rehash(passwords._DUMMY_HASH)


def test_the_app_hashes_with_argon2_defaults_outside_the_tests():
    """The suite hashes with argon2's cheapest profile (tests/helpers/speed.py); the app does not."""
    import subprocess
    import sys

    code = "from lms.people.passwords import hash_password; print(hash_password('x'))"
    printed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert printed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
