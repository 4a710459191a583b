"""Importing the library: all or nothing with the courses, retiring, and in-app edits."""

from __future__ import annotations

from sqlalchemy import func, select

from lms.catalog import publishing
from lms.content.loader import load_catalog
from lms.db import db
from lms.models import Course, LibraryItem, Module, SearchDocument
from tests.conftest import import_folder
from tests.helpers.library import library_tree


def test_a_bad_item_stops_the_whole_import(app, tmp_path):
    root = library_tree(tmp_path / "courses")
    (root / "library" / "broken.md").write_text("---\ntitle: Broken\nkind: poster\n---\n")
    catalog = load_catalog(root)
    assert [str(p) for p in catalog.errors] == [
        'library/broken.md:3: "kind" must be one of battlecard, one-pager, case-study, '
        'email-template, talk-track, objection, faq, other, got "poster"'
    ]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Course)) == 0


def test_items_are_stored_indexed_and_retired_with_the_files(app, tmp_path):
    root = library_tree(tmp_path / "courses")
    summary = import_folder(app, root)
    assert summary.library["added"] == 5
    (root / "library" / "pricing-zh.md").unlink()
    (root / "basics" / "03-pricing-talk.md").unlink()
    summary = import_folder(app, root)
    assert summary.library["retired"] == 1 and summary.library["unchanged"] == 4
    with app.app_context():
        item = db.session.scalar(select(LibraryItem).where(LibraryItem.slug == "pricing-zh"))
        assert item.retired_at is not None
        urls = set(db.session.scalars(select(SearchDocument.url)))
        assert "/library/pricing-zh" not in urls and "/library/northwind-case-study" in urls


def test_an_edit_in_the_app_keeps_its_library_links(app, tmp_path):
    import_folder(app, library_tree(tmp_path / "courses"))
    with app.test_request_context():
        module = db.session.scalar(select(Module).where(Module.slug == "pricing-talk"))
        edited = module.source.replace("Start here.", "Start here, again.")
        checked = publishing.check_edit(module.course, module, edited)
        assert checked.errors == []
        assert 'href="/library/pricing-objection"' in checked.module.body_html
        broken = edited.replace("library:pricing-objection", "library:nothing-here")
        assert "names no library item" in str(
            publishing.check_edit(module.course, module, broken).errors[0]
        )
