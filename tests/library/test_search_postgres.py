"""PostgreSQL's search aids: short grams outside ASCII, the stored tsvector, no text statistics."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from lms.db import db
from lms.search import engines
from lms.search.engines import Filters
from tests.conftest import import_folder
from tests.helpers.library import found_urls, library_tree

EVERY_COURSE = Filters(course_ids=frozenset(range(1, 50)))


@pytest.fixture
def pg_app(app, tmp_path):
    """The library tree imported on PostgreSQL; skipped on SQLite."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL's own structures")
    import_folder(app, library_tree(tmp_path / "courses"))
    return app


def scalar(app, sql: str):
    with app.app_context():
        return db.session.execute(text(sql)).scalar()


def test_grams_are_the_short_pieces_of_text_outside_ascii(pg_app):
    grams = scalar(pg_app, "SELECT search_engine_grams('a 定价按。b 价x')")
    assert sorted(grams) == sorted(["定", "价", "按", "。", "定价", "价按", "按。"])
    assert scalar(pg_app, "SELECT search_engine_grams('plain text')") == []


def test_a_short_chinese_term_is_answered_by_the_grams_index(pg_app):
    statements: list[tuple[str, dict]] = []
    with pg_app.app_context():
        engine = db.engine
    listener = lambda *a: statements.append((a[2], a[3]))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert found_urls(pg_app, "定价") == ["/library/pricing-zh"]
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    sql, params = next(s for s in statements if "search_engine_grams" in s[0])
    assert "LIKE" not in sql
    with pg_app.app_context(), db.engine.connect() as connection:
        # A tiny table is cheaper to scan: forbid that to see the index can answer it.
        connection.exec_driver_sql("SET enable_seqscan = off")
        plan = "\n".join(r[0] for r in connection.exec_driver_sql("EXPLAIN " + sql, params))
    assert "search_engine_grams" in plan


def test_ascii_and_mixed_short_terms_are_not_grams():
    assert engines._gram("定价") and engines._gram("价")
    assert not engines._gram("ai") and not engines._gram("q价") and not engines._gram("定价按")


def test_the_stored_tsvector_follows_every_import(pg_app, tmp_path):
    root = library_tree(tmp_path / "again")
    (root / "library" / "fresh.md").write_text(
        "---\ntitle: Fresh\nkind: faq\n---\nQuokka renewals.\n", encoding="utf-8"
    )
    import_folder(pg_app, root)
    stale = "SELECT count(*) FROM search_documents WHERE search_engine_tsvector IS DISTINCT FROM "
    assert scalar(pg_app, stale + "to_tsvector('simple', haystack)") == 0
    assert found_urls(pg_app, "quokka renewals") == ["/library/fresh"]


def test_the_text_has_no_statistics_for_the_planner_to_misread(pg_app):
    with pg_app.app_context(), db.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE search_documents")
    assert (
        scalar(
            pg_app,
            "SELECT count(*) FROM pg_stats WHERE tablename = 'search_documents' "
            "AND attname = 'haystack'",
        )
        == 0
    )
    assert scalar(pg_app, "SELECT count(*) FROM search_documents") > 0
