"""Creating accounts, with their team and their onboarding path."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.auth.passwords import hash_password
from lms.models import Enrollment, LearningPath, Role, Team, User

EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MIN_PASSWORD_LENGTH = 12


class UserError(ValueError):
    """A user could not be created; the message says why and how to fix it."""


def check_password(password: str) -> None:
    """Refuse passwords too short to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Password must be at least {MIN_PASSWORD_LENGTH} characters long.")


def find_or_create_team(session: Session, name: str) -> Team:
    """The team with that name, created when new."""
    team = session.scalar(select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name)
        session.add(team)
        session.flush()
    return team


def enroll(session: Session, user: User, path: LearningPath, start: date) -> Enrollment:
    """Put a user on a path from a start date, once."""
    enrollment = session.scalar(
        select(Enrollment).where(Enrollment.user_id == user.id, Enrollment.path_id == path.id)
    )
    if enrollment is None:
        enrollment = Enrollment(user_id=user.id, path_id=path.id, start_date=start)
        session.add(enrollment)
        session.flush()
    return enrollment


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    role: Role,
    password: str,
    team_name: str | None = None,
    manager_email: str | None = None,
    start_date: date | None = None,
    path_slug: str | None = None,
) -> User:
    """Create an account; with a team, a manager and a path as given."""
    email = email.strip().lower()
    if not EMAIL_PATTERN.fullmatch(email):
        raise UserError(f"{email!r} is not an email address.")
    if not name.strip():
        raise UserError("Name must not be empty.")
    if session.scalar(select(User).where(User.email == email)):
        raise UserError(f"A user with email {email} already exists.")
    check_password(password)
    path = None
    if path_slug:
        path = session.scalar(
            select(LearningPath).where(
                LearningPath.slug == path_slug, LearningPath.retired_at.is_(None)
            )
        )
        if path is None:
            raise UserError(f"No onboarding path {path_slug!r}; import the courses first.")
    manager = None
    if manager_email:
        manager = session.scalar(select(User).where(User.email == manager_email.strip().lower()))
        if manager is None or manager.role not in (Role.MANAGER, Role.ADMIN):
            raise UserError(f"No manager with email {manager_email}.")
    team = find_or_create_team(session, team_name) if team_name else None
    if team is None and manager is not None and manager.managed_teams:
        team = manager.managed_teams[0]
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        password_hash=hash_password(password),
        team=team,
        start_date=start_date or date.today(),
    )
    session.add(user)
    session.flush()
    if team is not None and role is Role.MANAGER and user not in team.managers:
        team.managers.append(user)
    if team is not None and manager is not None and manager not in team.managers:
        team.managers.append(manager)
    if path is not None:
        enroll(session, user, path, user.start_date)
    return user
