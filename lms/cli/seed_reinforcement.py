"""Demo reinforcement: reps with weeks of boost answers, and questions due today."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import exists, insert, select

from lms import clock
from lms.assessment.question_types import question_type
from lms.assessment.record import answer_question, authored_order
from lms.db import db
from lms.models import (
    Module,
    ModuleProgress,
    Question,
    ReinforcementCard,
    ReinforcementReview,
    Role,
    User,
)
from lms.reinforcement import schedule

REPS = 60  # the first reps with completed modules: the demo's, then the bench's rep-00001...
DECK = 24  # questions per rep at most, from the modules completed last
HISTORY_DAYS = 28
DUE_TODAY = 3  # so every seeded rep's home page shows the boost card


def seed_reinforcement(today: date | None = None, seed: int = 16) -> int:
    """Give reps with completed modules a boost history once (idempotent); return answers added."""
    today = today or clock.today()
    # Seeded so the demo is the same every time; nothing secret depends on it.
    rng = random.Random(seed)  # nosec B311
    reps = db.session.scalars(
        select(User.id)
        .where(
            User.role == Role.REP,
            User.active.is_(True),
            exists().where(
                ModuleProgress.user_id == User.id, ModuleProgress.completed_at.is_not(None)
            ),
            ~exists().where(ReinforcementReview.user_id == User.id),
        )
        .order_by(User.id)
        .limit(REPS)
    ).all()
    questions = _questions_by_module()
    added = 0
    with db.writing() as session:
        for user_id in reps:
            done = session.execute(
                select(ModuleProgress.module_id, ModuleProgress.completed_at).where(
                    ModuleProgress.user_id == user_id, ModuleProgress.completed_at.is_not(None)
                )
            ).all()
            # Answered from the day after the module was done, for at most HISTORY_DAYS.
            recent = sorted(done, key=lambda row: row[1], reverse=True)
            deck = [
                (q, max(today - timedelta(HISTORY_DAYS), when.date() + timedelta(1)))
                for m, when in recent
                for q in questions.get(m, [])
            ][:DECK]
            # Every k-th answer wrong: retention from 67% to 90%, above the fading mark, so the
            # demo team keeps the statuses lms/cli/seed.py gives it.
            memory = rng.choice((3, 4, 6, 10))
            added += _history(session, user_id, deck, memory, today, rng)
    return added


def _questions_by_module() -> dict[int, list[Question]]:
    rows = db.session.scalars(
        select(Question)
        .join(Module, Module.id == Question.module_id)
        .where(Question.retired_at.is_(None), Module.retired_at.is_(None))
        .order_by(Question.module_id, Question.position)
    ).all()
    found: dict[int, list[Question]] = {}
    for q in rows:
        found.setdefault(q.module_id, []).append(q)
    return found


def _history(session, user_id: int, deck, memory: int, today, rng) -> int:
    """Each card answered whenever FSRS had it due since it joined; a few due today."""
    held = {
        c.question_id: c
        for c in session.scalars(
            select(ReinforcementCard).where(ReinforcementCard.user_id == user_id)
        )
    }
    reviews = []
    for index, (question, first_day) in enumerate(deck):
        card = held.get(question.id)
        if card is None:  # the bulk demo wrote its progress without the deck's hook
            card = ReinforcementCard(user_id=user_id, question_id=question.id, due_on=first_day)
            session.add(card)
            session.flush()
        card.due_on = first_day
        while card.due_on < today:
            when = datetime.combine(card.due_on, time(9, rng.randrange(60)), tzinfo=UTC)
            right = (len(reviews) + 1) % memory != 0
            qtype = question_type(question.kind)
            response = (qtype.right_response if right else qtype.wrong_response)(question.data)
            answered = answer_question(question, authored_order(question), response)
            scheduled = schedule.review(card.fsrs_card, card.id, answered.correct, when)
            card.reviews += 1
            card.lapses += 0 if answered.correct else 1
            card.fsrs_card, card.last_reviewed_at = scheduled.state, when
            reviews.append(
                {
                    "card_id": card.id,
                    "user_id": user_id,
                    "question_id": question.id,
                    "number": card.reviews,
                    "reviewed_at": when,
                    "reviewed_on": card.due_on,
                    "rating": int(schedule.rating_for(answered.correct)),
                    "correct": answered.correct,
                    "snapshot": answered.to_json(),
                }
            )
            card.due_on = scheduled.due_on(card.due_on)
        if index < DUE_TODAY:
            card.due_on = today
    if reviews:
        session.execute(insert(ReinforcementReview), reviews)
    return len(reviews)
