"""The schedule is what the fsrs package computes from the rep's own answers."""

from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler
from sqlalchemy import select

from lms.db import db
from lms.models import ReinforcementCard, ReinforcementReview
from lms.reinforcement.boost import boost_size
from tests.helpers.boost import answer_boost
from tests.reinforcement.conftest import day


def cards_by_key(app) -> dict[str, ReinforcementCard]:
    with app.app_context():
        cards = db.session.scalars(select(ReinforcementCard)).all()
        return {c.question.key: c for c in cards}


def history(app, card_id: int) -> list[tuple[datetime, bool]]:
    with app.app_context():
        reviews = db.session.scalars(
            select(ReinforcementReview)
            .where(ReinforcementReview.card_id == card_id)
            .order_by(ReinforcementReview.number)
        ).all()
        return [(r.reviewed_at, r.correct) for r in reviews]


def fsrs_says(card_id: int, reviews: list[tuple[datetime, bool]]) -> Card:
    """The fsrs package's own answer for the history, with the app's settings."""
    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card(card_id=card_id, due=reviews[0][0])
    for when, right in reviews:
        card, _ = scheduler.review_card(card, Rating.Good if right else Rating.Again, when)
    return card


def test_completing_a_module_puts_its_questions_in_the_deck_due_tomorrow(app, drilled):
    cards = cards_by_key(app)
    assert set(cards) == {"capital", "colours", "funnel"}
    assert {c.due_on for c in cards.values()} == {day(1).date()}
    assert all(c.fsrs_card is None and c.reviews == 0 for c in cards.values())


def test_months_of_answers_give_exactly_the_fsrs_schedule(app, client, drilled):
    """Capital is missed every third time it comes back; the others are always right."""
    seen = {"capital": 0}
    for n in range(1, 91):
        drilled(n)
        while True:
            wrong = seen["capital"] % 3 == 0
            done = answer_boost(client, right_keys=("colours", "funnel") if wrong else None)
            if done is None:
                break
            section_key, response = done
            assert response.status_code == 302
            if section_key == "capital":
                seen["capital"] += 1
    cards = cards_by_key(app)
    assert seen["capital"] >= 4, "capital came back several times in three months"
    for card in cards.values():
        reviews = history(app, card.id)
        expected = fsrs_says(card.id, reviews)
        assert card.fsrs_card == expected.to_dict()
        last = reviews[-1][0]
        assert card.due_on == last.date() + timedelta(days=(expected.due - last).days)
        assert card.reviews == len(reviews)


def test_a_missed_question_comes_back_sooner_than_a_remembered_one(app, client, drilled):
    drilled(1)
    keys = []
    while (done := answer_boost(client, right_keys=("colours", "funnel"))) is not None:
        keys.append(done[0])
    assert sorted(keys) == ["capital", "colours", "funnel"]
    cards = cards_by_key(app)
    assert cards["capital"].due_on < cards["colours"].due_on
    assert cards["capital"].due_on < cards["funnel"].due_on
    assert cards["capital"].lapses == 1 and cards["colours"].lapses == 0


def test_the_rating_follows_the_answer(app, client, drilled):
    drilled(1)
    while answer_boost(client, right_keys=("funnel",)) is not None:
        pass
    with app.app_context():
        ratings = {
            r.question_id: (r.rating, r.correct)
            for r in db.session.scalars(select(ReinforcementReview))
        }
    assert sorted(ratings.values()) == [(1, False), (1, False), (3, True)]


def test_skipped_days_pile_up_gently():
    today = datetime(2027, 3, 10, tzinfo=UTC).date()
    assert boost_size(3, 6, today, None) == 3  # a first boost
    assert boost_size(3, 6, today, today - timedelta(days=1)) == 3  # answered yesterday
    assert boost_size(3, 6, today, today - timedelta(days=2)) == 6  # one day skipped
    assert boost_size(3, 6, today, today - timedelta(days=30)) == 6  # never more than the cap
    assert boost_size(2, 5, today, today - timedelta(days=2)) == 4
