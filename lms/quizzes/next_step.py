"""Where "Next module" leads after a pass: on through the course, then the path, then home."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.models import Course, Enrollment, LearningPath, Module, PathCourse, User


def _first_module(session: Session, course_id: int, after: int = 0) -> Module | None:
    """The first live module of a course placed after `after`."""
    return session.scalar(
        select(Module)
        .where(
            Module.course_id == course_id,
            Module.position > after,
            Module.retired_at.is_(None),
        )
        .order_by(Module.position)
        .limit(1)
    )


def _next_course_ids(session: Session, user: User, course_id: int) -> list[int]:
    """The live courses after this one on the user's paths, in path order."""
    rows = session.execute(
        select(PathCourse.path_id, PathCourse.course_id)
        .join(Enrollment, Enrollment.path_id == PathCourse.path_id)
        .join(LearningPath, LearningPath.id == PathCourse.path_id)
        .join(Course, Course.id == PathCourse.course_id)
        .where(
            Enrollment.user_id == user.id,
            LearningPath.retired_at.is_(None),
            Course.retired_at.is_(None),
        )
        .order_by(Enrollment.start_date, Enrollment.id, PathCourse.position)
    ).all()
    following: list[int] = []
    for index, (path_id, row_course) in enumerate(rows):
        if row_course != course_id:
            continue
        following += [c for p, c in rows[index + 1 :] if p == path_id and c not in following]
    return following


def next_step_url(session: Session, user: User, module: Module) -> str:
    """The next module of the course, else the first of the path's next course, else home."""
    following = _first_module(session, module.course_id, module.position)
    if following is not None:
        return url_for("learn.module", slug=module.course.slug, module_slug=following.slug)
    for course_id in _next_course_ids(session, user, module.course_id):
        first = _first_module(session, course_id)
        if first is not None:
            return url_for("learn.module", slug=first.course.slug, module_slug=first.slug)
    return url_for("learn.home")
