"""How the library is used: views, copies and shares per item, per team and per week."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms.models import LibraryEvent, LibraryItem, LibraryShare, Team, User

WEEKS_SHOWN = 8


def week_of(day: date) -> date:
    """The Monday that starts the day's week."""
    return day - timedelta(days=day.weekday())


@dataclass
class Usage:
    """Counts by (row name, action); rows are items, teams or weeks."""

    items: dict[str, Counter] = field(default_factory=dict)
    teams: dict[str, Counter] = field(default_factory=dict)
    weeks: dict[date, Counter] = field(default_factory=dict)
    recent_shares: list = field(default_factory=list)


def usage(session: Session, today: date, team_ids: set[int] | None = None) -> Usage:
    """The last eight weeks of events; team_ids limits them to those teams (None: all).

    Three statements whatever the number of events: one grouped count, one for the shares.
    """
    since = week_of(today) - timedelta(weeks=WEEKS_SHOWN - 1)
    query = (
        select(
            LibraryItem.title,
            Team.name,
            LibraryEvent.day,
            LibraryEvent.action,
            func.count(LibraryEvent.id),
        )
        .join(LibraryItem, LibraryItem.id == LibraryEvent.item_id)
        .outerjoin(Team, Team.id == LibraryEvent.team_id)
        .where(LibraryEvent.day >= since)
        .group_by(LibraryItem.title, Team.name, LibraryEvent.day, LibraryEvent.action)
    )
    if team_ids is not None:
        query = query.where(LibraryEvent.team_id.in_(team_ids or {-1}))
    result = Usage()
    for title, team, day, action, count in session.execute(query):
        result.items.setdefault(title, Counter())[action] += count
        result.teams.setdefault(team or "No team", Counter())[action] += count
        result.weeks.setdefault(week_of(day), Counter())[action] += count
    result.items = dict(sorted(result.items.items(), key=lambda kv: -sum(kv[1].values())))
    result.teams = dict(sorted(result.teams.items()))
    result.weeks = dict(sorted(result.weeks.items(), reverse=True))
    shares = (
        select(LibraryShare.company, LibraryShare.created_at, LibraryItem.title, User.name)
        .join(LibraryItem, LibraryItem.id == LibraryShare.item_id)
        .join(User, User.id == LibraryShare.user_id)
        .order_by(LibraryShare.created_at.desc(), LibraryShare.id.desc())
        .limit(20)
    )
    if team_ids is not None:
        shares = shares.where(User.team_id.in_(team_ids or {-1}))
    result.recent_shares = list(session.execute(shares))
    return result
