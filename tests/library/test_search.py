"""Search through the page: ranking, highlighting, CJK, accents, partial words and access."""

from __future__ import annotations

import re

import pytest

from lms.db import db
from lms.models import SearchMiss
from tests.conftest import count_statements, import_folder
from tests.helpers.library import library_tree
from tests.helpers.sign_in import signed_in_client
from tests.library.conftest import REP, TRAINER


@pytest.fixture(scope="module")
def rep_client(library_app):
    return signed_in_client(library_app, REP)


def results(client, query: str, **filters) -> str:
    response = client.get("/search", query_string={"q": query, **filters})
    assert response.status_code == 200
    return response.get_data(as_text=True).split('id="search-results"')[1]


def titles(html: str) -> list[str]:
    return re.findall(r'<li>\s*<a href="[^"]*">(.*?)</a>', html)


def test_results_are_ranked_and_the_words_marked(rep_client):
    html = results(rep_client, "northwind")
    # The item whose title holds the word comes before the one that only mentions it.
    assert titles(html) == [
        "<mark>Northwind</mark> case study",
        "Follow-up email after discovery",
    ]
    assert "and the <mark>Northwind</mark> story" in html
    html = results(rep_client, "objection")
    assert "Handling pricing talk › <mark>Objection</mark>s about money" in titles(html)
    assert "<mark>objection</mark> comes" in html


def test_a_module_result_links_to_its_heading(rep_client):
    html = results(rep_client, "money")
    assert 'href="/courses/basics/pricing-talk#objections-about-money"' in html


def test_partial_words_accents_and_chinese(rep_client):
    assert "Price <mark>objec</mark>tion handler" in titles(results(rep_client, "objec"))
    assert "<mark>résumé</mark>" in results(rep_client, "resume")
    two = results(rep_client, "定价")
    assert "<mark>定价</mark>说明" in titles(two)
    assert "的<mark>定价</mark>按席位" in two


def test_everything_is_escaped_before_marking(rep_client):
    html = results(rep_client, "<script>alert(1)</script>")
    assert "<script>alert" not in html
    html = results(rep_client, "name")
    assert "{{<mark>name</mark>}}" in html


def test_a_rep_never_sees_a_locked_course_nor_an_answer(rep_client, library_app):
    assert "Nothing found" in results(rep_client, "quokka")
    html = results(rep_client, "zanzibarian")
    assert "Zanzibarian" not in html and "zanzibarian" not in html.split("Nothing found")[0]
    html = results(rep_client, "right one")
    assert "Quiz: Handling pricing talk" in html
    assert "Zanzibarian" not in html
    trainer = signed_in_client(library_app, TRAINER)
    assert "Locked away" in results(trainer, "quokka")


def test_filters_narrow_the_results(rep_client):
    html = results(rep_client, "pric", kind="library")
    assert titles(html) == ["<mark>Pric</mark>e objection handler"]
    html = results(rep_client, "veloxa", item_kind="case-study")
    assert titles(html) == ["Northwind case study"]
    assert "Northwind case" not in results(rep_client, "veloxa", persona="it-director")


def test_searches_that_find_nothing_are_counted(rep_client, library_app):
    results(rep_client, "Kubernetes  pricing matrix")
    results(rep_client, "kubernetes pricing MATRIX")
    with library_app.app_context():
        miss = db.session.query(SearchMiss).filter_by(query="kubernetes pricing matrix").one()
        assert miss.count == 2
    trainer = signed_in_client(library_app, TRAINER)
    page = trainer.get("/library/usage").get_data(as_text=True)
    assert "<td>kubernetes pricing matrix</td><td>2</td>" in page


def test_the_results_fragment_is_just_the_list(rep_client):
    response = rep_client.get("/search?q=objection&fragment=1")
    html = response.get_data(as_text=True)
    assert "<mark>" in html and "<html" not in html


def test_a_misspelling_finds_what_was_meant_on_postgresql(rep_client, library_app):
    with library_app.app_context():
        engine = db.engine.dialect.name
    if engine != "postgresql":
        pytest.skip("trigram similarity is PostgreSQL's (SQLite's trigram index matches exactly)")
    assert "Price objection handler" in results(rep_client, "objction handlr")


def test_a_search_viewed_again_is_kept_and_an_import_renews_it(library_app, tmp_path):
    """Kept per user (lms/web/page_cache.py); a change to the library shows at once."""
    client = signed_in_client(library_app, REP)
    client.get("/")  # the sign-in's flash
    assert "Zephyrine" not in results(client, "veloxa")
    with count_statements(library_app) as seen:
        results(client, "veloxa")
    assert len([s for s in seen if not s.startswith("BEGIN")]) == 1
    tree = library_tree(tmp_path / "courses")
    (tree / "library" / "zephyrine.md").write_text(
        "---\ntitle: Zephyrine for Veloxa\nkind: faq\n---\nVeloxa answers.\n", encoding="utf-8"
    )
    import_folder(library_app, tree)
    assert "Zephyrine" in results(client, "veloxa")  # the title, its query words marked
    assert "Zephyrine for Veloxa" in client.get("/library").get_data(as_text=True)
