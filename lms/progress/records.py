"""Changes to a rep's progress on modules without a quiz."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lms import clock
from lms.certification.grants import grant_earned
from lms.db import db
from lms.models import Course, CourseRecord, Module, ModuleProgress, User
from lms.reinforcement import deck


def progress_row(session: Session, user: User, module: Module) -> ModuleProgress:
    """The user's progress row for the module, created when missing (call inside a write)."""
    # Read it afresh and locked: the session may hold a copy from before this transaction,
    # and two tabs submitting at once would both count from it (found by
    # tests/concurrency/test_exactly_once.py). FOR UPDATE matters on PostgreSQL; SQLite's
    # BEGIN IMMEDIATE already serialises writers.
    row = session.get(
        ModuleProgress, (user.id, module.id), populate_existing=True, with_for_update=True
    )
    if row is None:
        row = ModuleProgress(user_id=user.id, module_id=module.id, attempts=0)
        session.add(row)
        session.flush()
    return row


def mark_started(user: User, module: Module) -> None:
    """Record that the user opened the module, once."""
    try:
        with db.writing() as session:
            progress_row(session, user, module)
    except IntegrityError:
        pass  # another request recorded it first: the fact we wanted is stored


def mark_read(user: User, module: Module) -> ModuleProgress:
    """Complete a module that has no quiz."""
    with db.writing() as session:
        row = progress_row(session, user, module)
        now = clock.now()
        row.last_activity_at = now
        if row.completed_at is None:
            row.completed_at = now
            session.flush()
            deck.add_module(session, user, module, now)
            record_course_completion(session, user, module.course, now)
        session.flush()
        grant_earned(session, user, now)
        return row


def record_course_completion(session: Session, user: User, course: Course, now) -> None:
    """Once every live module is done, record the course as completed for good (in the write).

    Kept on the rep's course record, so modules added later never take the completion back.
    """
    total = session.scalar(
        select(func.count()).where(Module.course_id == course.id, Module.retired_at.is_(None))
    )
    done = session.scalar(
        select(func.count())
        .select_from(ModuleProgress)
        .join(Module, Module.id == ModuleProgress.module_id)
        .where(
            ModuleProgress.user_id == user.id,
            Module.course_id == course.id,
            Module.retired_at.is_(None),
            ModuleProgress.completed_at.is_not(None),
        )
    )
    if done < total:
        return
    record = session.scalar(
        select(CourseRecord).where(
            CourseRecord.user_id == user.id, CourseRecord.course_id == course.id
        )
    )
    if record is None:
        record = CourseRecord(user_id=user.id, course_id=course.id)
        session.add(record)
    if record.completed_at is None:
        record.completed_at = now
        record.completed_version = course.version
    # Required new material, once done, is done: the course is whole again.
    record.new_material_due = None


def complete_in_write(session: Session, user: User, module: Module, now) -> None:
    """Complete a module inside the caller's write: a practice module when a review passes it."""
    row = progress_row(session, user, module)
    row.last_activity_at = now
    if row.completed_at is None:
        row.completed_at = now
        session.flush()
        record_course_completion(session, user, module.course, now)
