"""Due dates in words, in the organisation's time zone; locked courses still show what they hold."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from lms.clock import relative_due, relative_start, today
from tests.conftest import build_app, drop_app, import_folder, make_user
from tests.helpers.learn_pages import course_card
from tests.helpers.sign_in import sign_in

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "due today"),
        (1, "due tomorrow"),
        (3, "due in 3 days"),
        (-1, "1 day overdue"),
        (-3, "3 days overdue"),
    ],
)
def test_due_dates_in_words(days, text):
    assert relative_due(TODAY + timedelta(days=days), TODAY) == text


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (3, "starts in 3 days"),
        (1, "starts tomorrow"),
        (0, "started today"),
        (-4, "started 4 days ago"),
    ],
)
def test_start_dates_in_words(days, text):
    assert relative_start(TODAY + timedelta(days=days), TODAY) == text


def utc_today() -> date:
    return datetime.now(UTC).date()


def test_overdue_and_due_tomorrow_on_home_with_the_date_beside(app, courses, client):
    make_user(app, start=utc_today() - timedelta(days=5))  # basics was due 2 days ago
    sign_in(client, "rep@example.com")
    html = client.get("/").get_data(as_text=True)
    due = (utc_today() - timedelta(days=2)).isoformat()
    assert f'2 days overdue (<time datetime="{due}">' in course_card(html, "Basics")
    assert "Due in 5 days" in course_card(html, "Advanced")
    course = client.get("/courses/basics").get_data(as_text=True)
    assert f'2 days overdue (<time datetime="{due}">' in course


def test_due_dates_follow_the_organisations_time_zone(tmp_path):
    # UTC+14 and UTC-12 are always on different days: each app counts from its own today.
    for name in ("Pacific/Kiritimati", "Etc/GMT+12"):
        folder = tmp_path / name.replace("/", "-")
        folder.mkdir()
        app = build_app(folder, TIME_ZONE=name)
        try:
            with app.app_context():
                assert today() == datetime.now(ZoneInfo(name)).date()
            import_folder(app)
            make_user(app, start=datetime.now(ZoneInfo(name)).date() - timedelta(days=2))
            client = app.test_client()
            sign_in(client, "rep@example.com")
            html = client.get("/").get_data(as_text=True)
            assert "Due tomorrow" in course_card(html, "Basics")
        finally:
            drop_app(app)


def test_an_unknown_time_zone_falls_back_to_utc(app):
    app.config["TIME_ZONE"] = "Mars/Olympus"
    with app.app_context():
        assert today() == utc_today()


def test_a_locked_course_card_lists_its_modules(client, rep):
    card = course_card(client.get("/").get_data(as_text=True), "Advanced")
    assert "Locked until you complete" in card
    assert "Going deeper" in card


def test_a_locked_module_page_shows_the_outline_and_the_reason(client, rep):
    response = client.get("/courses/advanced/deep")
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert 'It unlocks when you complete <a href="/courses/basics">Basics</a>' in html
    assert '<details class="outline" open>' in html
    assert "Going deeper" in html


def test_a_locked_course_page_lists_module_titles_and_the_reason(client, rep):
    html = client.get("/courses/advanced").get_data(as_text=True)
    assert "This course unlocks when you complete" in html
    assert "<span>Going deeper</span>" in html
