"""A rep's own standing on a course, and what managers did to fix a rep's situation."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms import clock
from lms.db import Base, UTCDateTime
from lms.models.types import enum_column
from lms.models.users import User


class CourseRecord(Base):
    """One rep and one course: completion earned, own due date, a direct assignment.

    A row exists only once one of these facts does; no row means "nothing special".
    """

    __tablename__ = "course_records"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    # Set when the course was assigned on its own (not through a path).
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The rep's own due date: a single course's date, or an extension that wins over the path's.
    due_date: Mapped[date | None]
    # Completion is earned once: later modules do not take it back (docs/readiness.md).
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_version: Mapped[int | None]
    # Set when modules added after completion are required: by this date (publish + grace).
    new_material_due: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class RemedyKind(StrEnum):
    EXTRA_ATTEMPTS = "extra attempts"
    RESET_MODULE = "reset module"
    EXTEND_COURSE = "extend course"
    EXTEND_PATH = "extend path"
    ASSIGN_COURSE = "assign course"
    REMOVE_PATH = "remove path"


class Remediation(Base):
    """One action a manager or admin took on a rep: who, when, what and why."""

    __tablename__ = "remediations"
    __table_args__ = (Index("ix_remediations_rep_created", "rep_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[RemedyKind] = mapped_column(enum_column(RemedyKind))
    summary: Mapped[str] = mapped_column(String(300))  # what was done, in words, as it was then
    reason: Mapped[str] = mapped_column(Text)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    module_id: Mapped[int | None] = mapped_column(ForeignKey("modules.id"))
    path_id: Mapped[int | None] = mapped_column(ForeignKey("learning_paths.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    actor: Mapped[User] = relationship(foreign_keys=[actor_id])
