"""The daily boost: which of a rep's cards are due today, and answering one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lms import clock
from lms.assessment.attempts import ShownChoice, ShownQuestion
from lms.assessment.record import answer_question, authored_order, read_question
from lms.db import db
from lms.models import Course, Question, ReinforcementCard, ReinforcementReview, User
from lms.refusals import Refusal
from lms.reinforcement import schedule
from lms.reinforcement.settings import path_daily, setting


class NotDue(Refusal):
    """The card is not in today's boost (answered already, or due another day)."""

    status = 409

    def __init__(self) -> None:
        super().__init__(
            "This question is not in today's boost. Your next one is on your home page."
        )


def boost_size(daily: int, cap: int, today: date, last_day: date | None) -> int:
    """Today's boost: `daily` questions, `daily` more per day skipped since, at most `cap`.

    The cap never cuts a normal day: a path may ask more a day than the cap's default.
    """
    skipped = 0 if last_day is None else max((today - last_day).days - 1, 0)
    return min(max(cap, daily), daily * (1 + skipped))


@dataclass(frozen=True)
class DueCard:
    card_id: int
    number: int  # the review this answer would be: a repeated form finds the first
    course_title: str
    question: ShownQuestion


@dataclass(frozen=True)
class Boost:
    """Today's boost for one rep: how many, how many answered, and the next question."""

    size: int
    answered: int
    next: DueCard | None

    @property
    def position(self) -> int:
        return self.answered + 1


def shown(question: Question) -> ShownQuestion:
    """The question without right marks, feedback, accepted answers or explanation."""
    return ShownQuestion(
        key=question.key,
        kind=question.kind,
        prompt_html=question.data["prompt_html"],
        choices=tuple(ShownChoice(c["key"], c["html"]) for c in authored_order(question)),
    )


def load_boost(session: Session, user: User, today: date) -> Boost | None:
    """Today's boost in one statement, its size set by the rep's paths; None when nothing is due."""
    answered_today = (
        select(func.count())
        .where(ReinforcementReview.user_id == user.id, ReinforcementReview.reviewed_on == today)
        .scalar_subquery()
    )
    last_day = (
        select(func.max(ReinforcementReview.reviewed_on))
        .where(ReinforcementReview.user_id == user.id, ReinforcementReview.reviewed_on < today)
        .scalar_subquery()
    )
    row = session.execute(
        select(
            ReinforcementCard,
            Question,
            Course.title,
            answered_today,
            last_day,
            path_daily(user.id, setting("REINFORCEMENT_DAILY")),
        )
        .join(Question, Question.id == ReinforcementCard.question_id)
        .join(Course, Course.id == Question.course_id)
        .where(
            ReinforcementCard.user_id == user.id,
            ReinforcementCard.due_on <= today,
            Question.retired_at.is_(None),
            Course.retired_at.is_(None),
        )
        .order_by(ReinforcementCard.due_on, ReinforcementCard.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    card, question, course_title, answered, last, daily = row
    size = boost_size(daily, setting("REINFORCEMENT_DAILY_CAP"), today, last)
    if answered >= size:
        return None
    return Boost(size, answered, DueCard(card.id, card.reviews + 1, course_title, shown(question)))


def own_card(session: Session, user: User, card_id: int) -> ReinforcementCard | None:
    """The card if it is the user's, else None (nobody answers another rep's card)."""
    card = session.get(ReinforcementCard, card_id)
    return card if card is not None and card.user_id == user.id else None


def answer(
    user: User, card: ReinforcementCard, number: int, response: Any, today: date
) -> ReinforcementReview:
    """Grade the answer, record it and reschedule the card by FSRS; a repeat returns the first."""
    question = card.question
    answered = answer_question(question, authored_order(question), response)
    try:
        with db.writing() as session:
            session.refresh(card, with_for_update=True)
            if number <= card.reviews:
                earlier = _review(session, card.id, number)
                if earlier is not None:
                    return earlier
            if number != card.reviews + 1 or card.due_on > today:
                raise NotDue
            now = clock.now()
            scheduled = schedule.review(card.fsrs_card, card.id, answered.correct, now)
            review = ReinforcementReview(
                card_id=card.id,
                user_id=user.id,
                question_id=question.id,
                number=number,
                reviewed_at=now,
                reviewed_on=today,
                rating=int(schedule.rating_for(answered.correct)),
                correct=answered.correct,
                snapshot=answered.to_json(),
            )
            session.add(review)
            card.fsrs_card = scheduled.state
            card.due_on = scheduled.due_on(today)
            card.reviews = number
            card.lapses += 0 if answered.correct else 1
            card.last_reviewed_at = now
            session.flush()
            return review
    except IntegrityError:
        # Another request recorded this review between our check and our insert.
        earlier = _review(db.session, card.id, number)
        if earlier is None:
            raise
        return earlier


def _review(session: Session, card_id: int, number: int) -> ReinforcementReview | None:
    return session.scalar(
        select(ReinforcementReview).where(
            ReinforcementReview.card_id == card_id, ReinforcementReview.number == number
        )
    )


def own_review(session: Session, user: User, review_id: int) -> ReinforcementReview | None:
    """The review if it is the user's, else None."""
    review = session.get(ReinforcementReview, review_id)
    return review if review is not None and review.user_id == user.id else None


def answered_question(review: ReinforcementReview):
    """The review's question as shown and answered, for the feedback."""
    return read_question(review.snapshot)


def due_count(session: Session, user: User, today: date) -> int:
    """How many questions today's boost still holds for the rep (the daily reminder)."""
    due = session.scalar(
        select(func.count())
        .select_from(ReinforcementCard)
        .join(Question, Question.id == ReinforcementCard.question_id)
        .where(
            ReinforcementCard.user_id == user.id,
            ReinforcementCard.due_on <= today,
            Question.retired_at.is_(None),
        )
    )
    if not due:
        return 0
    answered, last, daily = session.execute(
        select(
            func.count().filter(ReinforcementReview.reviewed_on == today),
            func.max(ReinforcementReview.reviewed_on).filter(
                ReinforcementReview.reviewed_on < today
            ),
            path_daily(user.id, setting("REINFORCEMENT_DAILY")),
        ).where(ReinforcementReview.user_id == user.id)
    ).one()
    left = boost_size(daily, setting("REINFORCEMENT_DAILY_CAP"), today, last) - answered
    return max(0, min(left, due))
