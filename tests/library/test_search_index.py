"""The search index follows each import incrementally: only documents whose source changed."""

from __future__ import annotations

from sqlalchemy import select

from lms.db import db
from lms.models import SearchDocument
from tests.conftest import count_statements, import_folder
from tests.helpers.library import found_urls, library_tree

MODULE_URL = "/courses/basics/pricing-talk"


def documents(app) -> dict[int, tuple[str, str]]:
    """Each document's id, url and body."""
    with app.app_context():
        rows = db.session.execute(
            select(SearchDocument.id, SearchDocument.url, SearchDocument.body)
        )
        return {row.id: (row.url, row.body) for row in rows}


def writes_to_documents(statements: list[str]) -> list[str]:
    """The statements that wrote search_documents or its FTS5 table."""
    verbs = ("INSERT", "UPDATE", "DELETE")
    return [s for s in statements if s.lstrip().upper().startswith(verbs) and "search_" in s]


def check_engine(app) -> None:
    """SQLite's FTS5 table agrees with its documents (PostgreSQL's indexes always do)."""
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            with db.engine.begin() as connection:
                connection.exec_driver_sql(
                    "INSERT INTO search_engine_fts(search_engine_fts, rank) "
                    "VALUES ('integrity-check', 1)"
                )


def test_an_unchanged_re_import_rewrites_no_document(app, tmp_path):
    root = library_tree(tmp_path / "courses")
    first = import_folder(app, root)
    assert first.search["added"] > 10 and first.search["removed"] == 0
    before = documents(app)
    with count_statements(app) as statements:
        summary = import_folder(app, root)
    assert writes_to_documents(statements) == []
    assert summary.search == {"added": 0, "removed": 0, "unchanged": len(before)}
    assert documents(app) == before
    check_engine(app)


def test_a_changed_module_updates_exactly_its_documents(app, tmp_path):
    root = library_tree(tmp_path / "courses")
    import_folder(app, root)
    before = documents(app)
    module = root / "basics" / "03-pricing-talk.md"
    module.write_text(
        module.read_text().replace("when the objection comes", "when the walrus objection comes")
    )
    summary = import_folder(app, root)
    after = documents(app)
    gone = {i: d for i, d in before.items() if i not in after}
    new = {i: d for i, d in after.items() if i not in before}
    assert [url for url, _ in gone.values()] == [f"{MODULE_URL}#objections-about-money"]
    assert [url for url, _ in new.values()] == [f"{MODULE_URL}#objections-about-money"]
    assert summary.search == {"added": 1, "removed": 1, "unchanged": len(before) - 1}
    assert {i: d for i, d in after.items() if i in before} == {
        i: d for i, d in before.items() if i not in gone
    }
    assert found_urls(app, "walrus") == [f"{MODULE_URL}#objections-about-money"]
    assert f"{MODULE_URL}#objections-about-money" in found_urls(app, "objection")
    check_engine(app)


def test_added_and_removed_sources_add_and_remove_their_documents(app, tmp_path):
    root = library_tree(tmp_path / "courses")
    import_folder(app, root)
    assert found_urls(app, "定价") and "/library/pricing-zh" in found_urls(app, "定价说明")
    (root / "library" / "pricing-zh.md").unlink()
    (root / "library" / "renewals.md").write_text(
        "---\ntitle: Renewal talk track\nkind: talk-track\n---\nAsk about the narwhal budget.\n"
    )
    summary = import_folder(app, root)
    assert summary.search["added"] == 1 and summary.search["removed"] == 1
    assert "/library/pricing-zh" not in found_urls(app, "定价说明")
    assert found_urls(app, "narwhal") == ["/library/renewals"]
    check_engine(app)


def test_short_terms_find_every_document_that_holds_them(app, tmp_path):
    root = library_tree(tmp_path / "courses")
    (root / "library" / "ending.md").write_text(
        "---\ntitle: Seat pricing\nkind: faq\n---\n按席位定价\n", encoding="utf-8"
    )
    import_folder(app, root)
    assert sorted(found_urls(app, "定价")) == ["/library/ending", "/library/pricing-zh"]
    assert set(found_urls(app, "席位")) == {"/library/ending", "/library/pricing-zh"}
    assert found_urls(app, "价") and found_urls(app, "zz") == []
    assert set(found_urls(app, "定价 seat")) == {"/library/ending"}
    with count_statements(app) as statements:
        found_urls(app, "定价")
    with app.app_context():
        dialect = db.engine.dialect.name
    if dialect == "sqlite":  # answered by the trigram index, not a scan
        assert any("MATCH" in s for s in statements)
        assert not any("LIKE" in s for s in statements)
