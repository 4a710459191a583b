"""The courses page and a course's modules, loaded in a fixed number of statements."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms.models import Course, Module, ModuleProgress, Question, Role, User


@dataclass(frozen=True)
class CourseRow:
    course: Course
    modules: int
    questions: int
    in_progress: int  # reps with progress on the course who have not completed every module

    @property
    def state(self) -> str:
        if self.course.retired_at:
            return "retired"
        return "draft" if self.course.draft else "published"


def _live_counts(session: Session, model: type[Module | Question]) -> dict[int, int]:
    """Per course: how many live rows of `model` (modules or questions) it has."""
    rows = session.execute(
        select(model.course_id, func.count())
        .where(model.retired_at.is_(None))
        .group_by(model.course_id)
    )
    return {course_id: n for course_id, n in rows}


def reps_in_progress(session: Session) -> dict[int, int]:
    """Per course: active reps with progress there and fewer completions than live modules."""
    live = select(Module.id, Module.course_id).where(Module.retired_at.is_(None)).subquery("live")
    totals = (
        select(live.c.course_id, func.count().label("modules"))
        .group_by(live.c.course_id)
        .subquery("totals")
    )
    # Group first, then keep active reps: one user lookup per (course, user) instead of per
    # progress row, which SQLite otherwise turns into a scan of users for every module.
    per_user = (
        select(
            live.c.course_id,
            ModuleProgress.user_id,
            func.count(ModuleProgress.completed_at).label("done"),
        )
        .join(live, live.c.id == ModuleProgress.module_id)
        .group_by(live.c.course_id, ModuleProgress.user_id)
        .subquery("per_user")
    )
    rows = session.execute(
        select(per_user.c.course_id, func.count())
        .join(User, User.id == per_user.c.user_id)
        .join(totals, totals.c.course_id == per_user.c.course_id)
        .where(User.role == Role.REP, User.active.is_(True), per_user.c.done < totals.c.modules)
        .group_by(per_user.c.course_id)
    )
    return {course_id: n for course_id, n in rows}


def course_rows(session: Session, in_progress: dict[int, int]) -> list[CourseRow]:
    """Every course, published first, with its counts (reps in progress given): three statements."""
    courses = session.scalars(
        select(Course).order_by(Course.retired_at.is_not(None), Course.title)
    ).all()
    modules = _live_counts(session, Module)
    questions = _live_counts(session, Question)
    return [
        CourseRow(c, modules.get(c.id, 0), questions.get(c.id, 0), in_progress.get(c.id, 0))
        for c in courses
    ]


def course_or_none(session: Session, slug: str) -> Course | None:
    """A course by slug, retired or not."""
    return session.scalar(select(Course).where(Course.slug == slug))


def modules_of(session: Session, course: Course) -> list[Module]:
    """The course's modules, live ones first in order, then the retired ones."""
    return list(
        session.scalars(
            select(Module)
            .where(Module.course_id == course.id)
            .order_by(Module.retired_at.is_not(None), Module.position)
        )
    )


def module_or_none(session: Session, course: Course, slug: str) -> Module | None:
    """A module of the course by slug, retired or not."""
    return session.scalar(select(Module).where(Module.course_id == course.id, Module.slug == slug))
