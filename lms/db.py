"""Engine, per-request session and the declarative base."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC

from flask import current_app
from sqlalchemy import Connection, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model; constraint names are stable for Alembic."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every engine (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; store times in UTC with tzinfo")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def create_private_file(path: str | None) -> None:
    """Create a database file readable by its owner only; SQLite gives -wal and -shm its mode."""
    if path and path != ":memory:" and not path.startswith("file:"):
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))


# Execution option: run statements outside any transaction (SQLite). Not isolation_level
# "AUTOCOMMIT": on giving the connection back, SQLAlchemy's SQLite dialect resets that with
# a PRAGMA and leaves pysqlite's own transaction handling switched on.
OUTSIDE_TRANSACTION = "lms_outside_transaction"


def make_engine(url: str, echo: bool = False) -> Engine:
    """Create an engine; on SQLite: WAL, foreign keys, busy timeout and explicit BEGINs."""
    if not url.startswith("sqlite"):
        return create_engine(url, echo=echo, pool_pre_ping=True)
    engine = create_engine(url, echo=echo, connect_args={"timeout": 30})
    create_private_file(engine.url.database)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # pysqlite's own transaction handling runs reads outside any transaction and
        # makes check-then-insert race; take control of BEGIN ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        options = conn.get_execution_options()
        if options.get(OUTSIDE_TRANSACTION):
            return  # each statement is its own transaction (Database.one_statement)
        # A transaction that will write takes the write lock up front: a deferred one
        # fails at once with "database is locked" when it upgrades, busy timeout or not.
        immediate = options.get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class BoundDatabase:
    """One app's engine and its session, scoped to the current thread."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.session = scoped_session(sessionmaker(bind=engine, expire_on_commit=False))


class Database:
    """The app's engine and session, found through the current app (app.extensions["db"]).

    Each app built by create_app keeps its own engine and sessions, so a second app (a test
    building another with other settings, a worker) never rebinds the first one's.
    """

    def init_app(self, app) -> None:
        """Bind an engine to the app's DATABASE_URL; end the session after each request."""
        bound = BoundDatabase(make_engine(app.config["DATABASE_URL"], echo=app.config["SQL_ECHO"]))
        app.extensions["db"] = bound
        app.teardown_appcontext(lambda _exc: bound.session.remove())

    @staticmethod
    def bound(app=None) -> BoundDatabase:
        """The database state of app, or of the current app."""
        return (app or current_app).extensions["db"]

    @property
    def engine(self) -> Engine:
        return self.bound().engine

    @property
    def session(self) -> scoped_session:
        return self.bound().session

    @contextmanager
    def one_statement(self) -> Iterator[Connection]:
        """A connection for a read of one statement: no BEGIN, no ROLLBACK, no ORM session."""
        engine = self.engine
        if engine.dialect.name == "sqlite":
            options = {OUTSIDE_TRANSACTION: True}
        else:
            options = {"isolation_level": "AUTOCOMMIT"}
        with engine.connect().execution_options(**options) as connection:
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: IMMEDIATE on SQLite, committed on success, rolled back on error."""
        session = self.session()
        session.commit()  # end any read transaction so the write starts from a fresh one
        session.connection(execution_options={"sqlite_immediate": True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def reread(session: Session, *objects) -> None:
    """Read objects again inside the write transaction, before deciding anything on them.

    An object loaded before `db.writing()` began holds what was true then; another request
    may have changed it since. On PostgreSQL the rows are also locked (FOR UPDATE) until
    the transaction ends; on SQLite the IMMEDIATE transaction already holds the write lock.
    """
    for obj in objects:
        session.refresh(obj, with_for_update=True)


db = Database()
