"""What a manager or admin does to fix a rep's situation, each step logged with who and why.

Every function runs inside the caller's write transaction (db.writing()), so the change and
its Remediation row are stored together or not at all.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms import clock
from lms.models import (
    Course,
    CourseRecord,
    Enrollment,
    LearningPath,
    Module,
    PathCourse,
    Remediation,
    RemedyKind,
    User,
)
from lms.people.user_events import record_user_event
from lms.progress.records import progress_row
from lms.progress.states import due_date
from lms.refusals import Refusal

MAX_EXTRA_ATTEMPTS = 20
MAX_REASON_LENGTH = 1000


class RemedyError(Refusal):
    """The action cannot be done as asked; the message says why, for the manager."""


def _log(
    session: Session,
    rep: User,
    actor: User,
    reason: str,
    kind: RemedyKind,
    summary: str,
    event: tuple[str, dict],
    **about: int,
) -> Remediation:
    """Record one remedy twice: an event on the rep's history and a row in the remedy log."""
    event_kind, details = event
    record_user_event(session, rep, actor, event_kind, **details, reason=reason)
    entry = Remediation(
        rep_id=rep.id, actor_id=actor.id, kind=kind, summary=summary, reason=reason, **about
    )
    session.add(entry)
    return entry


def _on_module(module: Module) -> dict[str, int]:
    """The ids a remedy on a module is logged under."""
    return {"module_id": module.id, "course_id": module.course_id}


def _existing_record(session: Session, rep: User, course_id: int) -> CourseRecord | None:
    """The rep's record for a course, if there is one."""
    return session.scalar(
        select(CourseRecord).where(
            CourseRecord.user_id == rep.id, CourseRecord.course_id == course_id
        )
    )


def _record(session: Session, rep: User, course_id: int) -> CourseRecord:
    """The rep's record for a course, created when missing."""
    record = _existing_record(session, rep, course_id)
    if record is None:
        record = CourseRecord(user_id=rep.id, course_id=course_id)
        session.add(record)
    return record


def grant_attempts(
    session: Session, rep: User, actor: User, module: Module, count: int, reason: str
) -> Remediation:
    """Give the rep `count` more attempts at a module's quiz."""
    if not 1 <= count <= MAX_EXTRA_ATTEMPTS:
        raise RemedyError(f"Grant between 1 and {MAX_EXTRA_ATTEMPTS} attempts.")
    row = progress_row(session, rep, module)
    row.extra_attempts += count
    more = "1 more attempt" if count == 1 else f"{count} more attempts"
    event = ("attempts_granted", {"module": module.title, "extra": count})
    summary = f"granted {more} at {module.title}"
    return _log(
        session, rep, actor, reason, RemedyKind.EXTRA_ATTEMPTS, summary, event, **_on_module(module)
    )


def reset_module(
    session: Session, rep: User, actor: User, module: Module, reason: str
) -> Remediation:
    """Let the rep start a module again: its attempts stay listed, its limit starts afresh."""
    row = progress_row(session, rep, module)
    row.completed_at = None
    row.best_score = None
    # The used attempts stay counted (and numbered); the allowance grows by as many.
    row.extra_attempts = row.attempts
    row.last_activity_at = clock.now()
    # The course is re-earned when the module is done again.
    record = _existing_record(session, rep, module.course_id)
    if record is not None:
        record.completed_at = None
        record.completed_version = None
    event = ("module_reset", {"module": module.title})
    summary = f"reset {module.title}"
    return _log(
        session, rep, actor, reason, RemedyKind.RESET_MODULE, summary, event, **_on_module(module)
    )


def extend_course(
    session: Session, rep: User, actor: User, course: Course, new_date: date, reason: str
) -> Remediation:
    """Give the rep their own due date for one course."""
    _record(session, rep, course.id).due_date = new_date
    event = ("due_date_extended", {"course": course.title, "due": new_date})
    summary = f"set {course.title} due {new_date.isoformat()}"
    return _log(
        session, rep, actor, reason, RemedyKind.EXTEND_COURSE, summary, event, course_id=course.id
    )


