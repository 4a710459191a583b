"""Grade answers to quiz questions; works on Question objects and on their dict snapshots."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from lms.content.model import Choice, Question, QuestionKind

# Regex answers run on rep input: a length cap keeps a bad pattern from hanging a worker.
MAX_ANSWER_LENGTH = 500


def normalize_answer(s: str) -> str:
    """Trim, fold runs of white space to one space and ignore case."""
    return " ".join(s.split()).casefold()


def is_regex_answer(pattern: str) -> bool:
    """True for an answer written as /pattern/."""
    return len(pattern) >= 2 and pattern.startswith("/") and pattern.endswith("/")


def short_answer_matches(answer: str, patterns: list[str]) -> bool:
    """True if the answer equals a normalized pattern or fully matches a /regex/ one."""
    if len(answer) > MAX_ANSWER_LENGTH:
        return False
    trimmed = answer.strip()
    normalized = normalize_answer(answer)
    for pattern in patterns:
        if is_regex_answer(pattern):
            try:
                if re.fullmatch(pattern[1:-1], trimmed, re.IGNORECASE):
                    return True
            except re.error:
                continue  # the loader refuses bad patterns; an old snapshot must not crash
        elif normalize_answer(pattern) == normalized:
            return True
    return False


def question_to_dict(q: Question) -> dict[str, Any]:
    """A JSON-serializable snapshot of a question, for attempts and storage."""
    return {
        "id": q.id,
        "kind": str(q.kind),
        "prompt_html": q.prompt_html,
        "choices": [
            {
                "key": c.key,
                "html": c.html,
                "correct": c.correct,
                "feedback_html": c.feedback_html,
            }
            for c in q.choices
        ],
        "answers": list(q.answers),
        "explanation_html": q.explanation_html,
        "line": q.line,
        "source": q.source,
    }


def question_from_dict(d: dict[str, Any]) -> Question:
    """Rebuild a Question from question_to_dict's output."""
    return Question(
        id=d["id"],
        kind=QuestionKind(d["kind"]),
        prompt_html=d["prompt_html"],
        choices=[
            Choice(
                key=c["key"],
                html=c["html"],
                correct=bool(c["correct"]),
                feedback_html=c.get("feedback_html"),
            )
            for c in d.get("choices", [])
        ],
        answers=list(d.get("answers", [])),
        explanation_html=d.get("explanation_html"),
        line=d.get("line", 0),
        source=d.get("source", ""),
    )


def _picked(response: Any) -> set[str]:
    if response is None:
        return set()
    if isinstance(response, str):
        return {response}
    return set(response)


def _right_keys(q: Question) -> set[str]:
    return {c.key for c in q.choices if c.correct}


def _grade_single(q: Question, response: Any) -> bool:
    right = _right_keys(q)
    return len(right) == 1 and _picked(response) == right


def _grade_multiple(q: Question, response: Any) -> bool:
    return _picked(response) == _right_keys(q)


def _grade_short(q: Question, response: Any) -> bool:
    return isinstance(response, str) and short_answer_matches(response, q.answers)


GRADERS: dict[QuestionKind, Callable[[Question, Any], bool]] = {
    QuestionKind.SINGLE: _grade_single,
    QuestionKind.MULTIPLE: _grade_multiple,
    QuestionKind.SHORT: _grade_short,
}


def grade_question(question: Question | dict[str, Any], response: Iterable[str] | str) -> bool:
    """True if the response is right: choice keys for single/multiple, text for short."""
    q = question if isinstance(question, Question) else question_from_dict(question)
    return GRADERS[q.kind](q, response)


def score_percent(n_right: int, n_total: int) -> int:
    """Percent of questions right, rounded half up; a quiz with no questions scores 100."""
    if n_total <= 0:
        return 100
    return (200 * n_right + n_total) // (2 * n_total)
