"""The sender: claim due emails, hand each to the server, record what happened."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from lms.db import db
from lms.messaging import outbox, webhooks
from lms.messaging.events import OPTIONAL_KINDS
from lms.messaging.links import absolute_url, unsubscribe_token
from lms.messaging.mail import (
    Envelope,
    FolderTransport,
    SmtpTransport,
    build,
    describe_error,
)
from lms.models import Notification, Team, User

log = logging.getLogger(__name__)
BATCH = 50
# A sent email no longer needs its password link: keep the stored copy without the secret.
SECRET_LINK = re.compile(r"(/password/set/)[A-Za-z0-9_\-]+")


@dataclass
class BatchResult:
    """What one batch did."""

    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def transport():
    """SMTP when LMS_SMTP_HOST is set; otherwise .eml files under instance/mail/."""
    config = current_app.config
    if config.get("SMTP_HOST"):
        return SmtpTransport(
            host=config["SMTP_HOST"],
            port=int(config["SMTP_PORT"]),
            username=config.get("SMTP_USERNAME"),
            password=config.get("SMTP_PASSWORD"),
            starttls=str(config["SMTP_STARTTLS"]).lower() not in ("0", "false", "no"),
        )
    return FolderTransport(Path(current_app.instance_path) / "mail")


def envelope(notification: Notification, user: User) -> Envelope:
    """The email for a stored notification, with one-click unsubscribe on optional kinds."""
    unsubscribe = None
    if notification.kind in OPTIONAL_KINDS:
        unsubscribe = absolute_url(
            "notifications.unsubscribe", token=unsubscribe_token(user.id, notification.kind)
        )
    return Envelope(
        notification_id=notification.id,
        key=notification.key,
        sender=current_app.config["MAIL_FROM"],
        recipient=user.email,
        subject=notification.subject,
        text=notification.body_text,
        html=notification.body_html,
        unsubscribe_url=unsubscribe,
    )


def _claim(limit: int, channels, other, on) -> tuple[str, list]:
    """Claim due messages on these channels; each with the row `other` it joins (or None)."""
    with db.writing() as session:
        token, ids = outbox.claim(session, limit, channels=channels)
    if not ids:
        return token, []
    rows = db.session.execute(
        select(Notification, other)
        .outerjoin(other, on)
        .where(Notification.id.in_(ids))
        .order_by(Notification.id)
    ).all()
    db.session.commit()
    return token, rows


def send_batch(limit: int = BATCH) -> BatchResult:
    """Claim up to `limit` due emails and send them; each outcome in its own transaction."""
    token, rows = _claim(limit, (outbox.EMAIL,), User, User.id == Notification.user_id)
    result = BatchResult()
    if not rows:
        return result
    try:
        with transport() as channel:
            if isinstance(channel, FolderTransport):
                log.info("no LMS_SMTP_HOST: writing emails to %s", channel.folder)
            for notification, user in rows:
                _send_one(channel, notification, user, token, result)
    except OSError as error:  # the server could not be reached: every unsent one retries
        done = set(result.sent + result.retrying + result.failed)
        for notification, _user in rows:
            if notification.id not in done:
                _record_failure(notification, token, f"connection: {error}", result)
    return result


def _send_one(channel, notification: Notification, user: User, token: str, result) -> None:
    """Send one email; mark it sent only after the server accepted it."""
    if not user.active:
        _record_failure(notification, token, "the recipient is deactivated", result, final=True)
        return
    try:
        channel.send(build(envelope(notification, user)))
    except Exception as error:  # noqa: BLE001 - any refusal is recorded on the row and retried
        _record_failure(notification, token, describe_error(error), result)
        return
    with db.writing() as session:
        outbox.mark_sent(
            session,
            notification.id,
            token,
            body_text=SECRET_LINK.sub(r"\1(sent)", notification.body_text),
            body_html=SECRET_LINK.sub(r"\1(sent)", notification.body_html),
        )
    log.info("sent notification %s (%s) to user %s", notification.id, notification.kind, user.id)
    result.sent.append(notification.id)


def _record_failure(notification, token, error: str, result, final: bool = False) -> None:
    """Record a failed try on its row: pending again later, or failed after the last."""
    if final:
        notification.attempts = outbox.MAX_ATTEMPTS
    with db.writing() as session:
        status = outbox.mark_failed(session, notification, token, error)
    log.warning("notification %s not sent (%s): %s", notification.id, status, error)
    (result.failed if status == outbox.FAILED else result.retrying).append(notification.id)


def send_due(limit: int = BATCH) -> BatchResult:
    """One batch of emails, then one of webhook posts: what `flask notify send` runs."""
    emails, posts = send_batch(limit), send_webhook_batch(limit)
    return BatchResult(
        emails.sent + posts.sent, emails.retrying + posts.retrying, emails.failed + posts.failed
    )


def send_webhook_batch(limit: int = BATCH) -> BatchResult:
    """Claim up to `limit` due Slack and Teams posts and send each to its team's webhook."""
    token, rows = _claim(limit, outbox.WEBHOOKS, Team, Team.id == Notification.team_id)
    result = BatchResult()
    if not rows:
        return result
    config = current_app.config
    allow_http = bool(config.get("WEBHOOK_ALLOW_HTTP"))
    timeout = float(config.get("WEBHOOK_TIMEOUT") or webhooks.TIMEOUT)
    for notification, team in rows:
        # The URL is read now, not when queued: an admin's fix applies to the next try.
        url = getattr(team, f"{notification.channel}_webhook_url", None) if team else None
        if not url:
            error = f"the team has no {notification.channel} webhook any more"
            _record_failure(notification, token, error, result, final=True)
            continue
        try:
            webhooks.post(url, notification.body_text, allow_http, timeout)
        except Exception as error:  # noqa: BLE001 - any failure is recorded on the row and retried
            _record_failure(notification, token, webhooks.describe_error(error), result)
            continue
        with db.writing() as session:
            outbox.mark_sent(session, notification.id, token)
        log.info("posted notification %s to team %s (%s)", notification.id, team.id, team.name)
        result.sent.append(notification.id)
    return result
