"""My onboarding: the path, each course's progress, due date and state, and Continue."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import BASICS_QUIZ, finish_basics, make_user, submit_quiz
from tests.helpers.learn_pages import badge, continue_links, course_card, progress


def when(day: date) -> str:
    """A date as the pages write it: machine-readable, then for people."""
    return f'<time datetime="{day.isoformat()}">{day.strftime("%-d %b %Y")}</time>'


@pytest.fixture
def home(client):
    return lambda: client.get("/").get_data(as_text=True)


def test_home_shows_the_path_its_courses_and_due_dates(app, courses, auth, home):
    start = datetime.now(UTC).date() + timedelta(days=3)  # a future starter
    make_user(app, start=start)
    auth.login()
    html = home()
    assert "Starter path" in html
    assert f"Starts in 3 days ({when(start)}) · 0 of 3 modules done (0%)" in html
    assert "day -" not in html
    assert progress(html, "Starter path: overall progress") == 0
    assert f"Due in 6 days ({when(start + timedelta(days=3))})" in course_card(html, "Basics")
    assert f"Due in 13 days ({when(start + timedelta(days=10))})" in course_card(html, "Advanced")
    assert badge(course_card(html, "Basics")) == "Not started"
    assert progress(html, "Basics: progress") == 0


def test_home_has_one_continue_link_to_the_first_module(rep, home):
    assert continue_links(home()) == ["/courses/basics/reading"]


def test_continue_moves_on_as_modules_are_done(client, rep, home):
    client.post("/courses/basics/reading/complete")
    html = home()
    assert continue_links(html) == [BASICS_QUIZ]
    assert "1 of 3 modules done (33%)" in html
    assert progress(html, "Starter path: overall progress") == 33
    assert progress(html, "Basics: progress") == 50
    assert badge(course_card(html, "Basics")) == "In progress"


def test_finished_course_shows_complete_and_continue_goes_to_the_next(client, rep, home):
    finish_basics(client)
    html = home()
    assert badge(course_card(html, "Basics")) == "Complete"
    assert progress(html, "Basics: progress") == 100
    assert "Locked until" not in course_card(html, "Advanced")
    assert continue_links(html) == ["/courses/advanced/deep"]


def test_opening_a_module_puts_the_course_in_progress(client, rep, home):
    client.get(BASICS_QUIZ)
    assert badge(course_card(home(), "Basics")) == "In progress"


def test_locked_course_names_the_course_that_unlocks_it(rep, home):
    card = course_card(home(), "Advanced")
    assert 'Locked until you complete <a href="/courses/basics">Basics</a>' in card


def test_completed_path_says_so(client, rep, home):
    finish_basics(client)
    response = submit_quiz(client, "/courses/advanced/deep", {"deep-one": "Practice helps"})
    assert response.status_code == 302
    html = home()
    assert "You have completed this path" in html
    assert "3 of 3 modules done (100%)" in html
    assert continue_links(html) == []


def test_late_rep_sees_overdue_courses(app, courses, auth, home):
    make_user(app, start=date.today() - timedelta(days=30))
    auth.login()
    html = home()
    assert badge(course_card(html, "Basics")) == "Overdue"
    assert badge(course_card(html, "Advanced")) == "Overdue"


def test_overdue_course_becomes_complete_when_done(app, courses, client, auth, home):
    make_user(app, start=date.today() - timedelta(days=30))
    auth.login()
    finish_basics(client)
    assert badge(course_card(home(), "Basics")) == "Complete"


def test_user_without_a_path_sees_the_empty_state(app, courses, auth, home):
    make_user(app, email="new@example.com", path=None)
    auth.login("new@example.com")
    html = home()
    assert "You are not on an onboarding path yet." in html
    assert continue_links(html) == []


def retire(app, *slugs):
    from sqlalchemy import update

    from lms import clock
    from lms.db import db
    from lms.models import Course

    with app.app_context(), db.writing() as session:
        session.execute(update(Course).where(Course.slug.in_(slugs)).values(retired_at=clock.now()))


def test_a_retired_course_leaves_the_path_and_its_totals(app, rep, home):
    retire(app, "advanced")
    html = home()
    assert "0 of 2 modules done (0%)" in html
    assert "Advanced" not in html and "Basics" in html


def test_a_path_whose_courses_are_all_retired_is_still_listed(app, rep, home):
    retire(app, "advanced", "basics")
    html = home()
    assert "Starter path" in html
    assert "Basics" not in html and "Advanced" not in html
