"""Show a quiz without its answers, grade a submission once, keep it as the rep saw it."""

from __future__ import annotations

import random
import re
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lms import clock
from lms.assessment import record
from lms.assessment.question_types import question_type
from lms.certification.grants import grant_earned
from lms.content.grading import score_percent
from lms.content.model import QuestionKind
from lms.db import db
from lms.models import Attempt, Module, ModuleProgress, Question, User
from lms.progress.records import progress_row, record_course_completion
from lms.refusals import Refusal
from lms.reinforcement import deck

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")


class AttemptsExhausted(Refusal):
    """The rep has used every attempt the module allows (with any granted)."""

    status = 409  # the quiz's state, not the form, is why

    def __init__(self, allowed: int) -> None:
        super().__init__(
            f"You have used all {allowed} attempts at this quiz. "
            "Ask your manager or trainer about next steps."
        )
        self.allowed = allowed


def extra_attempts(user: User, module: Module) -> int:
    """Attempts granted to the user beyond the module's limit."""
    found = db.session.scalar(
        select(ModuleProgress.extra_attempts).where(
            ModuleProgress.user_id == user.id, ModuleProgress.module_id == module.id
        )
    )
    return found or 0


class TokenTaken(Refusal):
    """The submission token belongs to someone else's attempt."""

    status = 400

    def __init__(self) -> None:
        super().__init__("This quiz form was already used. Open the quiz again to answer it.")


@dataclass(frozen=True)
class ShownChoice:
    key: str
    html: str


@dataclass(frozen=True)
class ShownQuestion:
    """A question as the form shows it: no right marks, feedback or explanation."""

    key: str
    kind: QuestionKind
    prompt_html: str
    choices: tuple[ShownChoice, ...]


def new_token() -> str:
    """A submission token for one rendered quiz form."""
    return secrets.token_urlsafe(24)


def valid_token(token: str | None) -> bool:
    return bool(token) and TOKEN_PATTERN.fullmatch(token) is not None


def _choice_order(question: Question, token: str, shuffle: bool) -> list[dict[str, Any]]:
    """The question's choices in the order this form shows them; stable for a token."""
    choices = list(question.data["choices"])
    if shuffle:
        # Seeded by the form's token so a re-shown form keeps its order; not a secret.
        random.Random(f"{token}:{question.key}").shuffle(choices)  # nosec B311
    return choices


def shown_questions(questions: list[Question], token: str, shuffle: bool) -> list[ShownQuestion]:
    """The quiz as the rep sees it before submitting."""
    return [
        ShownQuestion(
            key=q.key,
            kind=q.kind,
            prompt_html=q.data["prompt_html"],
            choices=tuple(
                ShownChoice(c["key"], c["html"]) for c in _choice_order(q, token, shuffle)
            ),
        )
        for q in questions
    ]


def parse_responses(questions: list[Question], form) -> tuple[dict[str, Any], list[str]]:
    """Read answers from a submitted form; also list the questions left unanswered."""
    responses: dict[str, Any] = {}
    missing: list[str] = []
    for q in questions:
        responses[q.key], answered = question_type(q.kind).parse(form, f"q-{q.key}")
        if not answered:
            missing.append(q.key)
    return responses, missing


def find_attempt(token: str) -> Attempt | None:
    """The attempt a token already recorded, if any."""
    return db.session.scalar(select(Attempt).where(Attempt.token == token))


def snapshot_credit(item: dict[str, Any]) -> float:
    """A snapshot item's credit; an attempt stored before partial credit has only "correct"."""
    return record.read_question(item).earned


def submit(
    user: User, module: Module, questions: list[Question], token: str, responses: dict[str, Any]
) -> Attempt:
    """Grade and record an attempt exactly once per token; a repeat returns the first."""
    # Graded before the write lock is taken: grading is pure and must never hold up writers.
    answered = record.build(
        questions, responses, order=lambda q: _choice_order(q, token, module.shuffle)
    )
    score = score_percent(answered.points, len(answered))
    pass_score = module.effective_pass_score()
    try:
        with db.writing() as session:
            existing = find_attempt(token)
            if existing is not None:
                if existing.user_id != user.id or existing.module_id != module.id:
                    raise TokenTaken
                return existing
            progress = progress_row(session, user, module)
            allowed = module.max_attempts + progress.extra_attempts
            if module.max_attempts and progress.attempts >= allowed:
                raise AttemptsExhausted(allowed)
            now = clock.now()
            attempt = Attempt(
                user_id=user.id,
                module_id=module.id,
                token=token,
                number=progress.attempts + 1,
                submitted_at=now,
                score=score,
                passed=score >= pass_score,
                pass_score=pass_score,
                snapshot=answered.to_json(),
            )
            session.add(attempt)
            progress.attempts += 1
            progress.last_activity_at = now
            progress.best_score = max(progress.best_score or 0, score)
            if attempt.passed and progress.completed_at is None:
                progress.completed_at = now
                session.flush()
                deck.add_module(session, user, module, now)
                record_course_completion(session, user, module.course, now)
            session.flush()
            if attempt.passed:
                grant_earned(session, user, now, module.course_id)
            return attempt
    except IntegrityError:
        # Another worker recorded this token between our check and our insert.
        existing = find_attempt(token)
        if existing is None or existing.user_id != user.id:
            raise
        return existing
