"""The rep's pages run a fixed number of statements, however long the path and the history."""

import pytest

from lms.cache import app_cache
from lms.web.page_cache import CACHE
from tests.conftest import count_statements, import_folder, make_user, submit_quiz
from tests.helpers.courses import many_courses
from tests.helpers.sign_in import sign_in

# Statements besides the ones that open and close transactions (SQLite's BEGIN, say), when
# the page is rendered: a kept page's check of the session's user comes first (1).
EXPECTED = {
    # user; enrolments with their courses; course records; modules with progress; judgement;
    # today's boost (its next card with the day's answer counts)
    "/": 1 + 6,
    "/courses/course-0": 1 + 5,  # user; course; course records; due dates; modules with progress
    # user; module and course; course records; modules with progress; questions; attempts
    "/courses/course-0/one": 1 + 6,
}
# A page kept for the user (lms/web/page_cache.py): the session's user, with the site's page
# version, read with Core.
KEPT = 1


def queries(client, url: str) -> int:
    with count_statements(client.application) as seen:
        assert client.get(url).status_code == 200
    return sum(
        1 for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))
    )


def rep_on(app, tmp_path, courses: int, email: str):
    """A signed-in rep on a path of `courses` courses of two modules each."""
    folder = tmp_path / f"c{courses}"
    many_courses(folder, courses)
    import_folder(app, folder)
    make_user(app, email=email, path="all")
    client = app.test_client()
    sign_in(client, email)
    return client


@pytest.mark.parametrize("url", list(EXPECTED))
def test_rep_pages_do_not_grow_with_courses_progress_or_attempts(app, tmp_path, url):
    small = rep_on(app, tmp_path, 2, "small@example.com")
    small.get(url)  # the first visit of a module records "started": not counted here
    large = rep_on(app, tmp_path, 20, "large@example.com")
    for n in range(20):
        large.post(f"/courses/course-{n}/two/complete")
        large.get(f"/courses/course-{n}/one")
    for _ in range(12):  # more attempts than the module page lists
        assert submit_quiz(large, "/courses/course-0/one", {"q": "B"}).status_code == 302
    large.get(url)
    app_cache(app, CACHE).clear()  # rendered, as after any write of theirs
    assert queries(small, url) == queries(large, url) == EXPECTED[url]
    assert queries(small, url) == queries(large, url) == KEPT
