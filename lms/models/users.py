"""People, their roles and their teams."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms import clock
from lms.db import Base, UTCDateTime
from lms.models.types import enum_column


class Role(StrEnum):
    REP = "rep"
    MANAGER = "manager"
    TRAINER = "trainer"
    ADMIN = "admin"


team_managers = Table(
    "team_managers",
    Base.metadata,
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Bumped by every write that changes the team's dashboard; the report cache keys on it.
    data_version: Mapped[int] = mapped_column(default=0)
    # Issue 14: incoming-webhook URLs the manager's weekly digest is also posted to.
    slack_webhook_url: Mapped[str | None] = mapped_column(String(500))
    teams_webhook_url: Mapped[str | None] = mapped_column(String(500))

    members: Mapped[list[User]] = relationship(back_populates="team", foreign_keys="User.team_id")
    managers: Mapped[list[User]] = relationship(
        secondary=team_managers, back_populates="managed_teams"
    )


def new_session_token() -> str:
    """A fresh token; changing it signs the user out everywhere."""
    return secrets.token_urlsafe(16)


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    password_hash: Mapped[str] = mapped_column(String(255))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    start_date: Mapped[date | None]
    # An IANA zone name; None means the organisation's TIME_ZONE. Decides the user's today.
    time_zone: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Issue 14: unread in-app notifications, kept by lms/messaging/outbox.py so the
    # navigation shows the count without a query of its own.
    unread_notifications: Mapped[int] = mapped_column(default=0, server_default="0")
    # Issue 18: a random number, new with every write to this user's rows
    # (lms/progress/freshness.py); the user's cached pages key on it (lms/web/page_cache.py).
    page_version: Mapped[int] = mapped_column(default=0, server_default="0")

    team: Mapped[Team | None] = relationship(back_populates="members", foreign_keys=[team_id])
    managed_teams: Mapped[list[Team]] = relationship(
        secondary=team_managers, back_populates="managers"
    )

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        # The session carries the token too, so rotating it ends every other session.
        return f"{self.id}:{self.session_token}"


# Appended for issue 13 (admin): team names unique ignoring case, user history, pending imports.

# "Team West" and "team west" are one team: the database refuses the second on every engine.
Index("uq_teams_lower_name", func.lower(Team.name), unique=True)


class UserEvent(Base):
    """One thing that happened to a user: who did it, when, what, and its details."""

    __tablename__ = "user_events"
    __table_args__ = (Index("ix_user_events_user_created", "user_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # None: done from the command line (flask users import), not by someone signed in.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(40))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])


class PendingImport(Base):
    """An uploaded HR file between its preview and the admin's confirmation; private to them."""

    __tablename__ = "pending_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    admin_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[str] = mapped_column(Text)
    deactivate_missing: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
