"""Bump a team's data_version in the same transaction as any write that changes its dashboard."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from lms.models import (
    Attempt,
    Course,
    CourseRecord,
    Enrollment,
    Judgement,
    LearningPath,
    Module,
    ModuleProgress,
    PathCourse,
    Question,
    Team,
    User,
)

# Rows that belong to one rep: the column naming the rep.
REP_ROWS = {
    ModuleProgress: "user_id",
    Attempt: "user_id",
    Enrollment: "user_id",
    Judgement: "rep_id",
    CourseRecord: "user_id",  # completion earned, own due dates, single courses
}
# Content shown on every team's dashboard (titles, module counts, due days, paths).
CONTENT = (Course, Module, Question, PathCourse, LearningPath)
# A user's columns that the dashboard shows or filters on; a new password or session is not news.
USER_COLUMNS = ("name", "email", "role", "team_id", "team", "start_date", "active", "managed_teams")
ALL = object()  # marker: every team


def bump_teams(session: Session, team_ids: Iterable[int | None]) -> None:
    """Mark these teams' dashboards stale: one UPDATE, in the caller's transaction."""
    ids = sorted({i for i in team_ids if i is not None})
    if ids:
        session.execute(
            update(Team.__table__)
            .where(Team.__table__.c.id.in_(ids))
            .values(data_version=Team.__table__.c.data_version + 1)
        )
        _follow(session, ids)


def bump_all_teams(session: Session) -> None:
    """Mark every dashboard stale (content changed, or rows written around the ORM)."""
    session.execute(update(Team.__table__).values(data_version=Team.__table__.c.data_version + 1))
    _follow(session, None)


def _follow(session: Session, ids: list[int] | None) -> None:
    """Keep this session's loaded teams in step with the UPDATE (a rollback expires them)."""
    for obj in list(session.identity_map.values()):
        loaded = isinstance(obj, Team) and "data_version" in obj.__dict__
        if loaded and (ids is None or obj.id in ids):
            set_committed_value(obj, "data_version", obj.data_version + 1)


def _history_ids(obj, column: str) -> set[int]:
    """A column's old and new values (its current one when unchanged)."""
    values = inspect(obj).attrs[column].history.sum() or [getattr(obj, column)]
    return {v for v in values if v is not None}


def _related_ids(obj, relationship: str) -> set[int | None]:
    """Ids of the objects added to or removed from a relationship (never loads it)."""
    return {o.id for o in inspect(obj).attrs[relationship].history.sum() if o is not None}


def _user_teams(obj: User, deleted: bool) -> set[int | None]:
    """The teams a user change concerns: old and new team, and teams they manage."""
    state = inspect(obj)
    changed = any(state.attrs[a].history.has_changes() for a in USER_COLUMNS)
    if not deleted and state.persistent and not changed:
        return set()
    # The relationship too: `user.team = other` reaches team_id only during the flush.
    teams = _history_ids(obj, "team_id") | _related_ids(obj, "team")
    return teams | _related_ids(obj, "managed_teams")


def changed_teams(session: Session) -> object | set[int | None]:
    """The teams whose dashboard the pending flush changes, or ALL."""
    teams: set[int | None] = set()
    reps: set[int] = set()
    for obj, deleted in _pending(session):
        if isinstance(obj, CONTENT):
            return ALL
        if isinstance(obj, Team):
            teams.add(obj.id)
        elif isinstance(obj, User):
            teams |= _user_teams(obj, deleted)
        elif (column := REP_ROWS.get(type(obj))) is not None:
            reps |= _history_ids(obj, column)
    if reps:
        # Core, on the flush's own connection: no autoflush, one statement for all reps.
        teams |= set(
            session.connection().scalars(select(User.team_id).where(User.id.in_(sorted(reps))))
        )
    return teams


def _pending(session: Session):
    for obj in session.new:
        yield obj, False
    for obj in session.dirty:
        yield obj, False
    for obj in session.deleted:
        yield obj, True


def _before_flush(session: Session, _context, _instances) -> None:
    teams = changed_teams(session)
    if teams is ALL:
        bump_all_teams(session)
    else:
        bump_teams(session, teams)


def register() -> None:
    """Listen on every Session (idempotent: create_app runs once per test)."""
    from sqlalchemy import event

    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
