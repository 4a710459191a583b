"""Teams and their managers: create, rename, add and remove managers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.models import Role, Team, User
from lms.users import UserError

MANAGING_ROLES = (Role.MANAGER, Role.ADMIN)


def _check_name(session: Session, name: str, team_id: int | None = None) -> str:
    """Refuse an empty or taken team name; return it trimmed."""
    name = name.strip()
    if not name:
        raise UserError("Team name must not be empty.", "name")
    if session.scalar(select(Team.id).where(Team.name == name, Team.id != (team_id or 0))):
        raise UserError(f"A team named {name!r} already exists.", "name")
    return name


def _check_manager(user: User | None) -> User:
    """Only active managers and admins may lead a team."""
    if user is None or not user.active or user.role not in MANAGING_ROLES:
        raise UserError("Choose an active manager or admin from the list.", "manager")
    return user


def create_team(session: Session, name: str, manager: User | None) -> Team:
    """A new team with its first manager: a team always has one."""
    team = Team(name=_check_name(session, name), managers=[_check_manager(manager)])
    session.add(team)
    session.flush()
    return team


def rename_team(session: Session, team: Team, name: str) -> None:
    """Give a team a new, unique name."""
    team.name = _check_name(session, name, team.id)
    session.flush()


def add_manager(session: Session, team: Team, user: User | None) -> None:
    """Make a manager or admin one of the team's managers."""
    user = _check_manager(user)
    if user in team.managers:
        raise UserError(f"{user.name} already manages {team.name}.", "manager")
    team.managers.append(user)
    session.flush()


def remove_manager(session: Session, team: Team, user: User) -> None:
    """Take a manager off a team, never its last one."""
    if user not in team.managers:
        raise UserError(f"{user.name} does not manage {team.name}.")
    if len(team.managers) == 1:
        raise UserError(
            f"{user.name} is the only manager of {team.name}; add another manager first."
        )
    team.managers.remove(user)
    session.flush()


def manager_candidates(session: Session) -> list[User]:
    """Active managers and admins, by name: who may lead a team."""
    return list(
        session.scalars(
            select(User)
            .where(User.role.in_(MANAGING_ROLES), User.active.is_(True))
            .order_by(User.name, User.id)
        )
    )
