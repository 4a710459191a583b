"""Session lifetime: a fresh session on sign-in, idle and absolute timeouts, ending them all."""

from __future__ import annotations

import logging
import time

from flask import Flask, current_app, flash, g, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import login_user, logout_user
from itsdangerous import URLSafeTimedSerializer

from lms.db import db
from lms.models import User
from lms.models.users import new_session_token

log = logging.getLogger(__name__)

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
# Rewriting the cookie on every request buys nothing; a minute's precision is plenty.
SEEN_PRECISION = 60


def start_session(user: User) -> None:
    """Sign the user in on a brand-new session stamped with the time."""
    session.clear()  # nothing survives from before sign-in
    session.permanent = True  # the cookie dies with PERMANENT_SESSION_LIFETIME
    login_user(user)
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now


def end_all_sessions(user_id: int) -> User:
    """Rotate the user's session token: every session signed with the old one ends."""
    with db.writing() as write:
        user = write.get(User, user_id)
        user.session_token = new_session_token()
    return user


def enforce_timeouts() -> None:
    """End a signed-in session idle too long or older than the absolute limit."""
    if "_user_id" not in session:
        return
    now = int(time.time())
    signed_in = session.get(SIGNED_IN_AT)
    seen = session.get(LAST_SEEN_AT)
    idle = current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds()
    absolute = current_app.permanent_session_lifetime.total_seconds()
    if not isinstance(signed_in, int) or not isinstance(seen, int):
        expired = True  # a session from before timestamps existed: sign in again
    else:
        expired = now - seen > idle or now - signed_in > absolute
    if expired:
        logout_user()
        session.clear()
        flash("Your session timed out. Please sign in again.", "info")
        return
    if now - seen >= SEEN_PRECISION:
        session[LAST_SEEN_AT] = now


class SignedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer built once per key.

    Flask builds a new serializer on every request, cookie or not: about a tenth of what a
    bare request costs. It holds no per-request state, so one per set of keys serves all.
    """

    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]


def signed_in() -> bool:
    """Whether the request is from a signed-in user, without loading the user to find out.

    Flask-Login keeps the user it loaded in g; a request that never asked has a session
    naming the user (a stale one is ended before any view runs, by enforce_timeouts).
    """
    user = g.get("_login_user")
    if user is not None:
        return user.is_authenticated
    return "_user_id" in session
