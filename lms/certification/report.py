"""Who holds which certification, and what expires this quarter, in a fixed few statements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms.models import CertificationGrant, Role, User


@dataclass(frozen=True)
class Holding:
    """A rep's newest certificate of one certification."""

    rep_id: int
    rep_name: str
    team_id: int | None
    title: str
    public_id: str
    granted_at: datetime
    expires_at: datetime
    status: str


def quarter_bounds(today: date) -> tuple[date, date]:
    """The first day of today's quarter and of the next."""
    first_month = (today.month - 1) // 3 * 3 + 1
    start = date(today.year, first_month, 1)
    if first_month == 10:
        return start, date(today.year + 1, 1, 1)
    return start, date(today.year, first_month + 3, 1)


def holdings(session: Session, now: datetime, team_ids: list[int] | None = None) -> list[Holding]:
    """Each rep's newest certificate per certification; only these teams' reps if given."""
    newest = (
        select(func.max(CertificationGrant.id))
        .group_by(CertificationGrant.user_id, CertificationGrant.certification_id)
        .scalar_subquery()
    )
    query = (
        select(CertificationGrant, User.name, User.team_id)
        .join(User, User.id == CertificationGrant.user_id)
        .where(CertificationGrant.id.in_(newest), User.role == Role.REP, User.active.is_(True))
        .order_by(User.name, User.id, CertificationGrant.title)
    )
    if team_ids is not None:
        query = query.where(User.team_id.in_(team_ids))
    return [
        Holding(
            rep_id=grant.user_id,
            rep_name=name,
            team_id=team_id,
            title=grant.title,
            public_id=grant.public_id,
            granted_at=grant.granted_at,
            expires_at=grant.expires_at,
            status=grant.status(now),
        )
        for grant, name, team_id in session.execute(query)
    ]


def expiring(rows: list[Holding], today: date) -> list[Holding]:
    """Valid certificates that expire before the quarter ends, soonest first."""
    _, end = quarter_bounds(today)
    soon = [r for r in rows if r.status == "valid" and r.expires_at.date() < end]
    return sorted(soon, key=lambda r: r.expires_at)


def by_rep(rows: list[Holding]) -> dict[int, list[Holding]]:
    """The holdings of each rep, for a column on the team dashboard."""
    found: dict[int, list[Holding]] = {}
    for row in rows:
        found.setdefault(row.rep_id, []).append(row)
    return found
