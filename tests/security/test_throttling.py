"""Sign-in throttling per account and per address, in memory and in Redis, with a friendly 429."""

from __future__ import annotations

import logging
import os
import secrets

import pytest

from lms import create_app
from tests.conftest import PASSWORD, make_user

REDIS_URL = os.environ.get("LMS_TEST_REDIS_URL", "redis://127.0.0.1:6379")


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except Exception:
        return False


STORAGES = [
    "memory://",
    pytest.param(
        REDIS_URL, marks=pytest.mark.skipif(not redis_answers(), reason="Redis is not running")
    ),
]


@pytest.fixture(params=STORAGES, ids=["memory", "redis"])
def throttled(request, app, courses):
    """An app with throttling on: 3 failures per account, 5 sign-in posts per address."""
    email = f"rep-{secrets.token_hex(4)}@example.com"  # fresh counters in a shared Redis
    make_user(app, email=email)
    limited = create_app(
        {
            **app.config,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": request.param,
            "LOGIN_LIMIT_PER_ACCOUNT": "3 per minute",
            "LOGIN_LIMIT_PER_IP": "5 per minute",
        }
    )
    return limited, email


def random_address() -> str:
    return "10.{}.{}.{}".format(*secrets.token_bytes(3))


def attempt(app, email, password, address):
    client = app.test_client()
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_failures_on_one_account_from_many_addresses_are_throttled(throttled, caplog):
    app, email = throttled
    for _ in range(3):
        assert attempt(app, email, "wrong-password-here", random_address()).status_code == 200
    response = attempt(app, email, PASSWORD, random_address())
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Too many attempts" in html and "Wait a minute" in html
    assert "<nav" in html  # the app's layout, not a bare error


def test_successful_sign_ins_do_not_count_against_the_account(throttled):
    app, email = throttled
    address = random_address()
    for _ in range(4):
        assert attempt(app, email, PASSWORD, address).status_code == 302


def test_many_accounts_from_one_address_are_throttled(throttled):
    app, _email = throttled
    address = random_address()
    for n in range(5):
        response = attempt(app, f"nobody{n}@example.com", "wrong-password-here", address)
        assert response.status_code == 200
    assert attempt(app, "nobody9@example.com", "x" * 12, address).status_code == 429
    assert attempt(app, "nobody9@example.com", "x" * 12, random_address()).status_code == 200


def test_a_failed_sign_in_is_logged_without_the_password(throttled, caplog):
    app, email = throttled
    with caplog.at_level(logging.INFO):
        attempt(app, email, "hunter2-secret-guess", random_address())
    assert f"failed sign-in for '{email}'" in caplog.text
    assert "request=" in caplog.text
    assert "hunter2-secret-guess" not in caplog.text
