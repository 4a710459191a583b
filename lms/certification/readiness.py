"""Expired certifications as readiness facts: the reason a certified rep is no longer ready."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms.models import Certification, CertificationGrant
from lms.progress.readiness import PathFacts


def expired_certifications(session: Session, rep_ids, today: date) -> dict[tuple[int, int], str]:
    """{(rep id, path id): reason} for each rep whose newest certificate of a path has expired.

    One statement; rep_ids is a list or a select of ids. A revoked certificate is not expired.
    """
    newest = (
        select(func.max(CertificationGrant.id))
        .where(CertificationGrant.user_id.in_(rep_ids))
        .group_by(CertificationGrant.user_id, CertificationGrant.certification_id)
    )
    rows = session.execute(
        select(
            CertificationGrant.user_id,
            Certification.path_id,
            CertificationGrant.title,
            CertificationGrant.expires_at,
        )
        .join(Certification, Certification.id == CertificationGrant.certification_id)
        .where(
            CertificationGrant.id.in_(newest),
            CertificationGrant.revoked_at.is_(None),
            Certification.retired_at.is_(None),
        )
    ).all()
    return {
        (user_id, path_id): f"Certification expired: {title} expired on "
        f"{expires.strftime('%-d %b %Y')}; renew it from the rep's certifications"
        for user_id, path_id, title, expires in rows
        if expires.date() <= today
    }


def mark_expired(facts: PathFacts, expired: dict[tuple[int, int], str], key: tuple[int, int]):
    """Put the expiry reason, if any, on the path's readiness facts; return the facts."""
    facts.certification_expired = expired.get(key)
    return facts
