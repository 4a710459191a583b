"""The events that notify people, each rendered from templates/notifications/ and enqueued."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms import clock
from lms.messaging import outbox, tokens
from lms.messaging.links import absolute_url
from lms.models import AccountToken, Enrollment, NotificationPreference, Role, User

# Kinds people may turn off (and unsubscribe from); account mail always goes out.
OPTIONAL_KINDS = {
    "reminder": "Reminders of what is due",
    "digest": "The weekly digest of your teams",
    "question_flags": "Questions newly flagged by question quality",
    "import_conflicts": "Edits in the app that an import of the files left alone",
    "certification": "Certification renewal and expiry reminders",
    "practice_review": "Reviews of your practice",
}
AUTHOR_KINDS = ("question_flags", "import_conflicts")  # for trainers and admins
RESETS_PER_HOUR = 3


# The channels a person chooses for each optional kind (webhooks belong to teams, not people).
PERSONAL_CHANNELS = {outbox.APP: "In the app", outbox.EMAIL: "By email"}


def choices(session: Session, user_id: int) -> dict[tuple[str, str], bool]:
    """Whether the user gets each optional kind on each personal channel (default: yes)."""
    stored = {
        (row.kind, row.channel): row.enabled
        for row in session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id == user_id)
        )
    }
    return {
        (kind, channel): stored.get((kind, channel), True)
        for kind in OPTIONAL_KINDS
        for channel in PERSONAL_CHANNELS
    }


def kinds_for(session: Session, user: User) -> dict[str, str]:
    """The optional kinds this user can receive, by role: theirs to choose on the settings page.

    Reminders and certification reminders reach anyone enrolled on a path, the digest
    anyone who manages a team, and news of course content the trainers and admins who
    write it.
    """
    kinds = {}
    enrolled = user.role == Role.REP or session.scalar(
        select(Enrollment.id).where(Enrollment.user_id == user.id).limit(1)
    )
    if enrolled:
        kinds["reminder"] = OPTIONAL_KINDS["reminder"]
        kinds["certification"] = OPTIONAL_KINDS["certification"]
        kinds["practice_review"] = OPTIONAL_KINDS["practice_review"]
    if user.managed_teams:
        kinds["digest"] = OPTIONAL_KINDS["digest"]
    if user.role in (Role.TRAINER, Role.ADMIN):
        kinds.update({kind: OPTIONAL_KINDS[kind] for kind in AUTHOR_KINDS})
    return kinds


def set_choice(session: Session, user_id: int, kind: str, channel: str, enabled: bool) -> None:
    """Turn one optional kind on or off on one channel for the user."""
    preference = session.scalar(
        select(NotificationPreference).where(
            NotificationPreference.user_id == user_id,
            NotificationPreference.kind == kind,
            NotificationPreference.channel == channel,
        )
    )
    if preference is None:
        session.add(
            NotificationPreference(user_id=user_id, kind=kind, channel=channel, enabled=enabled)
        )
    else:
        preference.enabled = enabled


def enqueue_personal(
    session: Session,
    user: User,
    kind: str,
    key: str,
    subject: str,
    summary: str,
    bodies: tuple[str, str],
    link: str,
    send_at: datetime | None = None,
) -> int:
    """Queue one message in the app and by email, as the user chose; how many were stored.

    key names the event (kind, user, day or week); the channel is added to it, so a second
    run of the scheduler stores nothing. A user without an email address still gets the app.
    send_at holds the email until the user's sending hour; the app entry shows at once.
    """
    text, html = bodies
    stored = 0
    for channel in PERSONAL_CHANNELS:
        if not wants(session, user, kind, channel):
            continue
        if channel == outbox.EMAIL and not user.email:
            continue
        in_app = channel == outbox.APP
        stored += outbox.enqueue(
            session,
            outbox.Message(
                user_id=user.id,
                kind=kind,
                channel=channel,
                key=f"{key}:{channel}",
                subject=subject,
                body_text=summary if in_app else text,
                body_html="" if in_app else html,
                link=link if in_app else None,
                send_at=None if in_app else send_at,
            ),
        )
    return stored


def render(kind: str, **context) -> tuple[str, str]:
    """The plain-text and HTML bodies of an email of this kind."""
    env = current_app.jinja_env
    context.setdefault("base_url", current_app.config["BASE_URL"])
    text = env.get_template(f"notifications/email/{kind}.txt").render(**context)
    html = env.get_template(f"notifications/email/{kind}.html").render(**context)
    return text, html


def wants(session: Session, user: User, kind: str, channel: str) -> bool:
    """Whether a user gets this kind on this channel: active, and not turned off."""
    if not user.active:
        return False
    if kind not in OPTIONAL_KINDS:
        return True
    enabled = session.scalar(
        select(NotificationPreference.enabled).where(
            NotificationPreference.user_id == user.id,
            NotificationPreference.kind == kind,
            NotificationPreference.channel == channel,
        )
    )
    return enabled is not False


def _account_link(session: Session, user: User, purpose: str, subject: str) -> bool:
    """Issue a single-use password link and enqueue the email that carries it."""
    token, secret = tokens.issue(session, user.id, purpose)
    url = absolute_url("notifications.set_password", secret=secret)
    text, html = render(
        purpose, user=user, url=url, lifetime=tokens.LIFETIME[purpose], subject=subject
    )
    return outbox.enqueue(
        session,
        outbox.Message(
            user_id=user.id,
            kind=purpose,
            channel=outbox.EMAIL,
            key=f"{purpose}:{user.id}:{token.id}",
            subject=subject,
            body_text=text,
            body_html=html,
        ),
    )


def invite(session: Session, user: User) -> bool:
    """Invite a new user to set their password (valid 7 days); sending again replaces the link."""
    if not user.active:
        return False
    return _account_link(session, user, tokens.INVITATION, "You are invited to RepReady")


def password_reset(session: Session, user: User) -> bool:
    """Send a link to choose a new password (valid 1 hour) to an active user.

    At most RESETS_PER_HOUR a person an hour, whatever addresses ask: no one can flood an
    inbox by asking from many places.
    """
    if not user.active:
        return False
    recent = session.scalar(
        select(func.count())
        .select_from(AccountToken)
        .where(
            AccountToken.user_id == user.id,
            AccountToken.purpose == tokens.RESET,
            AccountToken.created_at > clock.now() - timedelta(hours=1),
        )
    )
    if recent >= RESETS_PER_HOUR:
        return False
    return _account_link(session, user, tokens.RESET, "Reset your RepReady password")
