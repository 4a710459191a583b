"""Security-wide mechanisms: request ids, session timeouts, proxy trust and response headers."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from flask import Flask, abort, current_app, g, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from lms.web.sessions import SignedCookieSessions, enforce_timeouts, signed_in

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Pico CSS draws its chevrons and checkmarks as data: SVG images.
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HSTS = "max-age=31536000; includeSubDomains"
# Added to every response that has not set its own.
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
# A request id from the proxy is kept only when it cannot smuggle anything into a log line.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Line breaks and other control characters a client could put in a logged value.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The sign-in forms (and everything a visitor who is not signed in posts) are a few fields.
SIGN_IN_ENDPOINTS = frozenset({"auth.login", "auth.change_password", "auth.logout"})
# Endpoints that take large files, and the setting that bounds each (practice recordings).
LARGE_UPLOADS: dict[str, str] = {"coaching.submit": "PRACTICE_MAX_BYTES"}


def loggable(value: object) -> str:
    """A client-supplied value for a log line: control characters escaped, so no forged lines."""
    return CONTROL_CHARACTERS.sub(lambda m: m.group().encode("unicode_escape").decode(), str(value))


def body_limit() -> int:
    """The largest body this request may carry, decided before any of it is read."""
    config = current_app.config
    largest = config["MAX_CONTENT_LENGTH"] or config["FORM_MAX_BYTES"]
    if request.endpoint in SIGN_IN_ENDPOINTS or not current_user.is_authenticated:
        return min(config["SIGN_IN_MAX_BYTES"], largest)
    if request.mimetype == "multipart/form-data":
        if request.endpoint in LARGE_UPLOADS:
            return int(config[LARGE_UPLOADS[request.endpoint]])
        return largest  # a file upload
    return min(config["FORM_MAX_BYTES"], largest)


def _refuse_oversized_body() -> None:
    """413 on a declared length over the limit; a body without one is cut off at the limit."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    limit = body_limit()
    if request.content_length is not None and request.content_length > limit:
        abort(413)
    request.max_content_length = limit


def _has_nul(fields) -> bool:
    """True when any name or any of the values of a query string or form holds a NUL."""
    return any("\x00" in name or "\x00" in value for name, value in fields.items(multi=True))


def _refuse_nul_bytes() -> None:
    """A NUL byte has no place in text and PostgreSQL refuses it: 400 before any query."""
    if "\x00" in request.path or (request.query_string and _has_nul(request.args)):
        abort(400)
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if _has_nul(request.form) or any("\x00" in name for name in request.files):
        abort(400)


def request_id() -> str:
    """The current request's id (also in the X-Request-ID header and on error pages)."""
    return g.get("request_id") or "-"


def _as_timedelta(value) -> timedelta:
    """Settings from the environment arrive as seconds."""
    return value if isinstance(value, timedelta) else timedelta(seconds=int(value))


def _settle_config(app: Flask) -> None:
    """Resolve settings whose default depends on how the app runs."""
    if app.config.get("SESSION_COOKIE_SECURE") is None:
        app.config["SESSION_COOKIE_SECURE"] = not (app.debug or app.testing)
    app.config["SESSION_IDLE_TIMEOUT"] = _as_timedelta(app.config["SESSION_IDLE_TIMEOUT"])
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops:
        # Only behind a proxy we run: otherwise clients could claim any address or scheme.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


class FixedHeaders:
    """WSGI middleware adding SECURITY_HEADERS to every response that has not set its own.

    They are the same on every response, so they go in as they are, past Werkzeug's
    per-header checks: a third of what the after-request hook cost a bare request.
    """

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        def start_with_headers(status, headers, exc_info=None):
            # A view may set its own (a media page allowing the microphone, say): keep it.
            present = {name.lower() for name, _value in headers}
            headers.extend(h for h in SECURITY_HEADERS if h[0].lower() not in present)
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start_with_headers)


def register(app: Flask) -> None:
    """Give every request an id, end stale sessions, add the security headers."""
    _settle_config(app)

    def _start_request():
        offered = request.headers.get("X-Request-ID", "")
        g.request_id = offered if REQUEST_ID_PATTERN.fullmatch(offered) else secrets.token_hex(8)
        enforce_timeouts()
        _refuse_oversized_body()
        _refuse_nul_bytes()

    # First of all hooks, so a CSRF or rate-limit refusal has an id and a stale session ends,
    # and no hook reads a body that is too large or holds a NUL byte.
    app.before_request_funcs.setdefault(None, []).insert(0, _start_request)

    app.session_interface = SignedCookieSessions()
    app.wsgi_app = FixedHeaders(app.wsgi_app)

    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers["X-Request-ID"] = request_id()
        if request.is_secure and "Strict-Transport-Security" not in headers:
            headers.add("Strict-Transport-Security", HSTS)
        # Pages about a person must not linger in shared caches or the back-forward cache.
        # A response that chose a private cache (practice media) keeps its own words.
        chose_private = "private" in headers.get("Cache-Control", "")
        if request.endpoint != "static" and not chose_private and signed_in():
            headers["Cache-Control"] = "no-store"
        return response
