"""Sign-in throttling by address, by account and address, and per account for strangers.

Each test runs on every storage: memory, the default SQLite file shared by workers, and Redis.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket

import pytest

from lms import create_app
from tests.conftest import PASSWORD, make_user
from tests.helpers.sign_in import csrf_token

REDIS_URL = os.environ.get("LMS_TEST_REDIS_URL", "redis://127.0.0.1:6379")


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except Exception:
        return False


STORAGES = [
    "memory://",
    "sqlite-file",
    pytest.param(
        REDIS_URL, marks=pytest.mark.skipif(not redis_answers(), reason="Redis is not running")
    ),
]
LIMITS = {
    "LOGIN_LIMIT_PER_ACCOUNT_AND_IP": "3 per minute",
    "LOGIN_LIMIT_PER_IP": "5 per minute",
    "LOGIN_LIMIT_PER_ACCOUNT": "8 per minute",
}


def limited_app(app, tmp_path, storage: str, **config):
    """An app like `app` (same database) with throttling on."""
    if storage == "sqlite-file":
        storage = f"lms+sqlite://{tmp_path / 'ratelimits.sqlite3'}"
    return create_app(
        {**app.config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": storage, **config}
    )


@pytest.fixture(params=STORAGES, ids=["memory", "sqlite-file", "redis"])
def throttled(request, app, courses, tmp_path):
    """An app with throttling on: 3 failures per account and address, 5 posts per address,
    8 failures per account from strangers."""
    email = f"rep-{secrets.token_hex(4)}@example.com"  # fresh counters in a shared Redis
    make_user(app, email=email)
    return limited_app(app, tmp_path, request.param, **LIMITS), email


def random_address() -> str:
    return "10.{}.{}.{}".format(*secrets.token_bytes(3))


def attempt(app, email, password, address, client=None):
    client = client or app.test_client()
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_guesses_from_one_address_slow_that_address_down(throttled):
    app, email = throttled
    guesser = random_address()
    for _ in range(3):
        assert attempt(app, email, "wrong-password-here", guesser).status_code == 200
    response = attempt(app, email, PASSWORD, guesser)
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Too many attempts" in html and "Wait a minute" in html
    assert "<nav" in html  # the app's layout, not a bare error


def test_the_owner_still_gets_in_while_another_address_guesses(throttled):
    app, email = throttled
    guesser = random_address()
    for _ in range(4):
        attempt(app, email, "wrong-password-here", guesser)
    assert attempt(app, email, "wrong-password-here", guesser).status_code == 429
    assert attempt(app, email, PASSWORD, random_address()).status_code == 302


def test_thirty_guesses_from_anywhere_do_not_lock_the_owner_out(app, courses, tmp_path):
    """The reported lockout: 30 failures from many addresses, under the shipped limits."""
    email = f"rep-{secrets.token_hex(4)}@example.com"
    make_user(app, email=email)
    limited = limited_app(app, tmp_path, "memory://")
    for _ in range(30):
        assert attempt(limited, email, "wrong-password-here", random_address()).status_code == 200
    assert attempt(limited, email, PASSWORD, random_address()).status_code == 302


def test_guessing_spread_over_many_addresses_stops_strangers_not_the_owners_browser(throttled):
    app, email = throttled
    owner, home = app.test_client(), random_address()
    assert attempt(app, email, PASSWORD, home, client=owner).status_code == 302
    assert owner.post("/logout").status_code == 302
    for _ in range(8):
        assert attempt(app, email, "wrong-password-here", random_address()).status_code == 200
    assert attempt(app, email, PASSWORD, random_address()).status_code == 429
    # The browser the owner signed in on before, even from another address, still gets in.
    assert attempt(app, email, PASSWORD, random_address(), client=owner).status_code == 302


def test_a_forged_known_device_cookie_changes_nothing(throttled):
    app, email = throttled
    for _ in range(8):
        attempt(app, email, "wrong-password-here", random_address())
    stranger = app.test_client()
    stranger.set_cookie("known_device", "forged.value.here")
    assert attempt(app, email, PASSWORD, random_address(), client=stranger).status_code == 429


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


def test_refused_csrf_tokens_count_against_the_address(throttled):
    app, email = throttled
    protected = create_app({**app.config, "WTF_CSRF_ENABLED": True})
    client, address = protected.test_client(), random_address()
    for _ in range(5):
        assert attempt(protected, email, PASSWORD, address, client=client).status_code == 400
    html = client.get("/login").get_data(as_text=True)
    token = csrf_token(html)
    response = client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )
    assert response.status_code == 429


def test_a_failed_sign_in_is_logged_without_the_password(throttled, caplog):
    app, email = throttled
    with caplog.at_level(logging.INFO):
        attempt(app, email, "hunter2-secret-guess", random_address())
    assert f"failed sign-in for '{email}'" in caplog.text
    assert "request=" in caplog.text
    assert "hunter2-secret-guess" not in caplog.text


def free_port() -> int:
    """A loopback port where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_redis_falls_back_to_memory_and_warns(app, courses, tmp_path, caplog):
    email = f"rep-{secrets.token_hex(4)}@example.com"
    make_user(app, email=email)
    dead = limited_app(app, tmp_path, f"redis://127.0.0.1:{free_port()}", **LIMITS)
    client, address = dead.test_client(), random_address()
    with caplog.at_level(logging.WARNING):
        assert attempt(dead, email, PASSWORD, address, client=client).status_code == 302
    assert "falling back to in-memory storage" in caplog.text
    response = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "a-new-long-passphrase",
            "confirm": "a-new-long-passphrase",
        },
        environ_base={"REMOTE_ADDR": address},
    )
    assert response.status_code == 302
    # The fallback still counts: guessing from one address is slowed down.
    for _ in range(3):
        assert attempt(dead, email, "wrong-password-here", address).status_code == 200
    assert attempt(dead, email, "a-new-long-passphrase", address).status_code == 429


def test_the_default_storage_is_a_file_every_worker_shares(app):
    fresh = create_app({**app.config, "RATELIMIT_STORAGE_URI": None})
    uri = fresh.config["RATELIMIT_STORAGE_URI"]
    assert uri == f"lms+sqlite://{fresh.instance_path}/ratelimits.sqlite3"


def test_every_limit_counts_posts_only(app):
    """Reads skip the limiter (lms/extensions.py): that holds only while no limit counts them."""
    from lms.extensions import READ_METHODS, limiter

    limits = [
        limit for group in limiter.limit_manager._decorated_limits.values() for limit in group
    ]
    assert len(limits) >= 6  # sign-in (3), password change, reset, unsubscribe
    for limit in limits:
        assert limit.methods and not {m.upper() for m in limit.methods} & READ_METHODS, limit


def test_a_read_is_never_counted(app, courses, tmp_path):
    """With the per-address limit at 1 a minute, reading the sign-in page stays free."""
    limited = limited_app(app, tmp_path, "memory://", LOGIN_LIMIT_PER_IP="1 per minute")
    client, address = limited.test_client(), random_address()
    for _ in range(5):
        assert client.get("/login", environ_base={"REMOTE_ADDR": address}).status_code == 200
    assert attempt(limited, "nobody@example.com", "x" * 12, address).status_code == 200
    assert attempt(limited, "nobody@example.com", "x" * 12, address).status_code == 429
