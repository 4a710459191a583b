"""The shipped courses and library: the searches the issue names find what they should."""

from __future__ import annotations

import pytest

from lms.cli.seed_library import seed_library
from lms.content.loader import load_catalog
from lms.models import Role
from tests.conftest import SHIPPED_COURSES, build_app, drop_app, import_folder, make_user
from tests.helpers.sign_in import signed_in_client


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    app = build_app(tmp_path_factory.mktemp("shipped"), COURSES_DIR=str(SHIPPED_COURSES))
    import_folder(app, SHIPPED_COURSES)
    make_user(app, "rep@example.com", path="new-account-executive")
    make_user(app, "trainer@example.com", role=Role.TRAINER)
    client = signed_in_client(app, "rep@example.com")
    client.trainer = signed_in_client(app, "trainer@example.com")
    yield client
    drop_app(app)


def found(client, query: str) -> str:
    return client.get("/search", query_string={"q": query}).get_data(as_text=True)


def test_the_shipped_library_is_a_real_one():
    library = load_catalog(SHIPPED_COURSES).library
    kinds = {item.kind for item in library.items}
    assert len(library.items) >= 15
    assert {"battlecard", "one-pager", "case-study", "email-template", "talk-track"} <= kinds
    assert "objection" in kinds
    assert any(item.slug.endswith("-zh") for item in library.items)


def test_chinese_pricing_partial_words_and_accents(shipped):
    assert "<mark>定价</mark>与套餐说明" in found(shipped, "定价")
    assert "<mark>objec</mark>tion" in found(shipped, "objec").lower()
    assert "<mark>résumé</mark>" in found(shipped, "resume")


def test_modules_link_to_library_items(shipped):
    html = shipped.get("/courses/product-essentials/handling-objections").get_data(as_text=True)
    assert 'href="/library/objection-too-expensive"' in html


def test_demo_usage_seeding_shows_in_the_report(shipped):
    with shipped.application.app_context():
        assert seed_library() > 0
        assert seed_library() == 0  # once only
    html = shipped.trainer.get("/library/usage").get_data(as_text=True)
    assert "Globex Health" in html and "<td>salesforce integration</td><td>3</td>" in html
