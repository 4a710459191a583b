"""Creating and changing accounts, with their team and their onboarding path."""

from __future__ import annotations

import re
import secrets
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms import clock
from lms.models import Enrollment, LearningPath, Role, Team, User
from lms.models.users import new_session_token
from lms.people.passwords import hash_password
from lms.people.user_events import record_user_event
from lms.refusals import Refusal

EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MIN_PASSWORD_LENGTH = 12
# The 10,000 most common passwords, most common first (see docs/security.md for the source).
COMMON_PASSWORDS_FILE = Path(__file__).parent / "common-passwords.txt"


class UserError(Refusal):
    """A change to a user or team was refused; the message says why and how to fix it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field  # the form field the message belongs to, when there is one


@cache
def common_passwords() -> frozenset[str]:
    """The common-password list, lowercased, read once."""
    return frozenset(COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").lower().split("\n"))


def check_password(password: str) -> None:
    """Refuse passwords too short or too common to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            f"Password must be at least {MIN_PASSWORD_LENGTH} characters long.", "password"
        )
    if password.strip().lower() in common_passwords():
        raise UserError(
            "That password is on a list of common passwords; choose another.", "password"
        )


def check_identity(session: Session, email: str, name: str, user_id: int | None = None) -> str:
    """Refuse a malformed or taken email and an empty name; return the normalised email."""
    email = email.strip().lower()
    if not EMAIL_PATTERN.fullmatch(email):
        raise UserError(f"{email!r} is not an email address.", "email")
    if not name.strip():
        raise UserError("Name must not be empty.", "name")
    if session.scalar(select(User.id).where(User.email == email, User.id != (user_id or 0))):
        raise UserError(f"A user with email {email} already exists.", "email")
    return email


def find_team(session: Session, name: str) -> Team | None:
    """The team with that name, ignoring case ("team west" is "Team West")."""
    return session.scalar(select(Team).where(func.lower(Team.name) == name.strip().lower()))


def find_or_create_team(session: Session, name: str) -> Team:
    """The team with that name (ignoring case), created when new."""
    team = find_team(session, name)
    if team is None:
        team = Team(name=name.strip())
        session.add(team)
        session.flush()
    return team


def enroll(
    session: Session,
    user: User,
    path: LearningPath,
    start: date,
    actor: User | None = None,
    **source,
) -> Enrollment:
    """Put a user on a path from a start date, once; the assignment goes in their history."""
    enrollment = session.scalar(
        select(Enrollment).where(Enrollment.user_id == user.id, Enrollment.path_id == path.id)
    )
    if enrollment is None:
        enrollment = Enrollment(user_id=user.id, path_id=path.id, start_date=start)
        session.add(enrollment)
        session.flush()
        record_user_event(
            session, user, actor, "path_assigned", path=path.title, start_date=start, **source
        )
    elif enrollment.removed_at is not None:  # taken off by a manager: back on, history kept
        enrollment.removed_at = None
        enrollment.start_date = start
    return enrollment


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    role: Role,
    password: str | None = None,
    team_name: str | None = None,
    manager_email: str | None = None,
    start_date: date | None = None,
    path_slug: str | None = None,
    password_hash: str | None = None,
    actor: User | None = None,
) -> User:
    """Create an account; with a team, a manager and a path as given.

    Give a password, or a ready hash (bulk import: one hash of a discarded secret, since
    hashing each row's password would take a tenth of a second per user).
    """
    email = check_identity(session, email, name)
    if password_hash is None:
        check_password(password or "")
        password_hash = hash_password(password or "")
    path = None
    if path_slug:
        path = session.scalar(
            select(LearningPath).where(
                LearningPath.slug == path_slug, LearningPath.retired_at.is_(None)
            )
        )
        if path is None:
            raise UserError(f"No onboarding path {path_slug!r}; import the courses first.", "path")
    manager = None
    if manager_email:
        manager = session.scalar(select(User).where(User.email == manager_email.strip().lower()))
        if manager is None or manager.role not in (Role.MANAGER, Role.ADMIN):
            raise UserError(f"No manager with email {manager_email}.", "manager")
    team = find_or_create_team(session, team_name) if team_name else None
    if team is None and manager is not None and manager.managed_teams:
        team = manager.managed_teams[0]
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        password_hash=password_hash,
        team=team,
        start_date=start_date or clock.today(),
    )
    session.add(user)
    session.flush()
    record_user_event(
        session,
        user,
        actor,
        "created",
        role=role,
        team=team.name if team else None,
        start_date=user.start_date,
    )
    if team is not None and role is Role.MANAGER and user not in team.managers:
        team.managers.append(user)
        record_user_event(session, user, actor, "team_manager_added", team=team.name)
    if team is not None and manager is not None and manager not in team.managers:
        team.managers.append(manager)
        record_user_event(session, manager, actor, "team_manager_added", team=team.name)
    if path is not None:
        enroll(session, user, path, user.start_date, actor)
    return user


def update_user(
    session: Session,
    user: User,
    *,
    email: str,
    name: str,
    role: Role,
    team: Team | None,
    start_date: date | None,
    actor: User | None = None,
) -> User:
    """Change a user's details, each change in their history; paths keep their start dates."""
    email = check_identity(session, email, name, user.id)
    if role not in (Role.MANAGER, Role.ADMIN) and user.managed_teams:
        teams = ", ".join(t.name for t in user.managed_teams)
        raise UserError(
            f"{user.name} manages {teams}; remove them from its managers before changing "
            f"their role to {role.value}.",
            "role",
        )
    start_date = start_date or user.start_date
    profile = {
        field: [old, new]
        for field, old, new in (
            ("name", user.name, name.strip()),
            ("email", user.email, email),
            ("start_date", user.start_date, start_date),
        )
        if old != new
    }
    if profile:
        record_user_event(session, user, actor, "profile_changed", changes=profile)
    if role is not user.role:
        record_user_event(session, user, actor, "role_changed", old=user.role, new=role)
    if team is not user.team:
        old_team = user.team.name if user.team else None
        record_user_event(
            session, user, actor, "team_changed", old=old_team, new=team.name if team else None
        )
    user.email, user.name, user.role = email, name.strip(), role
    user.team = team
    user.start_date = start_date
    session.flush()
    return user


def unusable_password_hash() -> str:
    """A hash of a secret thrown away at once: no one can sign in until given a password."""
    return hash_password(secrets.token_urlsafe(32))


def set_password(session: Session, user: User, password: str, actor: User | None = None) -> None:
    """Give a user a new password and sign them out everywhere."""
    check_password(password)
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    record_user_event(session, user, actor, "password_set")
    session.flush()


def deactivate_user(session: Session, user: User, actor: User | None = None, **source) -> None:
    """Stop a user signing in and end their sessions; their history stays."""
    user.active = False
    user.session_token = new_session_token()
    record_user_event(session, user, actor, "deactivated", **source)
    session.flush()


def reactivate_user(session: Session, user: User, actor: User | None = None) -> None:
    """Let a deactivated user sign in again with their old password."""
    user.active = True
    record_user_event(session, user, actor, "reactivated")
    session.flush()
