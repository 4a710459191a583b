"""Each rep's deck: a completed module's questions join it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms import clock
from lms.models import Module, Question, ReinforcementCard, User


def add_module(session: Session, user: User, module: Module, now: datetime) -> int:
    """Put the module's live questions in the rep's deck, due tomorrow (call inside a write)."""
    if module.effective_review() == "never":
        return 0  # an exam's answers are never shown, and the boost shows them after each answer
    question_ids = session.scalars(
        select(Question.id).where(Question.module_id == module.id, Question.retired_at.is_(None))
    ).all()
    if not question_ids:
        return 0
    held = set(
        session.scalars(
            select(ReinforcementCard.question_id).where(
                ReinforcementCard.user_id == user.id,
                ReinforcementCard.question_id.in_(question_ids),
            )
        )
    )
    due = clock.today(user) + timedelta(days=1)
    new = [qid for qid in question_ids if qid not in held]
    session.add_all(
        ReinforcementCard(user_id=user.id, question_id=qid, added_at=now, due_on=due) for qid in new
    )
    return len(new)
