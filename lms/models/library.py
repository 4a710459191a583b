"""The content library: items, their files, links shared with buyers, usage, and the search."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, LargeBinary, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms import clock
from lms.content.library import MAX_OWNER_CHARS
from lms.db import Base, UTCDateTime

MAX_COMPANY_CHARS = 200
MAX_QUERY_CHARS = 200


class LibraryItem(Base):
    """One library/<slug>.md as imported; retired when its file is gone."""

    __tablename__ = "library_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    personas: Mapped[list[str]] = mapped_column(JSON, default=list)
    stages: Mapped[list[str]] = mapped_column(JSON, default=list)
    products: Mapped[list[str]] = mapped_column(JSON, default=list)
    owner: Mapped[str] = mapped_column(String(MAX_OWNER_CHARS), default="")
    review_by: Mapped[date | None] = mapped_column(Date)
    shareable: Mapped[bool] = mapped_column(default=False)
    body_html: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LibraryAsset(Base):
    """A file from library/assets/, served to signed-in users as course assets are."""

    __tablename__ = "library_assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(300), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class LibraryShare(Base):
    """A link to a shareable item that a rep sent to a buyer: no sign-in, expires, revocable."""

    __tablename__ = "library_shares"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    company: Mapped[str] = mapped_column(String(MAX_COMPANY_CHARS))  # as the rep typed it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    item: Mapped[LibraryItem] = relationship()


class LibraryEvent(Base):
    """One view, copy or share of an item, by whom, in which team, on which day."""

    __tablename__ = "library_events"
    __table_args__ = (Index("ix_library_events_day", "day", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(10))  # view | copy | share
    day: Mapped[date] = mapped_column(Date)


class SearchMiss(Base):
    """A search that found nothing, by its folded text, and how often it was made."""

    __tablename__ = "search_misses"

    id: Mapped[int] = mapped_column(primary_key=True)
    query: Mapped[str] = mapped_column(String(MAX_QUERY_CHARS), unique=True)
    count: Mapped[int] = mapped_column(default=0)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class SearchDocument(Base):
    """One searchable piece: a course, a module section, a quiz prompt or a library item.

    Rebuilt by every import in its transaction; the database's own engine indexes it
    (SQLite FTS5 trigram, PostgreSQL full text plus pg_trgm: lms/search/engines.py).
    """

    __tablename__ = "search_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # course | module | question | library
    course_id: Mapped[int | None] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(ForeignKey("library_items.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(500))
    url: Mapped[str] = mapped_column(String(1000))
    body: Mapped[str] = mapped_column(Text)
    # Lowercase, accents folded (lms.content.plain.fold): what the engines index and match.
    title_folded: Mapped[str] = mapped_column(String(500))
    haystack: Mapped[str] = mapped_column(Text)
    # Library filters: the item's kind, and its slugs wrapped in spaces (" cfo it-director ").
    item_kind: Mapped[str | None] = mapped_column(String(20))
    personas: Mapped[str] = mapped_column(Text, default="")
    stages: Mapped[str] = mapped_column(Text, default="")


# The engines' own structures, which the models cannot declare: created and dropped with the
# table, and by migration 0018. Their names start with "search_engine" so the schema check
# (tests/cli/test_db_cli.py) knows them.
ENGINE_PREFIX = "search_engine"
_SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_engine_fts USING fts5(title_folded, haystack, "
    "content='search_documents', content_rowid='id', tokenize='trigram')"
)
# Added by migration 0023, and rerunnable: 0018 runs them too, before 0023 does. First,
# every one- and two-character piece of each run of characters outside ASCII ("定价" in
# "定价按席位计算"): a short Chinese or Japanese term has no trigram, so this index answers
# it (lms/search/engines.py).
POSTGRES_AIDS = (
    "CREATE OR REPLACE FUNCTION search_engine_grams(t text) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "SELECT coalesce(array_agg(DISTINCT substr(r, i, n)), '{}') "
    "FROM regexp_split_to_table(t, '[\\x01-\\x7f]+') AS r, "
    "generate_series(1, length(r)) AS i, generate_series(1, 2) AS n "
    "WHERE i + n - 1 <= length(r) $$",
    "CREATE INDEX IF NOT EXISTS search_engine_grams ON search_documents "
    "USING gin (search_engine_grams(haystack))",
    # No statistics for the text: from a sample of whole documents the planner guessed how
    # many hold a word at random (1 or 5,455 of 10,000 for words in 1,667) and scanned the
    # table for a common word. Without them it assumes any substring of three characters
    # or more is rare and reads the trigram index, which is right even for a common word
    # (3 ms, not 10); for one or two ASCII letters it still scans, as it should.
    "ALTER TABLE search_documents ALTER COLUMN haystack SET STATISTICS 0",
    # The full-text form the rank reads, kept by PostgreSQL itself as rows are written:
    # computed per ranked row it was a fifth of a common word's search.
    "ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS search_engine_tsvector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', haystack)) STORED",
)
_POSTGRES_CREATE = (
    "CREATE INDEX search_engine_trgm ON search_documents USING gin (haystack gin_trgm_ops)",
    "CREATE INDEX search_engine_title_trgm ON search_documents "
    "USING gin (title_folded gin_trgm_ops)",
    "CREATE INDEX search_engine_tsv ON search_documents "
    "USING gin (to_tsvector('simple', haystack))",
    *POSTGRES_AIDS,
)
ENGINE_DDL = {"sqlite": (_SQLITE_CREATE,), "postgresql": _POSTGRES_CREATE}
# The grams function outlives its table unless dropped: a restore into an emptied database
# (tests/concurrency/test_backup.py) then fails on "function already exists".
ENGINE_DROP = {
    "sqlite": ("DROP TABLE IF EXISTS search_engine_fts",),
    "postgresql": ("DROP FUNCTION IF EXISTS search_engine_grams(text) CASCADE",),
}
POSTGRES_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"


@event.listens_for(SearchDocument.__table__, "before_create")
def _before_create(target, connection, **kw) -> None:  # noqa: ANN001 - SQLAlchemy's hook
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(POSTGRES_EXTENSION)


@event.listens_for(SearchDocument.__table__, "after_create")
def _after_create(target, connection, **kw) -> None:  # noqa: ANN001
    for statement in ENGINE_DDL.get(connection.dialect.name, ()):
        connection.exec_driver_sql(statement)


@event.listens_for(SearchDocument.__table__, "before_drop")
def _before_drop(target, connection, **kw) -> None:  # noqa: ANN001
    for statement in ENGINE_DROP.get(connection.dialect.name, ()):
        connection.exec_driver_sql(statement)
