"""What the admin pages show, each in a fixed number of statements."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from lms.models import Role, Team, User

PAGE_SIZE = 50


@dataclass(frozen=True)
class UserFilters:
    """What the admin searched for; empty strings mean "any"."""

    q: str = ""
    role: str = ""
    team: str = ""  # a team id, "none" for users without a team, or "" for any
    status: str = ""  # "active", "inactive" or ""


@dataclass
class UserPage:
    """One page of the user list."""

    users: list[User]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def _conditions(filters: UserFilters) -> list:
    """The WHERE clauses for the filters."""
    conditions = []
    if filters.q:
        conditions.append(
            or_(
                User.name.icontains(filters.q, autoescape=True),
                User.email.icontains(filters.q, autoescape=True),
            )
        )
    if filters.role in {r.value for r in Role}:
        conditions.append(User.role == Role(filters.role))
    if filters.team == "none":
        conditions.append(User.team_id.is_(None))
    elif filters.team.isdigit():
        conditions.append(User.team_id == int(filters.team))
    if filters.status in ("active", "inactive"):
        conditions.append(User.active.is_(filters.status == "active"))
    return conditions


def user_page(session: Session, filters: UserFilters, page: int = 1) -> UserPage:
    """The users matching the filters, by name, a page at a time, with their team."""
    conditions = _conditions(filters)
    total = session.scalar(select(func.count(User.id)).where(*conditions)) or 0
    page = min(max(page, 1), max(1, -(-total // PAGE_SIZE)))
    users = session.scalars(
        select(User)
        .options(joinedload(User.team))
        .where(*conditions)
        .order_by(func.lower(User.name), User.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return UserPage(users=list(users), total=total, page=page)


def all_teams(session: Session) -> list[Team]:
    """Every team, by name."""
    return list(session.scalars(select(Team).order_by(Team.name)))


@dataclass
class TeamRow:
    """A team in the list: its managers and how many active members it has."""

    team: Team
    members: int


def team_rows(session: Session) -> list[TeamRow]:
    """Every team with its managers and active member count."""
    counts = dict(
        session.execute(
            select(User.team_id, func.count(User.id))
            .where(User.team_id.is_not(None), User.active.is_(True))
            .group_by(User.team_id)
        ).all()
    )
    teams = session.scalars(
        select(Team).options(selectinload(Team.managers)).order_by(Team.name)
    ).all()
    return [TeamRow(team, counts.get(team.id, 0)) for team in teams]


def team_with_people(session: Session, team_id: int) -> Team | None:
    """A team with its managers and members loaded."""
    return session.scalar(
        select(Team)
        .options(selectinload(Team.managers), selectinload(Team.members))
        .where(Team.id == team_id)
    )


def user_with_teams(session: Session, user_id: int) -> User | None:
    """A user with their team and the teams they manage."""
    return session.scalar(
        select(User)
        .options(joinedload(User.team), selectinload(User.managed_teams))
        .where(User.id == user_id)
    )
