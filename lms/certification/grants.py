"""Granting, renewing, signing off and revoking certifications, inside the caller's write."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lms.certification.rules import add_months, renewed_expiry
from lms.certification.standing import FIRST, RECERTIFY, Standing, load_standings
from lms.models import Certification, CertificationGrant, Module, PathCourse, SignOff, User
from lms.people.user_events import record_user_event
from lms.refusals import Refusal

MAX_NOTE_CHARS = 1_000
MAX_REASON_CHARS = 1_000


class CertificationRefused(Refusal):
    """A sign-off or revocation the app turns down, with the reason for the person."""


def versions_in_force(session: Session, cert: Certification) -> dict[str, int]:
    """{module id: version} of the live modules of the path's courses and of the exam."""
    course_ids = select(PathCourse.course_id).where(PathCourse.path_id == cert.path_id)
    query = select(Module.id, Module.version).where(Module.retired_at.is_(None))
    if cert.exam_course_id:
        query = query.where(
            Module.course_id.in_(course_ids) | (Module.course_id == cert.exam_course_id)
        )
    else:
        query = query.where(Module.course_id.in_(course_ids))
    return {str(module_id): version for module_id, version in session.execute(query)}


def _grant(
    session: Session, user: User, standing: Standing, now: datetime
) -> CertificationGrant | None:
    """Insert the round's grant; None when another worker granted the same round first."""
    cert, old = standing.certification, standing.grant
    if standing.round == RECERTIFY and old is not None:
        expires = renewed_expiry(old.expires_at, now, cert.valid_months)
    else:
        expires = add_months(now, cert.valid_months)
    grant = CertificationGrant(
        certification_id=cert.id,
        user_id=user.id,
        public_id=secrets.token_urlsafe(24),
        title=cert.title,
        granted_at=now,
        expires_at=expires,
        versions=versions_in_force(session, cert),
        previous_id=old.id if old is not None else None,
    )
    try:
        # A savepoint: losing the race must not undo the caller's write (the passing attempt).
        with session.begin_nested():
            session.add(grant)
    except IntegrityError:
        # The unique indexes allow one first grant and one grant after each grant: the
        # other worker's grant of this very round is committed, and it is the one that counts.
        return None
    kind = "certification_granted" if standing.round == FIRST else "certification_renewed"
    record_user_event(session, user, None, kind, certification=cert.title, expires=expires.date())
    return grant


def grant_earned(
    session: Session, user: User, now: datetime, course_id: int | None = None
) -> list[CertificationGrant]:
    """Grant (or renew) every certification whose round the rep has just completed.

    With course_id (a quiz passed in that course), only the certifications the course
    counts toward: the others' standing did not move with this step, and was granted at the
    step that completed it. Readings and sign-offs still look at every certification.
    """
    # The steps that can complete a round (a quiz pass, a reading, a sign-off) take turns per
    # rep here: on PostgreSQL the second one then reads what the first committed, so two last
    # steps at the same moment cannot both miss the grant. SQLite's writes take turns anyway.
    # FOR NO KEY UPDATE, not FOR UPDATE: each step's own inserts already hold the key-share
    # lock their foreign keys take on the rep's row, and FOR UPDATE would deadlock with it.
    session.execute(select(User.id).where(User.id == user.id).with_for_update(key_share=True))
    granted = []
    for standing in load_standings(session, user, now, course_id):
        if standing.earned and (standing.round != FIRST or standing.total > 0):
            grant = _grant(session, user, standing, now)
            if grant is not None:
                granted.append(grant)
    if granted:
        session.flush()
    return granted


def sign_off(
    session: Session,
    manager: User,
    rep: User,
    cert: Certification,
    item_id: str,
    confirmed_on: date,
    note: str,
    now: datetime,
    today: date,
) -> SignOff:
    """Record the manager's confirmation of one item, then grant what it completes."""
    if item_id not in {item["id"] for item in cert.sign_off}:
        raise CertificationRefused("That sign-off item is not part of this certification.")
    if confirmed_on > today:
        raise CertificationRefused("The sign-off date cannot be in the future.")
    if len(note) > MAX_NOTE_CHARS:
        raise CertificationRefused(f"Keep the note under {MAX_NOTE_CHARS:,} characters.")
    row = SignOff(
        certification_id=cert.id,
        user_id=rep.id,
        item_id=item_id,
        confirmed_on=confirmed_on,
        note=note.strip(),
        manager_id=manager.id,
    )
    session.add(row)
    record_user_event(
        session, rep, manager, "certification_signed_off", certification=cert.title, item=item_id
    )
    session.flush()
    grant_earned(session, rep, now)
    return row


def revoke(
    session: Session, grant: CertificationGrant, admin: User, reason: str, now: datetime
) -> None:
    """Revoke a certificate for a reason, kept on the grant and in the rep's history."""
    reason = reason.strip()
    if not reason:
        raise CertificationRefused("Give the reason for revoking this certification.")
    if len(reason) > MAX_REASON_CHARS:
        raise CertificationRefused(f"Keep the reason under {MAX_REASON_CHARS:,} characters.")
    if grant.revoked_at is not None:
        raise CertificationRefused("This certification is already revoked.")
    grant.revoked_at = now
    grant.revoked_by_id = admin.id
    grant.revoke_reason = reason
    record_user_event(
        session,
        grant.user,
        admin,
        "certification_revoked",
        certification=grant.title,
        reason=reason,
    )


def grant_by_public_id(session: Session, public_id: str) -> CertificationGrant | None:
    """The certificate behind a verification URL, or None."""
    if len(public_id) > 64:
        return None
    return session.scalar(
        select(CertificationGrant).where(CertificationGrant.public_id == public_id)
    )
