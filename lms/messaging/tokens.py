"""Single-use links to set a password: the link carries a secret, the database its hash."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lms import clock
from lms.models import AccountToken

INVITATION, RESET = "invitation", "reset"
LIFETIME = {INVITATION: timedelta(days=7), RESET: timedelta(hours=1)}


def digest(secret: str) -> str:
    """The stored form of a secret: SHA-256 (the secret is random, so no salt is needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(session: Session, user_id: int, purpose: str) -> tuple[AccountToken, str]:
    """A new link for a user; their earlier unused links of that purpose stop working."""
    now = clock.now()
    session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user_id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
    )
    secret = secrets.token_urlsafe(32)
    token = AccountToken(
        user_id=user_id,
        purpose=purpose,
        token_hash=digest(secret),
        expires_at=now + LIFETIME[purpose],
        created_at=now,
    )
    session.add(token)
    session.flush()
    return token, secret


def find_usable(session: Session, secret: str) -> AccountToken | None:
    """The unused, unexpired token a secret belongs to, or None."""
    token = session.scalar(select(AccountToken).where(AccountToken.token_hash == digest(secret)))
    if token is None or token.used_at is not None or token.expires_at <= clock.now():
        return None
    return token


def use(session: Session, secret: str) -> AccountToken | None:
    """Spend a token in the caller's write transaction; None when it was already spent."""
    token = find_usable(session, secret)
    if token is None:
        return None
    spent = session.execute(
        update(AccountToken)
        .where(AccountToken.id == token.id, AccountToken.used_at.is_(None))
        .values(used_at=clock.now())
    )
    return token if spent.rowcount == 1 else None
