"""What an attempt's result may show the rep, by the module's review policy (COURSE_FORMAT.md)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from lms.models import Attempt, Module, User


@dataclass(frozen=True)
class Review:
    """Which parts of a graded attempt the rep sees beyond the score and right or wrong."""

    feedback: bool  # the feedback of the choices the rep picked
    answers: bool  # the right answers and the explanations
    withheld_until_pass: bool = False  # answers come later, once passed or out of attempts


def review_for(policy: str, passed: bool, attempts_left: int | None) -> Review:
    """The parts shown under a policy, for a rep who has passed or not, with attempts left."""
    if policy == "always":
        return Review(feedback=True, answers=True)
    if policy == "never":
        return Review(feedback=False, answers=False)
    # after_pass: a rep who may still retake never sees the answers to copy.
    settled = passed or attempts_left == 0
    return Review(feedback=True, answers=settled, withheld_until_pass=not settled)


def has_passed(session: Session, user: User, module: Module) -> bool:
    """Whether any of the user's attempts at the module passed."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    Attempt.user_id == user.id, Attempt.module_id == module.id, Attempt.passed
                )
            )
        )
    )
