"""One class per question kind: how its answer is read, graded, recorded and shown.

Code that handles questions asks `question_type(kind)` for the kind's class instead of
testing the kind itself (CTFd's CHALLENGE_CLASSES). The recipe for a new kind is in
docs/architecture.md ("Where new things go").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from lms.content.grading import MAX_ANSWER_LENGTH, is_regex_answer, question_credit
from lms.content.model import QuestionKind

if TYPE_CHECKING:
    from lms.assessment.record import AnsweredQuestion

# A wrong select-all answer may pick nothing wrong: it left a right choice out.
LEFT_OUT = "(a right choice left out)"
NO_ANSWER = "(no answer)"


class UnknownQuestionKind(ValueError):
    """A kind no class in QUESTION_TYPES handles."""

    def __init__(self, kind: object) -> None:
        known = ", ".join(QUESTION_TYPES)
        super().__init__(f"Unknown question kind {kind!r}: the known kinds are {known}.")
        self.kind = kind


@dataclass(frozen=True)
class Given:
    """A response's part of the attempt record: the choices picked, or the text typed."""

    picked: frozenset[str] = frozenset()
    answer: str | None = None


class QuestionType:
    """What every kind provides; each subclass fills in how its kind differs."""

    kind: ClassVar[QuestionKind]
    form_template: ClassVar[str]  # its inputs on the module page
    review_template: ClassVar[str]  # macros `given` and `right_answer` for a recorded answer
    key_template: ClassVar[str]  # the answer key a trainer's preview shows
    label: ClassVar[str]  # how a trainer's preview names the kind
    typed: ClassVar[bool] = False  # answered by typing (so its wrong answers are texts)

    def parse(self, form: Any, name: str) -> tuple[Any, bool]:
        """The response in a submitted form, and whether it counts as answered."""
        raise NotImplementedError

    def grade(self, data: Mapping[str, Any], response: Any) -> float:
        """The response's credit, 0 to 1, by the pure rules of lms/content/grading.py."""
        return question_credit(dict(data), response)

    def given(self, response: Any) -> Given:
        """What the attempt record keeps of the response."""
        raise NotImplementedError

    def wrong_given(self, item: AnsweredQuestion) -> list[tuple[str, bool]]:
        """The wrong things a rep gave, each with whether it is HTML; none when right."""
        return [] if item.correct else self._wrong(item)

    def _wrong(self, item: AnsweredQuestion) -> list[tuple[str, bool]]:
        raise NotImplementedError

    def right_response(self, data: Mapping[str, Any]) -> Any:
        """A response that earns full credit (demo seeding)."""
        raise NotImplementedError

    def wrong_response(self, data: Mapping[str, Any]) -> Any:
        """A response that earns no full credit (demo seeding)."""
        raise NotImplementedError


class _Choices(QuestionType):
    """Shared by the kinds answered by picking choices."""

    review_template = "quizzes/types/choices_review.html"
    key_template = "quizzes/types/choices_key.html"

    def given(self, response: Any) -> Given:
        picked = response if isinstance(response, set | frozenset) else ()
        return Given(picked=frozenset(picked))

    def _wrong(self, item: AnsweredQuestion) -> list[tuple[str, bool]]:
        picked = [(c.html, True) for c in item.choices if c.picked and not c.correct]
        return picked or [(LEFT_OUT, False)]

    def right_response(self, data: Mapping[str, Any]) -> set[str]:
        return {c["key"] for c in data["choices"] if c["correct"]}

    def wrong_response(self, data: Mapping[str, Any]) -> set[str]:
        return {next(c["key"] for c in data["choices"] if not c["correct"])}


class Single(_Choices):
    """One choice to pick, as radio buttons."""

    kind = QuestionKind.SINGLE
    form_template = "quizzes/types/single.html"
    label = "one answer"

    def parse(self, form: Any, name: str) -> tuple[set[str], bool]:
        picked = form.get(name)
        return ({picked} if picked else set()), bool(picked)


class Multiple(_Choices):
    """Select all that apply, as check boxes."""

    kind = QuestionKind.MULTIPLE
    form_template = "quizzes/types/multiple.html"
    label = "select all that apply"

    def parse(self, form: Any, name: str) -> tuple[set[str], bool]:
        # Picking nothing is a legitimate (if wrong) answer to "select all that apply".
        return set(form.getlist(name)), True


class Short(QuestionType):
    """A short text answer, matched against the accepted answers."""

    kind = QuestionKind.SHORT
    form_template = "quizzes/types/short.html"
    review_template = "quizzes/types/short_review.html"
    key_template = "quizzes/types/short_key.html"
    label = "short answer"
    typed = True

    def parse(self, form: Any, name: str) -> tuple[str, bool]:
        answer = (form.get(name) or "").strip()[:MAX_ANSWER_LENGTH]
        return answer, bool(answer)

    def given(self, response: Any) -> Given:
        return Given(answer=response if isinstance(response, str) else None)

    def _wrong(self, item: AnsweredQuestion) -> list[tuple[str, bool]]:
        answer = (item.answer or "").strip().casefold()
        return [(answer or NO_ANSWER, False)]

    def right_response(self, data: Mapping[str, Any]) -> str:
        # A /pattern/ is the trainer's notation, not something a rep would type.
        plain = [a for a in data["answers"] if not is_regex_answer(a)]
        return plain[0] if plain else ""

    def wrong_response(self, data: Mapping[str, Any]) -> str:
        return "not sure"


QUESTION_TYPES: dict[QuestionKind, QuestionType] = {
    QuestionKind.SINGLE: Single(),
    QuestionKind.MULTIPLE: Multiple(),
    QuestionKind.SHORT: Short(),
}


def question_type(kind: QuestionKind | str) -> QuestionType:
    """The class that handles a kind; UnknownQuestionKind for any other value."""
    try:
        return QUESTION_TYPES[QuestionKind(kind)]
    except (ValueError, KeyError):
        raise UnknownQuestionKind(kind) from None
