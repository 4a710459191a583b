"""Change a team's data_version in the same transaction as any write that changes its dashboard.

The same flush gives each user whose own rows it writes a new page_version, and a content
change gives the site a new one: the cached pages of lms/web/page_cache.py key on both.

A new data_version is a random number, not the old one plus one: a restored backup brings
back old numbers, and the writes after it must not land on a number a cached report from
before the restore was kept under (lms/cache.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlalchemy import inspect, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from lms.models import (
    Attempt,
    Certification,
    CertificationGrant,
    Course,
    CourseRecord,
    Enrollment,
    Judgement,
    LearningPath,
    LibraryAsset,
    LibraryEvent,
    LibraryItem,
    Module,
    ModuleProgress,
    PathCourse,
    Question,
    ReinforcementReview,
    SiteState,
    Team,
    User,
)
from lms.models.site import SITE_ROW, VERSIONS_HANDLED

# Rows that belong to one rep: the column naming the rep.
REP_ROWS = {
    ModuleProgress: "user_id",
    Attempt: "user_id",
    Enrollment: "user_id",
    Judgement: "rep_id",
    CourseRecord: "user_id",  # completion earned, own due dates, single courses
    CertificationGrant: "user_id",  # the dashboard's certification column and readiness
    ReinforcementReview: "user_id",  # retention: "Knowledge fading" (issue 16)
}
# Content shown on every team's dashboard (titles, module counts, due days, paths).
CONTENT = (Course, Module, Question, PathCourse, LearningPath, Certification)
# Content no dashboard shows but kept pages do (the library page, search results).
PAGE_CONTENT = (LibraryItem, LibraryAsset)
# Columns that make a row one user's: any row holding one is on that user's pages.
OWNER_COLUMNS = (("user_id", "user"), ("rep_id", "rep"))
# Rows with a user_id that no page kept per user shows: a library item's view counted.
NOT_ON_USER_PAGES = (LibraryEvent,)
# A user's columns that the dashboard shows or filters on; a new password or session is not news.
USER_COLUMNS = ("name", "email", "role", "team_id", "team", "start_date", "active", "managed_teams")
ALL = object()  # marker: every team
BUMP = VERSIONS_HANDLED  # execution option marking the bump's own UPDATE
# Tables whose rows a dashboard shows: a bulk UPDATE or DELETE of any of them goes stale.
WATCHED = {m.__table__.name for m in (*REP_ROWS, *CONTENT, *PAGE_CONTENT, User, Team)}


def new_version() -> int:
    """A data_version no cached report is likely to hold: 31 random bits fit every engine."""
    return secrets.randbits(31)


def bump_teams(session: Session, team_ids: Iterable[int | None]) -> None:
    """Mark these teams' dashboards stale: one UPDATE, in the caller's transaction."""
    ids = sorted({i for i in team_ids if i is not None})
    if ids:
        version = new_version()
        session.execute(
            update(Team.__table__).where(Team.__table__.c.id.in_(ids)).values(data_version=version),
            execution_options={BUMP: True},
        )
        _follow(session, ids, version)


def bump_all_teams(session: Session) -> None:
    """Mark every dashboard stale (content changed, or rows written around the ORM)."""
    version = new_version()
    session.execute(
        update(Team.__table__).values(data_version=version), execution_options={BUMP: True}
    )
    _follow(session, None, version)


def bump_site_pages(session: Session) -> None:
    """Mark every cached page stale: content changed, or rows were written around the ORM."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    version = new_version()
    # An upsert: a database made by create_all, or emptied between tests, has no row yet.
    statement = insert(SiteState).values(id=SITE_ROW, page_version=version)
    session.execute(
        statement.on_conflict_do_update(index_elements=["id"], set_={"page_version": version}),
        execution_options={BUMP: True},
    )


def bump_user_pages(session: Session, user_ids: Iterable[int | None]) -> None:
    """Mark these users' cached pages stale: one UPDATE, in the caller's transaction."""
    ids = sorted({i for i in user_ids if i is not None})
    if ids:
        version = new_version()
        users = User.__table__
        session.execute(
            update(users).where(users.c.id.in_(ids)).values(page_version=version),
            execution_options={BUMP: True},
        )
        _follow(session, ids, version, User, "page_version")


def _follow(
    session: Session, ids: list[int] | None, version: int, kind=Team, column="data_version"
) -> None:
    """Keep this session's loaded rows in step with the UPDATE (a rollback expires them)."""
    for obj in list(session.identity_map.values()):
        loaded = isinstance(obj, kind) and column in obj.__dict__
        if loaded and (ids is None or obj.id in ids):
            set_committed_value(obj, column, version)


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


def changed_users(session: Session) -> set[int]:
    """The users whose own rows (or whose user row) the pending flush writes."""
    users: set[int] = set()
    for obj, _deleted in _pending(session):
        if isinstance(obj, User):
            if obj.id is not None and inspect(obj).modified:
                users.add(obj.id)
            continue
        if isinstance(obj, NOT_ON_USER_PAGES):
            continue
        mapper = inspect(obj).mapper
        for column, relationship in OWNER_COLUMNS:
            if column in mapper.columns:
                users |= _history_ids(obj, column)
            if relationship in mapper.relationships:
                # `row.user = rep` reaches user_id only during the flush.
                users |= {i for i in _related_ids(obj, relationship) if i is not None}
    return users


def _before_flush(session: Session, _context, _instances) -> None:
    teams = changed_teams(session)
    if teams is ALL:
        bump_all_teams(session)
        bump_site_pages(session)
        return
    bump_teams(session, teams)
    if any(isinstance(obj, PAGE_CONTENT) for obj, _deleted in _pending(session)):
        bump_site_pages(session)
    else:
        bump_user_pages(session, changed_users(session))


def _bulk_statement(state) -> None:
    """An ORM or Core UPDATE or DELETE runs no flush: bump every team when it may matter."""
    if not (state.is_update or state.is_delete) or state.execution_options.get(BUMP):
        return
    table = getattr(state.statement, "table", None)
    if table is not None and getattr(table, "name", None) in WATCHED:
        # Which reps a WHERE clause reaches is not known without running it: every team.
        bump_all_teams(state.session)
        bump_site_pages(state.session)


def register() -> None:
    """Listen on every Session for flushes and bulk statements; create_app calls this."""
    from sqlalchemy import event

    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
    if not event.contains(Session, "do_orm_execute", _bulk_statement):
        event.listen(Session, "do_orm_execute", _bulk_statement)
