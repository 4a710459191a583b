"""Reminders before a certificate expires, and when its renewal opens; each sent once."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from lms import clock
from lms.certification.grants import grant_earned
from lms.certification.rules import REMINDER_DAYS, window_opens
from lms.messaging.events import enqueue_personal, render
from lms.messaging.links import absolute_url
from lms.models import CertificationGrant, User

KIND = "certification"


def latest_grants(session: Session, now: datetime) -> list[CertificationGrant]:
    """Each rep's newest certificate per certification, not revoked, whose renewal is open."""
    newest = (
        select(func.max(CertificationGrant.id))
        .group_by(CertificationGrant.user_id, CertificationGrant.certification_id)
        .scalar_subquery()
    )
    grants = session.scalars(
        select(CertificationGrant)
        .options(joinedload(CertificationGrant.user), joinedload(CertificationGrant.certification))
        .where(CertificationGrant.id.in_(newest), CertificationGrant.revoked_at.is_(None))
        .order_by(CertificationGrant.id)
    ).all()
    return [g for g in grants if window_opens(g.granted_at, g.expires_at) <= now]


def _reminder(grant: CertificationGrant, today: date, zone: str | None) -> tuple[str, str] | None:
    """(key suffix, subject) of the reminder due on the rep's today, if any.

    Days are counted between the rep's own dates: today, and the expiry's date in their zone,
    so "in 30 days" and "by 2028-01-05" are what their calendar says, not UTC's.
    """
    expires_on = clock.date_in(grant.expires_at, zone)
    left = (expires_on - today).days
    if left < 0:
        return None
    for days in sorted(REMINDER_DAYS):  # 7 before 30: the nearer threshold wins
        if left <= days:
            when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
            return f"expires-{days}", f"{grant.title} expires {when}"
    return "renewal", f"Renew {grant.title} by {expires_on.isoformat()}"


def schedule_certification_reminders(session: Session, org_today: date) -> int:
    """Renew what is earned, then remind of renewals due and of expiry 30 and 7 days ahead."""
    now = clock.now()
    stored = 0
    renewed_users: set[int] = set()
    for grant in latest_grants(session, now):
        user: User = grant.user
        if not user.active:
            continue
        if user.id not in renewed_users:
            renewed_users.add(user.id)
            # A renewal that asks nothing (no content changed) is earned when it opens.
            if grant_earned(session, user, now):
                continue
        # The rep's own zone if they chose one, else the organisation's (clock.today(user)).
        zone = clock.zone_name_of(user)
        today = clock.today_in(user.time_zone) if user.time_zone else org_today
        due = _reminder(grant, today, zone)
        if due is None:
            continue
        suffix, subject = due
        url = absolute_url("certificates.mine")
        bodies = render(KIND, user=user, grant=grant, subject=subject, url=url)
        stored += enqueue_personal(
            session,
            user,
            KIND,
            f"{KIND}:{grant.id}:{suffix}",
            subject,
            f"{subject}: see what renewal asks of you",
            bodies,
            link="/certifications",
        )
    return stored
