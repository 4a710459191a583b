"""The documented limits hold under gunicorn with two workers, as `make run` serves."""

from __future__ import annotations

import http.client
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from tests.helpers.live import Gunicorn, migrated_database, server_env

LIMIT = 6
POSTS = 24


def post_login(port: int) -> int:
    """One sign-in POST on its own connection (no CSRF token: refused, and counted)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = urlencode({"email": "nobody@example.com", "password": "not-the-password"})
    conn.request(
        "POST", "/login", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    status = conn.getresponse().status
    conn.close()
    return status


@pytest.fixture
def two_workers(tmp_path):
    """gunicorn, 2 workers, throttling on with the default storage (in a temporary folder)."""
    env = server_env(migrated_database(tmp_path))
    env["LMS_RATELIMIT_ENABLED"] = "true"
    env["LMS_LOGIN_LIMIT_PER_IP"] = f"{LIMIT} per minute"
    # The default's kind of storage, placed in the test's folder rather than the checkout's.
    env["LMS_RATELIMIT_STORAGE_URI"] = f"lms+sqlite://{tmp_path / 'ratelimits.sqlite3'}"
    server = Gunicorn(env, tmp_path / "gunicorn.log", workers=2)
    yield server
    server.stop()


def test_two_workers_together_allow_the_documented_limit(two_workers):
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda _: post_login(two_workers.port), range(POSTS)))
    assert statuses.count(429) == POSTS - LIMIT, statuses
    assert "access POST /login 429" in two_workers.log_text()


def test_a_large_sign_in_is_refused_at_once_with_or_without_a_length(two_workers):
    """Through gunicorn: a 15 MB declared length is refused unread; a chunked body is cut off."""
    conn = http.client.HTTPConnection("127.0.0.1", two_workers.port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    conn.request("POST", "/login", headers={**headers, "Content-Length": str(15 * 1024 * 1024)})
    assert conn.getresponse().status == 413  # answered before the body was sent
    conn.close()

    conn = http.client.HTTPConnection("127.0.0.1", two_workers.port, timeout=60)
    chunks = (b"email=a%40b.c&password=" if n == 0 else b"x" * 8192 for n in range(16))
    conn.request("POST", "/login", body=chunks, headers=headers, encode_chunked=True)
    # Werkzeug stops reading at the limit; the truncated form then fails its CSRF check.
    assert conn.getresponse().status in (400, 413)
    conn.close()
    assert "access POST /login 413" in two_workers.log_text()
