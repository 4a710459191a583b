"""Reps in progress on the courses page: counted at most COURSE_ACTIVITY_MAX_AGE seconds ago."""

import html

import pytest

from lms.analytics.activity import ActivityCache
from tests.authoring.conftest import confirm, count_statements, row
from tests.conftest import make_user
from tests.helpers.sign_in import sign_in


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def start_basics(app, email: str) -> None:
    """A new rep who completes the first of the two Basics modules."""
    make_user(app, email=email)
    rep = app.test_client()
    sign_in(rep, email)
    assert rep.post("/courses/basics/reading/complete").status_code == 302


def in_progress(client) -> str:
    page = html.unescape(client.get("/authoring/courses").get_data(as_text=True))
    return row(page, "Basics")[5]


@pytest.fixture
def clock(app, client, trainer):
    """A fake clock under the app's count; one rep counted in progress, then a second starts."""
    clock = Clock()
    app.extensions["course_activity"] = ActivityCache(clock)
    start_basics(app, "r1@example.com")
    assert in_progress(client) == "1"
    start_basics(app, "r2@example.com")
    return clock


def test_counts_are_reused_until_older_than_the_max_age_then_recounted(client, clock):
    clock.now += 59
    assert in_progress(client) == "1"  # a minute-old count, as the page says
    clock.now += 2
    assert in_progress(client) == "2"


def test_the_page_says_when_reps_were_counted(app, client, trainer):
    page = client.get("/authoring/courses").get_data(as_text=True)
    assert "as counted" in page and "older than 60 seconds" in page


def test_a_reused_count_saves_the_progress_query(app, client, trainer):
    with count_statements(app) as first:
        client.get("/authoring/courses")
    with count_statements(app) as second:
        client.get("/authoring/courses")
    assert len(first) - len(second) == 1
    assert "module_progress" in " ".join(first) and "module_progress" not in " ".join(second)


def test_importing_from_the_courses_page_recounts(client, clock):
    assert in_progress(client) == "1"
    assert confirm(client, client.post("/authoring/import")).status_code == 302
    assert in_progress(client) == "2"


def test_a_max_age_of_zero_counts_on_every_view(app, client, trainer):
    app.config["COURSE_ACTIVITY_MAX_AGE"] = 0
    start_basics(app, "r1@example.com")
    assert in_progress(client) == "1"
    start_basics(app, "r2@example.com")
    assert in_progress(client) == "2"
