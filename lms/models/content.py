"""Imported course content: courses, modules, questions, assets and paths."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms import clock
from lms.content.model import QuestionKind
from lms.db import Base, UTCDateTime
from lms.models.types import enum_column


class Course(Base):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    track: Mapped[str] = mapped_column(String(20))
    pass_score: Mapped[int]
    prerequisites: Mapped[list[str]] = mapped_column(JSON, default=list)
    estimated_minutes: Mapped[int]
    overview_html: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # RENDERER_VERSION of overview_html (0: before versions were recorded).
    renderer_version: Mapped[int] = mapped_column(default=0)
    # The default review policy of its modules: after_pass, always or never.
    review: Mapped[str] = mapped_column(
        String(20), default="after_pass", server_default="after_pass"
    )

    # A draft course is hidden from reps and cannot be put on a path until it is published.
    draft: Mapped[bool] = mapped_column(default=False, server_default=sa_false())

    modules: Mapped[list[Module]] = relationship(
        back_populates="course", order_by="Module.position"
    )


class Module(Base):
    __tablename__ = "modules"
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    filename: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    estimated_minutes: Mapped[int]
    pass_score: Mapped[int | None]
    max_attempts: Mapped[int] = mapped_column(default=0)
    shuffle: Mapped[bool] = mapped_column(default=False)
    # Kept at import so lists of modules know which have a quiz without loading questions.
    question_count: Mapped[int] = mapped_column(default=0)
    body_html: Mapped[str] = mapped_column(Text)
    toc_html: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text)
    # The GIFT file the front matter names (quiz:) and its text, kept so the editor and the
    # export can rebuild the course folder exactly.
    quiz_file: Mapped[str | None] = mapped_column(String(200))
    quiz_source: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # RENDERER_VERSION of body_html and the questions' HTML (0: before versions were recorded).
    renderer_version: Mapped[int] = mapped_column(default=0)
    # Set when the editor or a rollback publishes the module, cleared when an import finds
    # the files agree (or overwrites): while set, an import leaves the module alone.
    edited_in_app_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review: Mapped[str | None] = mapped_column(String(20))  # None: the course's
    # A saved draft of the module's file: reps see the published text until it is published.
    # A new module is stored retired with its draft until its first publish.
    draft_source: Mapped[str | None] = mapped_column(Text)
    draft_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    draft_author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A practice module's block and rubric (lms.content.practice.Practice.as_data); None else.
    practice: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))

    course: Mapped[Course] = relationship(back_populates="modules")
    questions: Mapped[list[Question]] = relationship(
        back_populates="module",
        order_by="Question.position",
        primaryjoin="and_(Question.module_id == Module.id, Question.retired_at.is_(None))",
        viewonly=True,
    )

    @property
    def has_quiz(self) -> bool:
        return self.question_count > 0

    @property
    def is_practice(self) -> bool:
        return self.practice is not None

    def effective_pass_score(self) -> int:
        """The module's own pass mark, or its course's."""
        return self.course.pass_score if self.pass_score is None else self.pass_score

    def effective_review(self) -> str:
        """The module's own review policy, or its course's."""
        return self.review or self.course.review


class Question(Base):
    """A question's current form; attempts keep their own snapshot of what was shown."""

    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("course_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    # Stored by value in the VARCHAR(10) it always had: no data or schema migration.
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind, length=10))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    module: Mapped[Module] = relationship(back_populates="questions")


class Asset(Base):
    """A file from a course's assets/ folder, kept in the database so every server has it."""

    __tablename__ = "assets"
    __table_args__ = (UniqueConstraint("course_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    path: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class LearningPath(Base):
    __tablename__ = "learning_paths"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Questions in a normal day's boost for reps on this path, set in the app (paths.yml has
    # no key for it); None: the REINFORCEMENT_DAILY setting.
    boost_daily: Mapped[int | None]

    courses: Mapped[list[PathCourse]] = relationship(
        back_populates="path", order_by="PathCourse.position", cascade="all, delete-orphan"
    )


class PathCourse(Base):
    __tablename__ = "path_courses"

    path_id: Mapped[int] = mapped_column(ForeignKey("learning_paths.id"), primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), primary_key=True)
    position: Mapped[int]
    due_day: Mapped[int]

    path: Mapped[LearningPath] = relationship(back_populates="courses")
    course: Mapped[Course] = relationship()
