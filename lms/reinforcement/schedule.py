"""FSRS scheduling through the `fsrs` package: card state in, card state and due date out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler

# Whole days only: the boost comes once a day, so minute-long learning steps mean nothing,
# and no fuzzing, so a recorded history always gives the same schedule.
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def rating_for(correct: bool) -> Rating:
    """Right is Good, wrong (partly right included) is Again."""
    return Rating.Good if correct else Rating.Again


@dataclass(frozen=True)
class Scheduled:
    """A card's state after a review, and how many days until it is due again."""

    state: dict[str, Any]
    days: int

    def due_on(self, today: date) -> date:
        return today + timedelta(days=self.days)


def review(state: dict[str, Any] | None, card_id: int, correct: bool, when: datetime) -> Scheduled:
    """Review a card (a new one when `state` is None) at `when`, as FSRS schedules it."""
    card = Card.from_dict(state) if state else Card(card_id=card_id, due=when)
    card, _log = SCHEDULER.review_card(card, rating_for(correct), review_datetime=when)
    # Intervals are whole days here, so the due date counts from the rep's own today.
    days = max(1, round((card.due - when).total_seconds() / 86400))
    return Scheduled(card.to_dict(), days)
