"""The attempt record: each question as shown, what the rep gave, and the verdict.

`build` is the one writer and `read` the one reader of `Attempt.snapshot`. The reader
takes every record stored so far: those from before partial credit have no "credit" or
"percent", and the bulk demo leaves feedback and explanations out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lms.assessment.question_types import question_type
from lms.content.grading import percent
from lms.content.model import QuestionKind
from lms.models import Question

ChoiceOrder = Callable[[Question], list[dict[str, Any]]]


@dataclass(frozen=True)
class RecordedChoice:
    key: str
    html: str
    correct: bool
    feedback_html: str | None
    picked: bool


@dataclass(frozen=True)
class AnsweredQuestion:
    """One question of an attempt, in the order and wording the rep saw."""

    key: str
    kind: QuestionKind
    prompt_html: str
    choices: tuple[RecordedChoice, ...]
    answer: str | None  # the text typed, for kinds answered by typing
    accepted: tuple[str, ...]
    explanation_html: str | None
    correct: bool  # only at full credit, so right and wrong counts read as they always did
    credit: float | None = None  # 0 to 1; None in records stored before partial credit
    percent: int | None = None

    @property
    def earned(self) -> float:
        """The credit, or 1 or 0 from "correct" in a record stored before partial credit."""
        return float(self.credit) if self.credit is not None else float(self.correct)

    @property
    def partly_right(self) -> bool:
        return not self.correct and bool(self.credit)

    def to_json(self) -> dict[str, Any]:
        """The stored form; keys in the order attempts have always been stored with."""
        data: dict[str, Any] = {
            "key": self.key,
            "kind": self.kind.value,
            "prompt_html": self.prompt_html,
            "choices": [
                {
                    "key": c.key,
                    "html": c.html,
                    "correct": c.correct,
                    "feedback_html": c.feedback_html,
                    "picked": c.picked,
                }
                for c in self.choices
            ],
            "answer": self.answer,
            "accepted": list(self.accepted),
            "explanation_html": self.explanation_html,
            "correct": self.correct,
        }
        if self.credit is not None:
            data["credit"] = self.credit
            data["percent"] = self.percent
        return data


@dataclass(frozen=True)
class AttemptRecord:
    """Every question of one attempt."""

    questions: tuple[AnsweredQuestion, ...]

    def __iter__(self) -> Iterator[AnsweredQuestion]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    @property
    def right(self) -> int:
        return sum(1 for q in self.questions if q.correct)

    @property
    def partly_right(self) -> int:
        return sum(1 for q in self.questions if q.partly_right)

    @property
    def points(self) -> float:
        """The sum of the questions' credits: the score's numerator."""
        return sum(q.earned for q in self.questions)

    def to_json(self) -> list[dict[str, Any]]:
        return [q.to_json() for q in self.questions]


def authored_order(question: Question) -> list[dict[str, Any]]:
    """The question's choices as written."""
    return list(question.data.get("choices", []))


def answer_question(
    question: Question, order: list[dict[str, Any]], response: Any
) -> AnsweredQuestion:
    """Grade one response and record it with the question as shown, through its type."""
    qtype = question_type(question.kind)
    credit = qtype.grade(question.data, response)
    given = qtype.given(response)
    return AnsweredQuestion(
        key=question.key,
        kind=qtype.kind,
        prompt_html=question.data["prompt_html"],
        choices=tuple(
            RecordedChoice(
                key=c["key"],
                html=c["html"],
                correct=c["correct"],
                feedback_html=c.get("feedback_html"),
                picked=c["key"] in given.picked,
            )
            for c in order
        ),
        answer=given.answer,
        accepted=tuple(question.data.get("answers", [])),
        explanation_html=question.data.get("explanation_html"),
        correct=credit == 1,
        credit=credit,
        percent=percent(credit),
    )


def build(
    questions: Iterable[Question],
    responses: Mapping[str, Any],
    order: ChoiceOrder = authored_order,
) -> AttemptRecord:
    """The record of one sitting: each question graded against the response to it."""
    return AttemptRecord(
        tuple(answer_question(q, order(q), responses.get(q.key)) for q in questions)
    )


def read_question(item: Mapping[str, Any]) -> AnsweredQuestion:
    """One stored question, whichever keys its record was stored with."""
    return AnsweredQuestion(
        key=item["key"],
        kind=question_type(item["kind"]).kind,
        prompt_html=item.get("prompt_html") or "",
        choices=tuple(
            RecordedChoice(
                key=c["key"],
                html=c.get("html", ""),
                correct=bool(c.get("correct")),
                feedback_html=c.get("feedback_html"),
                picked=bool(c.get("picked")),
            )
            for c in item.get("choices") or ()
        ),
        answer=item.get("answer"),
        accepted=tuple(item.get("accepted") or ()),
        explanation_html=item.get("explanation_html"),
        correct=bool(item.get("correct")),
        credit=item.get("credit"),
        percent=item.get("percent"),
    )


def read(snapshot: Iterable[Mapping[str, Any]] | None) -> AttemptRecord:
    """An attempt's stored snapshot as a record."""
    return AttemptRecord(tuple(read_question(item) for item in snapshot or ()))
