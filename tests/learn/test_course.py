"""The course page, prerequisites that lock a course, unknown pages and course assets."""

from datetime import date, timedelta

import pytest

from tests.conftest import (
    BASICS_QUIZ,
    FIXTURE_COURSES,
    finish_basics,
    make_user,
    submit_quiz,
)
from tests.helpers.learn_pages import continue_links, module_states

UNLOCKS = 'unlocks when you complete <a href="/courses/basics">Basics</a>'


def page(client, url: str) -> str:
    return client.get(url).get_data(as_text=True)


def test_course_page_shows_overview_and_modules_in_order(client, rep):
    html = page(client, "/courses/basics")
    assert "<h1>Basics</h1>" in html
    assert "Welcome to <strong>Basics</strong>." in html
    assert module_states(html) == [
        ("Reading only", "5 min", "Not started"),
        ("A quiz module", "7 min · quiz", "Not started"),
    ]


def test_course_page_shows_done_and_best_scores(client, rep):
    client.post("/courses/basics/reading/complete")
    submit_quiz(client, BASICS_QUIZ, {"capital": "Lyon", "colours": ["Red"], "funnel": "buying"})
    assert module_states(page(client, "/courses/basics")) == [
        ("Reading only", "5 min", "Done"),
        ("A quiz module", "7 min · quiz", "In progress, best score 33%"),
    ]
    submit_quiz(
        client, BASICS_QUIZ, {"capital": "Paris", "colours": ["Red", "Blue"], "funnel": "purchase"}
    )
    assert module_states(page(client, "/courses/basics"))[1] == (
        "A quiz module",
        "7 min · quiz",
        "Done, best score 100%",
    )


def test_locked_course_page_says_which_course_unlocks_it(client, rep):
    html = page(client, "/courses/advanced")
    assert "This course " + UNLOCKS in html
    assert continue_links(html) == []
    assert 'href="/courses/advanced/deep"' not in html


def test_locked_module_page_is_403_with_the_explanation(client, rep):
    response = client.get("/courses/advanced/deep")
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert "Advanced is locked" in html
    assert "It " + UNLOCKS in html
    assert "Pick the true statement" not in html


@pytest.mark.parametrize("action", ["complete", "quiz"])
def test_posting_to_a_locked_module_is_403(client, rep, action):
    response = client.post(f"/courses/advanced/deep/{action}", data={"token": "x" * 32})
    assert response.status_code == 403
    finish_basics(client)
    assert module_states(page(client, "/courses/advanced")) == [
        ("Going deeper", "1 min · quiz", "Not started")
    ]


def test_unknown_module_of_a_locked_course_is_404(client, rep):
    # Bug fixed: the lock was checked first, so any URL under a locked course answered 403.
    assert client.get("/courses/advanced/nope").status_code == 404


@pytest.mark.parametrize(
    ("start_days_ago", "opened", "button"),
    [
        (1, False, "Start: Reading only"),
        (1, True, "Continue: Reading only"),
        (30, True, "Continue: Reading only"),  # bug fixed: overdue said "Start"
    ],
)
def test_course_page_button_starts_or_continues(
    app, courses, client, auth, start_days_ago, opened, button
):
    make_user(app, start=date.today() - timedelta(days=start_days_ago))
    auth.login()
    if opened:
        client.get("/courses/basics/reading")
    html = page(client, "/courses/basics")
    assert f'href="/courses/basics/reading">{button}</a>' in html


def test_course_unlocks_when_prerequisites_are_complete(client, rep):
    finish_basics(client)
    html = page(client, "/courses/advanced")
    assert UNLOCKS not in html
    assert 'Prerequisites: <a href="/courses/basics">Basics</a> (complete)' in html
    assert client.get("/courses/advanced/deep").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/courses/nope",
        "/courses/basics/nope",
        "/courses/nope/reading",
        "/courses/basics/assets/missing.png",
        "/courses/advanced/assets/missing.png",
    ],
)
def test_unknown_course_module_or_asset_is_a_friendly_404(client, rep, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_course_asset_is_served_safely(client, rep):
    response = client.get("/courses/advanced/assets/diagram.png")
    assert response.status_code == 200
    assert response.data == (FIXTURE_COURSES / "advanced" / "assets" / "diagram.png").read_bytes()
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_course_overview_links_its_asset(client, rep):
    assert 'src="/courses/advanced/assets/diagram.png"' in page(client, "/courses/advanced")


def test_a_manager_can_read_a_locked_course_to_coach_it(app, client, auth, courses):
    """Regression: insights linked managers to modules that answered 403 for them."""
    from lms.models import Role
    from tests.conftest import make_user

    make_user(app, email="coach@example.com", role=Role.MANAGER)
    auth.login("coach@example.com")
    response = client.get("/courses/advanced/deep")
    assert response.status_code == 200
    assert "Going deeper" in response.get_data(as_text=True)
