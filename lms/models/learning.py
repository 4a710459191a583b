"""What reps do: enrolments in paths, progress per module, quiz attempts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms import clock
from lms.db import Base, UTCDateTime
from lms.models.content import LearningPath, Module


class Enrollment(Base):
    """A rep on a path from a start date; due dates follow from each course's due_day."""

    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("user_id", "path_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    path_id: Mapped[int] = mapped_column(ForeignKey("learning_paths.id"))
    start_date: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Days every course of the path is pushed back by (a manager's extension).
    extra_days: Mapped[int] = mapped_column(default=0)
    # Taken off the path: progress and attempts stay, the path no longer counts or shows.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    path: Mapped[LearningPath] = relationship()


class ModuleProgress(Base):
    """One rep's standing on one module."""

    __tablename__ = "module_progress"
    # Covers the team dashboard's per-rep aggregate, so it reads the index and not the table.
    __table_args__ = (
        Index(
            "ix_module_progress_user_summary",
            "user_id",
            "module_id",
            "completed_at",
            "attempts",
            "best_score",
            "last_activity_at",
        ),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    best_score: Mapped[int | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Attempts granted beyond the module's max_attempts (extra attempts, or a reset).
    extra_attempts: Mapped[int] = mapped_column(default=0)


class Attempt(Base):
    """A submitted quiz, kept with the questions and answers exactly as the rep saw them."""

    __tablename__ = "attempts"
    # With the number, "the latest attempts at a module" reads ten index entries, not them all.
    __table_args__ = (Index("ix_attempts_user_module_number", "user_id", "module_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"))
    # One token per rendered quiz form: a resubmitted form finds its attempt, never a twin.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    number: Mapped[int]
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    score: Mapped[int]
    passed: Mapped[bool]
    pass_score: Mapped[int]
    snapshot: Mapped[list[dict[str, Any]]] = mapped_column(JSON)

    module: Mapped[Module] = relationship()
