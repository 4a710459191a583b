"""Teams and their managers: create, rename, delete, add and remove managers."""

from __future__ import annotations

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lms.db import reread
from lms.models import Role, Team, User
from lms.models.users import team_managers
from lms.people.user_events import record_user_event
from lms.people.users import UserError

MANAGING_ROLES = (Role.MANAGER, Role.ADMIN)


def _check_name(session: Session, name: str, team_id: int | None = None) -> str:
    """Refuse an empty name, or one taken ignoring case; return it trimmed."""
    name = name.strip()
    if not name:
        raise UserError("Team name must not be empty.", "name")
    taken = session.scalar(
        select(Team.name).where(func.lower(Team.name) == name.lower(), Team.id != (team_id or 0))
    )
    if taken is not None:
        raise UserError(f"A team named {taken!r} already exists.", "name")
    return name


def _flush_name(session: Session, name: str) -> None:
    """Flush; another admin saving the same name at the same moment gets the same refusal."""
    try:
        session.flush()
    except IntegrityError as error:
        raise UserError(f"A team named {name!r} already exists.", "name") from error


def _check_manager(user: User | None) -> User:
    """Only active managers and admins may lead a team."""
    if user is None or not user.active or user.role not in MANAGING_ROLES:
        raise UserError("Choose an active manager or admin from the list.", "manager")
    return user


def create_team(
    session: Session, name: str, manager: User | None, actor: User | None = None
) -> Team:
    """A new team with its first manager: a team always has one."""
    team = Team(name=_check_name(session, name), managers=[_check_manager(manager)])
    session.add(team)
    _flush_name(session, team.name)
    record_user_event(session, manager, actor, "team_manager_added", team=team.name)
    return team


def rename_team(session: Session, team: Team, name: str) -> None:
    """Give a team a new name, unique ignoring case."""
    team.name = _check_name(session, name, team.id)
    _flush_name(session, team.name)


def delete_team(session: Session, team: Team, actor: User | None = None) -> None:
    """Delete a team nobody belongs to, deactivated members included (their history names it)."""
    reread(session, team)
    members = session.scalar(select(func.count(User.id)).where(User.team_id == team.id)) or 0
    if members:
        noun = "member" if members == 1 else "members"
        raise UserError(
            f"{team.name} has {members} {noun}; move them to another team before deleting it."
        )
    for manager in team.managers:
        record_user_event(
            session, manager, actor, "team_manager_removed", team=team.name, reason="team deleted"
        )
    session.delete(team)
    session.flush()


def add_manager(session: Session, team: Team, user: User | None, actor: User | None = None) -> None:
    """Make a manager or admin one of the team's managers."""
    reread(session, team)
    user = _check_manager(user)
    if user in team.managers:
        raise UserError(f"{user.name} already manages {team.name}.", "manager")
    team.managers.append(user)
    record_user_event(session, user, actor, "team_manager_added", team=team.name)
    session.flush()


def remove_manager(session: Session, team: Team, user: User, actor: User | None = None) -> None:
    """Take a manager off a team, never its last one."""
    reread(session, team)  # two admins removing the last two managers: one must see the other
    if user not in team.managers:
        raise UserError(f"{user.name} does not manage {team.name}.")
    if len(team.managers) == 1:
        raise UserError(
            f"{user.name} is the only manager of {team.name}; add another manager first."
        )
    team.managers.remove(user)
    record_user_event(session, user, actor, "team_manager_removed", team=team.name)
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


def manages_team(session: Session, user_id: int, team_id: int) -> bool:
    """Whether the user is one of the team's managers: one EXISTS, no rows loaded."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    team_managers.c.team_id == team_id, team_managers.c.user_id == user_id
                )
            )
        )
    )
