"""What an import, upload or publish would do, measured by running it and rolling it back."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from lms import clock
from lms.catalog.importer import ImportSummary
from lms.db import db
from lms.models import (
    Attempt,
    Course,
    CourseRecord,
    LearningPath,
    Module,
    ModuleProgress,
    PathCourse,
)


@dataclass(frozen=True)
class Impact:
    """The changes a rehearsal made, and the reps they reach."""

    summary: ImportSummary
    completed_reps: int  # reps who completed a course that gains modules
    in_progress_reps: int  # reps who started, and not finished, a changed or retired module
    attempts: int  # attempts holding a question that changes or goes

    @property
    def grows(self) -> bool:
        """True when an existing course gains modules: the new-material choice applies."""
        return bool(self.summary.grown_courses)

    def lines(self) -> list[str]:
        """The preview in words, for the CLI's --dry-run."""
        changes = [f"  {c}" for c in self.summary.changes] or ["  nothing changes"]
        return [
            *self.summary.lines(),
            "Changes:",
            *changes,
            f"Reps who completed a course that gains modules: {self.completed_reps}",
            f"Reps in progress on a changed or retired module: {self.in_progress_reps}",
            f"Attempts holding a changed or retired question: {self.attempts}",
        ]


def measure(session: Session, summary: ImportSummary) -> Impact:
    """Count the reps the summary's changes reach: three statements, whatever the data size."""
    completed = 0
    if summary.grown_courses:
        completed = session.scalar(
            select(func.count(CourseRecord.id)).where(
                CourseRecord.course_id.in_(summary.grown_courses),
                CourseRecord.completed_at.is_not(None),
            )
        )
    in_progress = 0
    if summary.touched_modules:
        in_progress = session.scalar(
            select(func.count(distinct(ModuleProgress.user_id))).where(
                ModuleProgress.module_id.in_(summary.touched_modules),
                ModuleProgress.completed_at.is_(None),
            )
        )
    attempts = 0
    if summary.touched_questions:
        courses = {course_id for course_id, _ in summary.touched_questions}
        rows = session.execute(
            select(Module.course_id, Attempt.snapshot)
            .join(Module, Module.id == Attempt.module_id)
            .where(Module.course_id.in_(courses))
        )
        attempts = sum(
            1
            for course_id, snapshot in rows
            if any((course_id, item.get("key")) in summary.touched_questions for item in snapshot)
        )
    return Impact(summary, completed, in_progress, attempts)


@contextmanager
def rehearsal() -> Iterator[Session]:
    """A write transaction that is always rolled back: nothing it does is stored."""
    session = db.session()
    session.commit()
    session.connection(execution_options={"sqlite_immediate": True})
    try:
        yield session
    finally:
        session.rollback()


def rehearse(run: Callable[[Session], ImportSummary]) -> Impact:
    """Run the importer as the real thing would, measure what it did, and roll it all back."""
    with rehearsal() as session:
        return measure(session, run(session))


def content_state(session: Session) -> str:
    """A digest of the stored courses, modules and paths an import compares the files with."""
    digest = hashlib.sha256()
    for statement in (
        select(Course.slug, Course.version, Course.retired_at).order_by(Course.id),
        select(Module.id, Module.version, Module.retired_at, Module.edited_in_app_at).order_by(
            Module.id
        ),
        select(LearningPath.slug, LearningPath.title, LearningPath.retired_at).order_by(
            LearningPath.id
        ),
        select(
            PathCourse.path_id, PathCourse.course_id, PathCourse.position, PathCourse.due_day
        ).order_by(PathCourse.path_id, PathCourse.position),
    ):
        for row in session.execute(statement):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def folder_digest(directory: Path) -> str:
    """A digest of every file under a folder: its path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def plan_digest(session: Session, inputs: str) -> str:
    """What the confirm form carries: the files and the stored content it was previewed on."""
    return hashlib.sha256(f"{inputs}:{content_state(session)}".encode()).hexdigest()


def new_material_due(required: bool) -> date | None:
    """The date reps who had finished must do new modules by: today plus the grace period."""
    if not required:
        return None
    return clock.today() + timedelta(days=current_app.config["NEW_MATERIAL_GRACE_DAYS"])
