"""Course zips carry the library: export writes library/, upload stores it, all or nothing."""

from __future__ import annotations

import html
import io
import zipfile

import pytest
from sqlalchemy import select

from lms.db import Base, db
from lms.models import LibraryAsset, LibraryItem, Role, SearchDocument
from tests.authoring.conftest import upload, zip_of
from tests.conftest import build_app, drop_app, import_folder, make_user
from tests.helpers.library import library_tree
from tests.helpers.sign_in import signed_in_client

TRAINER = "trainer@example.com"
NEW_ITEM = "---\ntitle: Renewal talk track\nkind: talk-track\nshareable: false\n---\nRenew early.\n"


@pytest.fixture
def lib_app(tmp_path):
    """The library tree, with an asset linked from the case study, imported; a trainer."""
    root = library_tree(tmp_path / "courses")
    (root / "library" / "assets").mkdir()
    (root / "library" / "assets" / "story.pdf").write_bytes(b"%PDF-1.4 story")
    case = root / "library" / "northwind-case-study.md"
    case.write_text(case.read_text() + "\n[Story](assets/story.pdf)\n", encoding="utf-8")
    app = build_app(tmp_path, COURSES_DIR=str(root))
    import_folder(app, root)
    make_user(app, TRAINER, role=Role.TRAINER)
    yield app
    drop_app(app)


def library_of(app) -> tuple:
    """The live items and the assets, comparable across databases."""
    with app.app_context():
        items = db.session.scalars(
            select(LibraryItem).where(LibraryItem.retired_at.is_(None)).order_by(LibraryItem.slug)
        )
        return (
            [
                (
                    i.slug,
                    i.title,
                    i.kind,
                    i.personas,
                    i.stages,
                    i.products,
                    i.owner,
                    i.review_by,
                    i.shareable,
                    i.body_html,
                    i.body_text,
                    i.source,
                )  # fmt: skip
                for i in items
            ],
            db.session.execute(
                select(LibraryAsset.path, LibraryAsset.sha256).order_by(LibraryAsset.path)
            ).all(),
        )


def names(data: bytes) -> list[str]:
    return sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_export_then_import_gives_the_same_library(lib_app):
    client = signed_in_client(lib_app, TRAINER)
    data = client.get("/authoring/export.zip").data
    assert {"library/northwind-case-study.md", "library/assets/story.pdf"} <= set(names(data))
    one = client.get("/authoring/courses/basics/export.zip").data
    assert "library/pricing-objection.md" in names(one)  # its library: link resolves
    before = library_of(lib_app)
    assert len(before[0]) == 5 and before[1]
    with lib_app.app_context():  # a fresh, empty database
        db.session.remove()
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)
    make_user(lib_app, TRAINER, role=Role.TRAINER)
    client = signed_in_client(lib_app, TRAINER)
    assert upload(client, data, "courses.zip").status_code == 302
    assert library_of(lib_app) == before
    with lib_app.app_context():
        urls = set(db.session.scalars(select(SearchDocument.url)))
    assert "/library/northwind-case-study" in urls
    # Uploading the same zip again changes nothing.
    assert upload(client, data, "courses.zip").status_code == 302
    assert library_of(lib_app) == before


def test_a_zip_adds_and_changes_items_and_keeps_the_others(lib_app):
    client = signed_in_client(lib_app, TRAINER)
    before = library_of(lib_app)
    changed = before[0][0][11].replace("Never send", "Do not ever send")  # acme-battlecard
    data = zip_of({
        "library/renewal-track.md": NEW_ITEM,
        "library/acme-battlecard.md": changed,
        "library/assets/deck.pptx": b"PK deck",
    })  # fmt: skip
    assert upload(client, data, "library.zip").status_code == 302
    items, assets = library_of(lib_app)
    slugs = [i[0] for i in items]
    assert slugs == sorted([*(i[0] for i in before[0]), "renewal-track"])
    assert next(i for i in items if i[0] == "acme-battlecard")[11] == changed
    assert [a.path for a in assets] == ["assets/deck.pptx", "assets/story.pdf"]


def test_one_bad_item_stores_nothing_with_path_and_line(lib_app):
    client = signed_in_client(lib_app, TRAINER)
    before = library_of(lib_app)
    data = zip_of({
        "library/renewal-track.md": NEW_ITEM,
        "library/broken.md": "---\ntitle: Broken\nkind: poster\n---\nBody.\n",
        "new-course/course.md": "---\ntitle: New course\ntrack: skills\n---\nHi.\n",
        "new-course/01-start.md": "---\ntitle: Start\n---\nSee [it](library:missing-one).\n",
    })  # fmt: skip
    response = upload(client, data, "courses.zip")
    assert response.status_code == 422
    page = text(response)
    assert 'library/broken.md:3: "kind" must be one of' in page
    assert 'new-course/01-start.md:4: link "library:missing-one" names no library item' in page
    assert library_of(lib_app) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("library/assets/tool.exe", 'library/assets/tool.exe:1: file type ".exe" is not allowed'),
        ("library/notes.txt", "library/notes.txt:1: not part of the library"),
        ("library/drafts/a.md", "library/drafts/a.md:1: not part of the library"),
    ],
)
def test_files_the_library_has_no_place_for_are_refused(lib_app, name, message):
    client = signed_in_client(lib_app, TRAINER)
    before = library_of(lib_app)
    response = upload(client, zip_of({"library/renewal-track.md": NEW_ITEM, name: b"x"}))
    assert response.status_code == 422 and message in text(response)
    assert library_of(lib_app) == before


def test_the_zip_limits_count_the_library(lib_app):
    lib_app.config["UPLOAD_MAX_ENTRIES"] = 3
    client = signed_in_client(lib_app, TRAINER)
    files = {f"library/item-{n}.md": NEW_ITEM for n in range(4)}
    response = upload(client, zip_of(files), "library.zip")
    assert response.status_code == 422 and "library.zip:1: 4 entries; the limit is 3" in text(
        response
    )
