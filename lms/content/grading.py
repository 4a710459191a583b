"""Grade answers to quiz questions; works on Question objects and on their dict snapshots.

A question earns a credit between 0 and 1. Quiz-block questions are right (1) or wrong (0);
GIFT weights give partial credit, with Moodle's meaning (see docs/authoring.md).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import re2

from lms.content.model import Choice, Question, QuestionKind

# Answers are capped before grading; RE2 matches in linear time, so this bounds the work.
MAX_ANSWER_LENGTH = 500
# Moodle's thresholds: a credit this close to 1 (or 0) is full (or none), so weights such as
# 33.33333% three times make a right answer.
FULL = 0.999999
NONE = 0.000001

# Trimmed from both ends of a short answer: white space and punctuation, ASCII and full-width
# (NFKC has already turned full-width ASCII forms such as "！" into "!"), quotes and brackets.
_EDGE = (
    ".,!?;:\"'`"
    "。，！？；：、．｡､"
    "‘’‚‛“”„‟«»‹›「」『』〝〞〟＂＇"
    "()[]{}<>（）［］｛｝＜＞〈〉《》【】〔〕〖〗〘〙〚〛｟｠⦅⦆"
)


def normalize_answer(s: str) -> str:
    """NFKC, case folded, white space runs folded to one space, space and punctuation trimmed."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", s).casefold())
    text = " ".join(folded.split())
    while True:
        trimmed = text.strip(_EDGE).strip()
        if trimmed == text:
            return text
        text = trimmed


def is_regex_answer(pattern: str) -> bool:
    """True for an answer written as /pattern/."""
    return len(pattern) >= 2 and pattern.startswith("/") and pattern.endswith("/")


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # a bad pattern is reported as a content error, not logged
    return options


@functools.lru_cache(maxsize=512)
def _compiled(body: str) -> Any:
    return re2.compile(body, _options())


def regex_error(pattern: str) -> str | None:
    """Why RE2 cannot compile a /pattern/ answer's body, or None when it can."""
    try:
        _compiled(pattern[1:-1])
    except re2.error as exc:
        message = exc.args[0] if exc.args else "not a valid pattern"
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        return str(message)
    return None


def answer_matches(answer: str, pattern: str) -> bool:
    """One accepted answer: a /regex/ fully matching the trimmed answer, or equal normalized."""
    if is_regex_answer(pattern):
        try:
            return _compiled(pattern[1:-1]).fullmatch(answer.strip()) is not None
        except re2.error:
            return False  # the loader refuses bad patterns; an old snapshot must not crash
    return normalize_answer(pattern) == normalize_answer(answer)


def matching_answer(answer: str, patterns: list[str]) -> int | None:
    """The index of the first accepted answer the answer matches (Moodle's order), if any."""
    if len(answer) > MAX_ANSWER_LENGTH:
        return None
    for index, pattern in enumerate(patterns):
        if answer_matches(answer, pattern):
            return index
    return None


def short_answer_matches(answer: str, patterns: list[str]) -> bool:
    """True if the answer matches any of the patterns."""
    return matching_answer(answer, patterns) is not None


def question_to_dict(q: Question) -> dict[str, Any]:
    """A JSON-serializable snapshot of a question, for attempts and storage."""
    data: dict[str, Any] = {
        "id": q.id,
        "kind": str(q.kind),
        "prompt_html": q.prompt_html,
        "choices": [_choice_to_dict(c) for c in q.choices],
        "answers": list(q.answers),
        "explanation_html": q.explanation_html,
        "line": q.line,
        "source": q.source,
    }
    if q.answer_credits:  # only weighted GIFT answers: unweighted data stays as it was stored
        data["answer_credits"] = list(q.answer_credits)
    return data


def _choice_to_dict(c: Choice) -> dict[str, Any]:
    data = {"key": c.key, "html": c.html, "correct": c.correct, "feedback_html": c.feedback_html}
    if c.credit is not None:
        data["credit"] = c.credit
    return data


def question_from_dict(d: dict[str, Any]) -> Question:
    """Rebuild a Question from question_to_dict's output (or an older one without credits)."""
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
                credit=c.get("credit"),
            )
            for c in d.get("choices", [])
        ],
        answers=list(d.get("answers", [])),
        explanation_html=d.get("explanation_html"),
        line=d.get("line", 0),
        source=d.get("source", ""),
        answer_credits=list(d.get("answer_credits", [])),
    )


def _picked(response: Any) -> set[str]:
    if response is None:
        return set()
    if isinstance(response, str):
        return {response}
    return set(response)


def _right_keys(q: Question) -> set[str]:
    return {c.key for c in q.choices if c.correct}


def _weighted(q: Question) -> bool:
    return any(c.credit is not None for c in q.choices)


def _credit_single(q: Question, response: Any) -> float:
    picked = _picked(response)
    if len(picked) != 1:
        return 0.0
    if _weighted(q):  # Moodle: the picked answer's weight
        (key,) = picked
        return next((c.credit or 0.0 for c in q.choices if c.key == key), 0.0)
    right = _right_keys(q)
    return 1.0 if len(right) == 1 and picked == right else 0.0


def _credit_multiple(q: Question, response: Any) -> float:
    picked = _picked(response)
    if _weighted(q):  # Moodle's multiple answers: each pick adds its weight, negatives subtract
        return sum(c.credit or 0.0 for c in q.choices if c.key in picked)
    return 1.0 if picked == _right_keys(q) else 0.0  # select all: all or nothing


def _credit_short(q: Question, response: Any) -> float:
    if not isinstance(response, str):
        return 0.0
    index = matching_answer(response, q.answers)
    if index is None:
        return 0.0
    return q.answer_credits[index] if index < len(q.answer_credits) else 1.0


GRADERS: dict[QuestionKind, Callable[[Question, Any], float]] = {
    QuestionKind.SINGLE: _credit_single,
    QuestionKind.MULTIPLE: _credit_multiple,
    QuestionKind.SHORT: _credit_short,
}


def question_credit(question: Question | dict[str, Any], response: Iterable[str] | str) -> float:
    """The response's credit, 0 to 1: choice keys for single/multiple, text for short."""
    q = question if isinstance(question, Question) else question_from_dict(question)
    credit = GRADERS[q.kind](q, response)
    if credit >= FULL:
        return 1.0
    if credit <= NONE:
        return 0.0
    return credit


def grade_question(question: Question | dict[str, Any], response: Iterable[str] | str) -> bool:
    """True if the response is right, at full credit."""
    return question_credit(question, response) == 1.0


def percent(part: float, whole: float = 1.0) -> int:
    """A share as a whole percent, the way a trainer reads it.

    Rounded half up (not to even: 2.5 -> 3), except that only a full share shows 100 and
    only nothing shows 0: 99.6% of the points is 99, and 0.4% is 1.
    """
    if whole <= 0 or part >= whole:
        return 100
    if part <= 0:
        return 0
    # Round the float to 6 places first, so 0.3333333 x 3 questions is not 99.99999 -> 99.
    exact = round(100 * part / whole, 6)
    return min(max(int(exact + 0.5), 1), 99)


def score_percent(points: float, n_total: int) -> int:
    """Module score: the sum of question credits over the number of questions, in percent.

    A quiz with no questions scores 100.
    """
    if n_total <= 0:
        return 100
    return percent(points, n_total)
