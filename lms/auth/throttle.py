"""What sign-in throttling counts, and by which key (docs/security.md, "Sign-in throttling").

Three limits, after OWASP's Authentication Cheat Sheet (slow guessing down without letting
anyone lock the owner out) and ASVS 2.2.1 (at most 100 failures an hour on one account):

- every sign-in POST per client address, against one address spraying many accounts;
- failures per account *and* address, so guessing from one place slows only that place;
- failures per account from browsers that never signed in to it, a ceiling against guessing
  spread over many addresses. A browser where the owner signed in before carries a signed
  "known device" cookie and is not held back by what strangers do.
"""

from __future__ import annotations

import hashlib

from flask import current_app, request
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeTimedSerializer

DEVICE_COOKIE = "known_device"
DEVICE_MAX_AGE = 180 * 24 * 3600


def _email() -> str:
    return (request.form.get("email") or "").strip().lower()[:254]


def address_key() -> str:
    """Every sign-in attempt from one client address."""
    return "login-address:" + get_remote_address()


def account_address_key() -> str:
    """Failures on one account from one client address."""
    return f"login-account-address:{_email()}|{get_remote_address()}"


def account_key() -> str:
    """Failures on one account from anywhere (strangers' browsers only, see exempt)."""
    return "login-account:" + _email()


def failed(response) -> bool:
    """A sign-in that re-shows the form (200) did not succeed; a refusal (400) tried nothing."""
    return response.status_code == 200


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="known-device")


def _account_digest(email: str) -> str:
    # The cookie is signed, not encrypted: it names the account by a digest, not the address.
    return hashlib.sha256(email.encode()).hexdigest()[:32]


def known_device() -> bool:
    """True when this browser signed in to the account being tried before."""
    token = request.cookies.get(DEVICE_COOKIE)
    if not token:
        return False
    try:
        digest = _serializer().loads(token, max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return False
    return digest == _account_digest(_email())


def remember_device(response, email: str):
    """Mark this browser as one where the account's owner signed in."""
    response.set_cookie(
        DEVICE_COOKIE,
        _serializer().dumps(_account_digest(email)),
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config["SESSION_COOKIE_SECURE"]),
    )
    return response
