"""The search and library pages run a fixed number of statements, whatever the data size."""

from __future__ import annotations

import pytest

from lms.cache import app_cache
from lms.web.page_cache import CACHE
from tests.conftest import count_statements, import_folder, make_user
from tests.helpers.library import library_tree
from tests.helpers.sign_in import sign_in

EXPECTED = {
    # a kept page's check of the session; user; openable courses; the rep's completed
    # courses; the search; the course filter
    "/search?q=veloxa": 1 + 5,
    "/library": 1 + 2,  # a kept page's check of the session; user; live items
    # user; item; the view counted (insert); the rep's links to it
    "/library/northwind-case-study": 4,
}


KEPT = {"/search?q=veloxa", "/library"}


def queries(client, url: str) -> int:
    with count_statements(client.application) as seen:
        assert client.get(url).status_code == 200
    return sum(
        1 for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))
    )


def more_items(root, n: int) -> None:
    for i in range(n):
        (root / "library" / f"extra-{i}.md").write_text(
            f"---\ntitle: Veloxa extra {i}\nkind: faq\npersonas: [cfo]\nshareable: true\n---\n"
            "Veloxa answers.\n",
            encoding="utf-8",
        )


@pytest.mark.parametrize("url", list(EXPECTED))
def test_library_pages_do_not_grow_with_items_or_shares(app, tmp_path, url):
    root = library_tree(tmp_path / "courses")
    import_folder(app, root)
    make_user(app)
    client = app.test_client()
    sign_in(client)
    client.get(url)
    app_cache(app, CACHE).clear()
    small = queries(client, url)
    more_items(root, 30)
    import_folder(app, root)
    for _ in range(5):
        client.get("/library/northwind-case-study")
    assert small == queries(client, url) == EXPECTED[url]
    if url in KEPT:  # viewed again: the page kept for this user and session
        assert queries(client, url) == 1
