"""The transactional outbox: enqueue in the caller's transaction, claim, mark sent or failed."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from lms import clock
from lms.models import Notification, User
from lms.models.site import VERSIONS_HANDLED

EMAIL, APP = "email", "app"
SLACK, TEAMS = "slack", "teams"  # a team's incoming webhooks
WEBHOOKS = (SLACK, TEAMS)
PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=1)  # then 2, 4, 8 minutes: doubled each try
LEASE = timedelta(minutes=5)  # a claim lapses this long after a sender took it


@dataclass(frozen=True)
class Message:
    """What to store for one notification."""

    user_id: int
    kind: str
    channel: str
    key: str
    subject: str
    body_text: str
    body_html: str = ""
    link: str | None = None
    team_id: int | None = None  # Slack and Teams: the team whose webhook gets the post
    # Not before this instant (the recipient's sending hour); in-app entries show at once.
    send_at: datetime | None = None


def enqueue(session: Session, message: Message) -> bool:
    """Store a message in the caller's transaction; False when its key is already stored."""
    now = clock.now()
    values = {
        "user_id": message.user_id,
        "kind": message.kind,
        "channel": message.channel,
        "key": message.key,
        "subject": message.subject,
        "body_text": message.body_text,
        "body_html": message.body_html,
        "link": message.link,
        "team_id": message.team_id,
        # An in-app entry is delivered by being stored.
        "status": SENT if message.channel == APP else PENDING,
        "sent_at": now if message.channel == APP else None,
        "attempts": 0,
        "next_attempt_at": max(now, message.send_at) if message.send_at else now,
        "created_at": now,
    }
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(Notification)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(Notification.id)
    )
    # RETURNING, not rowcount: drivers disagree on the rowcount of a skipped insert.
    stored = session.execute(statement).scalar() is not None
    if stored and message.channel == APP:
        _count_unread(session, message.user_id, +1)
    return stored


def _count_unread(session: Session, user_id: int, change: int | None) -> None:
    """Keep the user's unread count in step (None: all read) in the same transaction."""
    count = 0 if change is None else User.unread_notifications + change
    session.execute(
        update(User).where(User.id == user_id).values(unread_notifications=count),
        # No dashboard shows the count, and cached pages key on it: no version to bump.
        execution_options={"synchronize_session": False, VERSIONS_HANDLED: True},
    )


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after `attempts` failed ones: 1, 2, 4, 8 minutes."""
    return FIRST_RETRY * (2 ** max(attempts - 1, 0))


def _due(now: datetime, channels: tuple[str, ...]):
    """Messages a sender may take: pending and due, or claimed by a sender that died."""
    return and_(
        Notification.channel.in_(channels),
        or_(
            and_(Notification.status == PENDING, Notification.next_attempt_at <= now),
            and_(Notification.status == SENDING, Notification.lease_until < now),
        ),
    )


def claim(
    session: Session,
    limit: int,
    lease: timedelta = LEASE,
    channels: tuple[str, ...] = (EMAIL,),
) -> tuple[str, list[int]]:
    """Take up to `limit` due messages of `channels` for this sender, in a write transaction.

    PostgreSQL: rows locked by another sender are skipped (SKIP LOCKED). SQLite: the write
    transaction is BEGIN IMMEDIATE, so claims are one at a time anyway.
    """
    now = clock.now()
    query = (
        select(Notification.id).where(_due(now, channels)).order_by(Notification.id).limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = list(session.scalars(query))
    token = secrets.token_hex(16)
    if ids:
        session.execute(
            update(Notification)
            .where(Notification.id.in_(ids))
            .values(
                status=SENDING,
                claim_token=token,
                lease_until=now + lease,
                attempts=Notification.attempts + 1,
            )
        )
    return token, ids


def mark_sent(session: Session, notification_id: int, token: str, **bodies: str) -> bool:
    """Record that the server accepted a message; False when this sender's claim was lost.

    `bodies` (body_text, body_html) replace the stored ones, without secrets once sent.
    """
    result = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.claim_token == token)
        .values(status=SENT, sent_at=clock.now(), lease_until=None, last_error=None, **bodies)
    )
    return result.rowcount == 1


def mark_failed(session: Session, notification: Notification, token: str, error: str) -> str:
    """Record a failed try: retry later with backoff, or failed after the last try."""
    final = notification.attempts >= MAX_ATTEMPTS
    session.execute(
        update(Notification)
        .where(Notification.id == notification.id, Notification.claim_token == token)
        .values(
            status=FAILED if final else PENDING,
            next_attempt_at=clock.now() + backoff(notification.attempts),
            lease_until=None,
            last_error=error[:2000],
        )
    )
    return FAILED if final else PENDING


def retry(session: Session, notification_id: int) -> bool:
    """Send a failed message again from its first try (the admin's Retry button)."""
    result = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.status == FAILED)
        .values(status=PENDING, attempts=0, next_attempt_at=clock.now(), claim_token=None)
    )
    return result.rowcount == 1


def mark_read(session: Session, user_id: int, notification_id: int | None = None) -> int:
    """Mark one of a user's in-app notifications read (None: all of them); how many changed."""
    query = update(Notification).where(
        Notification.user_id == user_id,
        Notification.channel == APP,
        Notification.read_at.is_(None),
    )
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    changed = session.execute(query.values(read_at=clock.now())).rowcount
    if changed:
        _count_unread(session, user_id, None if notification_id is None else -changed)
    return changed
