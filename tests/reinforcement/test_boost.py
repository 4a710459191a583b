"""The daily boost on the rep's home page: due questions, no answers before, feedback after."""

import pytest
from sqlalchemy import select

from lms.cache import app_cache
from lms.db import db
from lms.models import ReinforcementCard, ReinforcementReview
from lms.web.page_cache import CACHE
from tests.conftest import (
    build_app,
    count_statements,
    drop_app,
    finish_basics,
    import_folder,
    make_user,
)
from tests.helpers.boost import (
    ANSWER_TEXTS,
    RIGHT,
    WRONG,
    answer_boost,
    boost_form,
    boost_section,
    shown_key,
)
from tests.helpers.sign_in import sign_in
from tests.reinforcement.conftest import day


def home(client) -> str:
    return client.get("/").get_data(as_text=True)


def test_nothing_is_due_on_the_day_the_module_is_completed(client, drilled):
    assert boost_section(home(client)) is None


def test_the_boost_shows_a_due_question_without_its_answers(client, drilled):
    drilled(1)
    for _ in range(3):
        section = boost_section(home(client))
        assert section is not None
        assert "Today's boost" in section and "from Basics" in section
        for text in ANSWER_TEXTS:
            assert text not in section, f"the boost leaks {text!r} before the answer"
        assert "correct" not in section
        key = shown_key(section)
        action, data = boost_form(section, RIGHT[key])
        client.post(action, data=data)
    assert boost_section(home(client)) is None, "three questions a day by default"


def test_the_feedback_shows_the_right_answer_and_the_explanation(client, drilled):
    drilled(1)
    key, response = answer_boost(client, right=False)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Wrong" in page and "It comes back sooner" in page
    assert "Right answer" in page
    assert "Next question (2 of 3)" in page
    if key == "capital":
        assert "Paris has been the capital for centuries" in page


def test_the_third_answer_ends_the_day(client, drilled):
    drilled(1)
    answer_boost(client)
    answer_boost(client)
    _, response = answer_boost(client)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Right" in page and "today's boost done" in page


def test_a_repeated_form_records_one_answer(app, client, drilled):
    drilled(1)
    section = boost_section(home(client))
    action, data = boost_form(section, WRONG[shown_key(section)])
    first = client.post(action, data=data)
    again = client.post(action, data=data)
    assert first.headers["Location"] == again.headers["Location"]
    with app.app_context():
        assert len(db.session.scalars(select(ReinforcementReview)).all()) == 1


def test_an_empty_answer_is_asked_again(client, drilled):
    drilled(1)
    section = boost_section(home(client))
    action, data = boost_form(section, RIGHT[shown_key(section)])
    data.pop("answer")
    response = client.post(action, data=data)
    if 'type="checkbox"' in section:
        assert response.status_code == 302  # picking nothing is an answer to select-all
    else:
        assert response.headers["Location"].endswith("/#boost")


@pytest.mark.parametrize("number", ["", "x", "-1", "99999999999"])
def test_a_tampered_form_is_not_found(client, drilled, number):
    drilled(1)
    action, data = boost_form(boost_section(home(client)), "Paris")
    data["number"] = number
    assert client.post(action, data=data).status_code == 404


def test_a_card_not_due_is_refused_kindly(app, client, drilled):
    drilled(1)
    section = boost_section(home(client))
    action, data = boost_form(section, RIGHT[shown_key(section)])
    client.post(action, data=data)
    data["number"] = "2"  # the same card again, before it is due
    response = client.post(action, data=data, follow_redirects=True)
    assert "This question is not in today" in response.get_data(as_text=True)


def test_a_rep_answers_only_their_own_cards(app, client, drilled):
    drilled(1)
    section = boost_section(home(client))
    action, data = boost_form(section, RIGHT[shown_key(section)])
    make_user(app, email="other@example.com")
    other = app.test_client()
    sign_in(other, "other@example.com")
    assert other.post(action, data=data).status_code == 404
    own = client.post(action, data=data)
    assert other.get(own.headers["Location"]).status_code == 404
    with app.app_context():
        reviews = db.session.scalars(select(ReinforcementReview)).all()
        assert [r.user_id for r in reviews] == [
            db.session.scalar(
                select(ReinforcementCard.user_id).where(ReinforcementCard.id == reviews[0].card_id)
            )
        ]


@pytest.fixture
def capped(tmp_path, freeze_clock):
    """One question a day, at most two after skipped days."""
    app = build_app(tmp_path, REINFORCEMENT_DAILY=1, REINFORCEMENT_DAILY_CAP=2)
    import_folder(app)
    make_user(app)
    client = app.test_client()
    sign_in(client)
    freeze_clock(day(0))
    finish_basics(client)
    yield app, client
    drop_app(app)


def answered_on(client, freeze_clock, n: int) -> int:
    freeze_clock(day(n))
    count = 0
    while answer_boost(client, right=True) is not None:
        count += 1
    return count


def test_the_daily_number_and_its_cap_after_skipped_days(capped, freeze_clock):
    _app, client = capped
    assert answered_on(client, freeze_clock, 1) == 1  # three due, one a day
    # Eight days skipped: all three are due, but the day's boost stops at the cap of two.
    assert answered_on(client, freeze_clock, 10) == 2
    assert answered_on(client, freeze_clock, 11) == 1  # back to one a day


def statements(app, client, url: str) -> int:
    """The statements of a rendered view (the page kept per user, lms/web/page_cache.py, dropped)."""
    app_cache(app, CACHE).clear()
    with count_statements(app) as seen:
        assert client.get(url).status_code == 200
    return sum(1 for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT")))


def test_the_boost_adds_one_statement_to_the_home_page_whatever_the_deck(app, client, drilled):
    home(client)  # course outlines are read once per course version, then kept
    quiet = statements(app, client, "/")  # nothing due on day 0
    drilled(1)
    assert boost_section(home(client)) is not None
    assert statements(app, client, "/") == quiet == 1 + 6  # the kept page's check first
    _key, response = answer_boost(client)
    feedback = response.headers["Location"]
    first = statements(app, client, feedback)
    drilled(30)  # every card due again, and more answers behind them
    while answer_boost(client) is not None:
        pass
    assert statements(app, client, feedback) == first
