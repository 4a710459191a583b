"""Question quality from attempts' snapshots: facility, discrimination, wrong choices picked.

Flask-free arithmetic; the formulas are explained in docs/authoring.md ("Question quality").
Only reps' attempts count: a trainer trying the quiz as a rep, or a manager, is not the
population the numbers describe.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.assessment.question_types import question_type
from lms.assessment.record import read
from lms.content.grading import normalize_answer
from lms.models import Attempt, Module, Question, Role, User

EASY = 0.9  # facility above: nearly everyone gets it right
HARD = 0.3  # facility below: nearly everyone gets it wrong


def rep_snapshots(session: Session, course_id: int) -> list[list[dict[str, Any]]]:
    """The snapshots of every attempt reps made at the course's quizzes."""
    return list(
        session.scalars(
            select(Attempt.snapshot)
            .join(Module, Module.id == Attempt.module_id)
            .join(User, User.id == Attempt.user_id)
            .where(Module.course_id == course_id, User.role == Role.REP)
        )
    )


@dataclass
class WrongChoice:
    key: str
    html: str
    picked: int
    current: bool  # still a choice of the question as published now


@dataclass
class QuestionStats:
    key: str
    prompt_html: str
    kind: str
    answered: int = 0
    right: int = 0
    discrimination: float | None = None  # Pearson r, -1..1; None when undefined
    wrong_choices: list[WrongChoice] = field(default_factory=list)
    wrong_answers: list[tuple[str, int]] = field(default_factory=list)  # short answers

    @property
    def facility(self) -> float | None:
        return self.right / self.answered if self.answered else None

    @property
    def flag(self) -> str | None:
        facility = self.facility
        if facility is None:
            return None
        if facility > EASY:
            return "Nearly everyone gets it right"
        if facility < HARD:
            return "Nearly everyone gets it wrong"
        return None


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """The correlation coefficient of two equally long series; None if either is constant."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = sum((x - mx) ** 2 for x in xs)
    vy = sum((y - my) ** 2 for y in ys)
    if vx == 0 or vy == 0:
        return None
    return cov / math.sqrt(vx * vy)


def question_stats(
    questions: Iterable[dict[str, Any]], snapshots: Iterable[list[dict[str, Any]]]
) -> list[QuestionStats]:
    """Stats for each question (key, prompt_html, kind, choices) over every attempt.

    Each attempt's snapshot is one sitting of its module's quiz; a question's score is 1 or
    0, and the rest-of-test score is the attempt's other right answers.
    """
    stats = {q["key"]: QuestionStats(q["key"], q["prompt_html"], q["kind"]) for q in questions}
    current = {q["key"]: q.get("choices", []) for q in questions}
    scores: dict[str, tuple[list[float], list[float]]] = {key: ([], []) for key in stats}
    picked: dict[str, Counter] = {key: Counter() for key in stats}
    seen_html: dict[str, dict[str, str]] = {key: {} for key in stats}
    typed: dict[str, Counter] = {key: Counter() for key in stats}
    for snapshot in snapshots:
        answered = read(snapshot)
        total = answered.right
        for item in answered:
            key = item.key
            if key not in stats:
                continue  # a question no longer in the course
            right = 1 if item.correct else 0
            entry = stats[key]
            entry.answered += 1
            entry.right += right
            scores[key][0].append(right)
            scores[key][1].append(total - right)
            for choice in item.choices:
                if choice.picked and not choice.correct:
                    picked[key][choice.key] += 1
                    seen_html[key].setdefault(choice.key, choice.html)
            if question_type(item.kind).typed and not right and item.answer:
                typed[key][normalize_answer(item.answer)] += 1
    for key, entry in stats.items():
        entry.discrimination = pearson(*scores[key])
        wrong_now = [c for c in current[key] if not c.get("correct")]
        entry.wrong_choices = [
            WrongChoice(c["key"], c["html"], picked[key][c["key"]], True) for c in wrong_now
        ]
        now_keys = {c["key"] for c in wrong_now}
        entry.wrong_choices += [
            WrongChoice(k, seen_html[key][k], n, False)
            for k, n in picked[key].most_common()
            if k not in now_keys
        ]
        entry.wrong_answers = typed[key].most_common(5)
    return list(stats.values())


def course_question_stats(
    session: Session, course_id: int
) -> tuple[list[tuple[str, QuestionStats]], int]:
    """Each live question of a course with its module's title and stats, and the attempts."""
    questions = session.execute(
        select(Question.key, Question.kind, Question.data, Module.title)
        .join(Module, Module.id == Question.module_id)
        .where(Question.course_id == course_id, Question.retired_at.is_(None))
        .order_by(Module.position, Question.position)
    ).all()
    snapshots = rep_snapshots(session, course_id)
    rows = [{**q.data, "key": q.key, "kind": q.kind} for q in questions]
    stats = question_stats(rows, snapshots)
    return list(zip([q.title for q in questions], stats, strict=True)), len(snapshots)
