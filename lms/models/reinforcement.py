"""Spaced reinforcement: each rep's deck of questions and every answer given to it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms import clock
from lms.db import Base, UTCDateTime
from lms.models.content import Question


class ReinforcementCard(Base):
    """One question in one rep's deck, with its FSRS state as plain data."""

    __tablename__ = "reinforcement_cards"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id"),
        # The daily boost: a rep's cards due by today, earliest first.
        Index("ix_reinforcement_cards_user_due", "user_id", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The question row, unique per (course, key) as attempts record it: stable across imports.
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    due_on: Mapped[date]
    # fsrs.Card.to_dict() after the last review; None until the first one.
    fsrs_card: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reviews: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    last_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    question: Mapped[Question] = relationship()


class ReinforcementReview(Base):
    """One answer to a reinforcement card: the rating FSRS was given and what was shown."""

    __tablename__ = "reinforcement_reviews"
    __table_args__ = (
        # Retention over the last 30 days, per rep and per course.
        Index("ix_reinforcement_reviews_user_when", "user_id", "reviewed_at"),
        # A card's history, in order, to rebuild or check its schedule.
        Index("ix_reinforcement_reviews_card", "card_id", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("reinforcement_cards.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    number: Mapped[int]  # 1 for the card's first review: a repeated form cannot count twice
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    reviewed_on: Mapped[date]  # the rep's own day, for "answered today"
    rating: Mapped[int]  # fsrs.Rating: 1 Again (wrong), 3 Good (right)
    correct: Mapped[bool]
    # The question as shown and answered (lms/assessment/record.py), for the feedback page.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
