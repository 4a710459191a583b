"""Headers on every response; friendly, logged error pages with a request id; safe startup."""

from __future__ import annotations

import logging

import pytest
from flask import abort, g, request
from werkzeug.exceptions import Forbidden

from lms import create_app
from lms.config import DEV_SECRET_KEY
from lms.people.users import UserError, check_password


def test_every_response_carries_the_security_headers(client, rep):
    for url in ["/", "/login", "/healthz", "/static/css/app.css", "/nowhere", "/attempts/999"]:
        headers = client.get(url).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy, url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert headers["Referrer-Policy"] == "same-origin", url
        assert headers["X-Frame-Options"] == "DENY", url
        assert len(headers["X-Request-ID"]) >= 8, url
        assert "Strict-Transport-Security" not in headers, url


def test_hsts_over_https(client):
    response = client.get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_hsts_behind_a_trusted_proxy(app):
    proxied = create_app({**app.config, "PROXY_FIX_HOPS": 1})
    response = proxied.test_client().get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers


def test_forwarded_headers_are_ignored_without_a_proxy(client):
    response = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize("url", ["/", "/courses/basics/quiz", "/account/password"])
def test_personal_pages_are_not_stored(client, rep, url):
    assert client.get(url).headers["Cache-Control"] == "no-store"


def test_a_request_without_a_session_never_asks_for_the_user(app, client, rep):
    """The headers hook once asked Flask-Login about every request: a tenth of its cost."""
    with app.test_client() as anonymous:
        assert anonymous.get("/healthz").status_code == 200
        assert g.get("_login_user") is None  # Flask-Login was never asked
    assert client.get("/").headers["Cache-Control"] == "no-store"  # the signed-in rep


def test_a_view_may_set_its_own_security_header(app, client):
    @app.get("/_test_microphone")
    def microphone():
        return "ok", {"Permissions-Policy": "microphone=(self)"}

    headers = client.get("/_test_microphone").headers
    assert headers.getlist("Permissions-Policy") == ["microphone=(self)"]
    assert headers["X-Frame-Options"] == "DENY"


def test_a_proxy_request_id_is_kept_only_when_harmless(client):
    assert client.get("/login", headers={"X-Request-ID": "lb-12345678"}).headers[
        "X-Request-ID"
    ] == ("lb-12345678")
    forged = client.get("/login", headers={"X-Request-ID": "x fake=log line"})
    assert forged.headers["X-Request-ID"] != "x fake=log line"


@pytest.fixture
def failing_app(app):
    """The app with routes that fail in each way an error page must cover."""

    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    def forbidden():
        raise Forbidden()

    app.add_url_rule("/test-boom", "test_boom", boom)
    app.add_url_rule("/test-forbidden", "test_forbidden", forbidden)
    app.add_url_rule("/test-bad", "test_bad", _bad_request)
    app.add_url_rule(
        "/test-upload", "test_upload", lambda: str(len(request.form)), methods=["POST"]
    )
    app.config["MAX_CONTENT_LENGTH"] = 1024
    return app


@pytest.mark.parametrize(
    ("method", "url", "code", "title"),
    [
        ("GET", "/test-bad", 400, "Something in that request was not right"),
        ("GET", "/test-forbidden", 403, "You do not have access to this page"),
        ("GET", "/no-such-page", 404, "We could not find that page"),
        ("POST", "/test-upload", 413, "That upload is too large"),
        ("GET", "/test-boom", 500, "Something went wrong on our side"),
    ],
)
def test_error_pages_are_friendly_logged_and_carry_the_request_id(
    failing_app, caplog, method, url, code, title
):
    client = failing_app.test_client()
    data = {"f": "x" * 4096} if code == 413 else None
    with caplog.at_level(logging.INFO):
        response = client.open(url, method=method, data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == code
    assert title in html and "<nav" in html
    assert "Traceback" not in html and "secret internals" not in html
    request_id = response.headers["X-Request-ID"]
    assert f"reference {request_id}" in html
    assert f"request={request_id}" in caplog.text


def _bad_request():
    abort(400)


def test_denied_access_is_logged_with_the_user(app, client, auth, courses, caplog):
    from tests.conftest import make_user

    def forbidden():
        raise Forbidden()

    app.add_url_rule("/test-forbidden", "test_forbidden", forbidden)
    make_user(app)
    auth.login()
    with caplog.at_level(logging.WARNING):
        client.get("/test-forbidden")
    assert "denied GET /test-forbidden -> 403 user=1" in caplog.text


def test_production_refuses_the_default_secret_key(app):
    with pytest.raises(RuntimeError, match="LMS_SECRET_KEY is not set"):
        create_app({**app.config, "TESTING": False, "SECRET_KEY": DEV_SECRET_KEY})


def test_production_starts_with_its_own_secret_key(app):
    assert create_app({**app.config, "TESTING": False, "SECRET_KEY": "a" * 64})


@pytest.mark.parametrize(
    ("password", "refusal"),
    [
        ("short-pass", "at least 12 characters"),
        ("qwertyuiop123", "common passwords"),
        ("1q2w3e4r5t6y", "common passwords"),
        ("Q1W2E3R4T5Y6", "common passwords"),
        ("plum tractor violin 42", None),
    ],
)
def test_password_policy(password, refusal):
    if refusal is None:
        check_password(password)
    else:
        with pytest.raises(UserError, match=refusal):
            check_password(password)


def test_demo_accounts_are_refused_in_production(app, courses):
    production = create_app({**app.config, "TESTING": False, "SECRET_KEY": "a" * 64})
    result = production.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code != 0
    assert "published password" in result.output
