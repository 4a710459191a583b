"""Who may see a team's reports: its managers and any admin; everyone else gets 404."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.models import Role, Team, User
from lms.models.users import team_managers
from lms.people.teams import manages_team


def can_see_team(session: Session, viewer: User, team_id: int) -> bool:
    """Admins see every team; managers only the teams they manage."""
    if viewer.role is Role.ADMIN:
        return True
    if viewer.role is not Role.MANAGER:
        return False
    return manages_team(session, viewer.id, team_id)


def get_team_or_404(session: Session, team_id: int, viewer: User) -> Team:
    """The team, if the viewer may see its reports; 404 otherwise so its existence stays private."""
    team = session.get(Team, team_id)
    if team is None or not can_see_team(session, viewer, team_id):
        abort(404)
    return team


def get_rep_or_404(session: Session, team: Team, rep_id: int) -> User:
    """A rep of the team; any other user id is a 404."""
    rep = session.get(User, rep_id)
    if rep is None or rep.team_id != team.id or rep.role is not Role.REP:
        abort(404)
    return rep


def visible_teams(session: Session, viewer: User) -> list[Team]:
    """The teams the viewer may open: managed ones, or all of them for an admin."""
    query = select(Team).order_by(Team.name)
    if viewer.role is not Role.ADMIN:
        query = query.join(team_managers, team_managers.c.team_id == Team.id).where(
            team_managers.c.user_id == viewer.id
        )
    return list(session.scalars(query))