def path_course_ids(session: Session, path_id: int) -> list[int]:
    return list(session.scalars(select(PathCourse.course_id).where(PathCourse.path_id == path_id)))


def extend_path(
    session: Session, rep: User, actor: User, enrollment: Enrollment, new_date: date, reason: str
) -> Remediation:
    """Move the path's last due date to `new_date`; every course of it moves by as many days.

    Earlier per-course dates on the path give way, so the whole path follows the new date.
    """
    last_day = session.scalar(
        select(func.max(PathCourse.due_day))
        .join(Course, Course.id == PathCourse.course_id)
        .where(PathCourse.path_id == enrollment.path_id, Course.retired_at.is_(None))
    )
    if last_day is None:
        raise RemedyError("This path has no live course to extend.")
    enrollment.extra_days = (new_date - due_date(enrollment.start_date, last_day)).days
    ids = path_course_ids(session, enrollment.path_id)
    for record in session.scalars(
        select(CourseRecord).where(
            CourseRecord.user_id == rep.id,
            CourseRecord.course_id.in_(ids),
            CourseRecord.assigned_at.is_(None),
        )
    ):
        record.due_date = None
    path = session.get(LearningPath, enrollment.path_id)
    event = ("due_date_extended", {"path": path.title, "due": new_date})
    summary = f"set {path.title} due {new_date.isoformat()} (last course)"
    return _log(
        session, rep, actor, reason, RemedyKind.EXTEND_PATH, summary, event, path_id=path.id
    )


def active_path_course_ids(session: Session, rep: User) -> set[int]:
    """Courses on the paths the rep is on now."""
    return set(
        session.scalars(
            select(PathCourse.course_id)
            .join(Enrollment, Enrollment.path_id == PathCourse.path_id)
            .where(Enrollment.user_id == rep.id, Enrollment.removed_at.is_(None))
        )
    )


def assign_course(
    session: Session, rep: User, actor: User, course: Course, due: date, reason: str
) -> Remediation:
    """Put the rep on one course, due by `due`, without a path."""
    if course.draft:
        raise RemedyError(f"{course.title} is a draft: a trainer must publish it first.")
    if course.id in active_path_course_ids(session, rep):
        raise RemedyError(
            f"{course.title} is already on {rep.name}'s path; extend its due date instead."
        )
    record = _record(session, rep, course.id)
    if record.assigned_at is not None:
        raise RemedyError(f"{course.title} is already assigned to {rep.name}.")
    record.assigned_at = clock.now()
    record.due_date = due
    event = ("course_assigned", {"course": course.title, "due": due})
    summary = f"assigned the course {course.title}, due {due.isoformat()}"
    return _log(
        session, rep, actor, reason, RemedyKind.ASSIGN_COURSE, summary, event, course_id=course.id
    )


def remove_path(
    session: Session, rep: User, actor: User, enrollment: Enrollment, reason: str
) -> Remediation:
    """Take the rep off a path; their progress and attempts stay on record."""
    enrollment.removed_at = clock.now()
    path = session.get(LearningPath, enrollment.path_id)
    event = ("path_removed", {"path": path.title})
    summary = f"removed {rep.name} from {path.title} (history kept)"
    return _log(
        session, rep, actor, reason, RemedyKind.REMOVE_PATH, summary, event, path_id=path.id
    )


def clean_reason(reason: str | None) -> str:
    """The required reason, trimmed; RemedyError when missing or too long."""
    text = (reason or "").strip()
    if not text:
        raise RemedyError("Say why: the reason is kept on the rep's timeline.")
    if len(text) > MAX_REASON_LENGTH:
        raise RemedyError(f"Keep the reason under {MAX_REASON_LENGTH} characters.")
    return text


def live_courses(session: Session) -> list:
    """Courses that can be assigned on their own, by title: rows of id and title."""
    return list(
        session.execute(
            select(Course.id, Course.title)
            .where(Course.retired_at.is_(None), Course.draft.is_(False))  # drafts: not yet
            .order_by(Course.title, Course.id)
        )
    )
