"""Changes to a rep's progress on modules without a quiz."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lms.db import db, utcnow
from lms.models import Module, ModuleProgress, User


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
        now = utcnow()
        row.last_activity_at = now
        if row.completed_at is None:
            row.completed_at = now
        return row
