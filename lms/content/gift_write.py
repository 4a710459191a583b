"""Write a course's questions, from quiz blocks and GIFT files alike, as one GIFT file.

The writer works from the sources as written (a module's Markdown and its GIFT file), not
from the stored HTML: re-reading the sources gives back the Markdown of every text, so the
GIFT it writes re-imports to the same questions (ids, kinds, right answers, choice keys,
rendered HTML, feedback and explanation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from lms.content import frontmatter
from lms.content.body import split_body
from lms.content.gift_parse import parse_gift_texts
from lms.content.gift_text import FORMAT_MARKER, ChoiceText, QuestionText
from lms.content.grading import is_regex_answer
from lms.content.lines import split_lines
from lms.content.loader import MODULE_KEYS
from lms.content.model import Problem, Question, QuestionKind, Severity
from lms.content.quiz import parse_quiz

_ID = re.compile(r"^\[(?P<id>[^\]]*)\](?!\()\s*(?P<prompt>.*)$")
_CHOICE = re.compile(r"^- \[(?P<mark>[ xX])\](?: (?P<text>.*))?$")
_SPECIALS = "~=#{}:"


class ModuleSource(Protocol):
    """A module as loaded (lms.content.model.Module) or as stored (lms.models.Module)."""

    slug: str
    filename: str
    source: str
    quiz_source: str | None


class CourseSource(Protocol):
    slug: str
    modules: Iterable[ModuleSource]


class GiftExportError(ValueError):
    """The stored sources no longer parse: export would drop questions."""


def quiz_text(question: Question) -> QuestionText:
    """A quiz-block question's texts, read back from its source lines (already validated)."""
    lines = split_lines(question.source)
    rest = lines[0][2:]
    match = _ID.match(rest)
    prompt = [(match["prompt"] if match else rest).strip()]
    choices: list[tuple[ChoiceText, list[str]]] = []
    answers: list[str] = []
    explanation: list[str] | None = None
    state = "prompt"
    for line in lines[1:]:
        if line.startswith("  "):
            text = line.strip()
            if state == "prompt":
                prompt.append(text)
            elif state == "explanation" and explanation is not None:
                explanation.append(text)
            elif state == "choice":
                choices[-1][1].append(text[1:].strip())
        elif match := _CHOICE.match(line):
            choices.append((ChoiceText((match["text"] or "").strip(), match["mark"] != " "), []))
            state = "choice"
        elif line.startswith("="):
            answers.append(line[1:].strip())
            state = "answer"
        elif line.startswith("!"):
            explanation = [line[1:].strip()]
            state = "explanation"
    for choice, feedback in choices:
        choice.feedback = "\n".join(feedback).strip()
    return QuestionText(
        id=question.id,
        prompt="\n".join(prompt).strip(),
        choices=[choice for choice, _ in choices],
        answers=answers,
        explanation=None if explanation is None else "\n".join(explanation),
        line=question.line,
        source=question.source,
    )


def module_texts(module: ModuleSource, path: str) -> list[QuestionText]:
    """A module's questions as text: its quiz blocks', then its GIFT file's."""
    problems: list[Problem] = []
    doc = frontmatter.read(module.source, path, MODULE_KEYS, problems)
    body = split_body(doc.body, doc.body_line, path, problems)
    texts = [quiz_text(q) for q in parse_quiz(body.quiz_blocks, path, problems)]
    if "quiz" in doc.meta.values and module.quiz_source is not None:
        gift_path = f"{path.rsplit('/', 1)[0]}/{doc.meta.values['quiz']}"
        texts += parse_gift_texts(module.quiz_source, gift_path, problems)
    errors = [str(p) for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise GiftExportError("; ".join(errors))
    return texts


def _escape(text: str) -> str:
    """GIFT escapes: a backslash doubled, the specials backslashed, line breaks as \\n."""
    text = text.replace("\\", "\\\\")
    for char in _SPECIALS:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def _field(text: str) -> str:
    """A choice or feedback text; one that starts like a format marker or a weight stays text."""
    marker = "[markdown]" if FORMAT_MARKER.match(text) or text.startswith("%") else ""
    return marker + _escape(text)


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _answer_line(mark: str, weight: str | None, text: str, feedback: str = "") -> str:
    if weight is None and text.startswith("%"):
        weight = "100"  # a short answer's text that would read as a weight
    head = mark if weight is None else f"{mark}%{weight}%"
    tail = f"#{_field(feedback)}" if feedback else ""
    return f"\t{head}{text}{tail}"


def _short_answer(answer: str) -> str:
    if is_regex_answer(answer):
        return _escape(answer)
    return _escape(answer).replace("*", "\\*")  # a plain star, not Moodle's wildcard


def _credit_weight(credit: float) -> str | None:
    """A GIFT weight for a credit; None for full credit, written as a plain "=" answer."""
    return None if credit == 1 else _weight(100 * credit)


def _answer_lines(q: QuestionText) -> list[str]:
    if q.kind is QuestionKind.SHORT:
        credits = q.answer_credits or [1.0] * len(q.answers)
        return [
            _answer_line("=", _credit_weight(c), _short_answer(a))
            for a, c in zip(q.answers, credits, strict=True)
        ]
    if any(c.credit is not None for c in q.choices):
        return _weighted_choice_lines(q)
    if q.kind is QuestionKind.SINGLE:
        return [
            _answer_line("=" if c.correct else "~", None, _field(c.text), c.feedback)
            for c in q.choices
        ]
    # Select all that apply: RepReady grades all or nothing, so the weights only say which
    # choices are right; a wrong pick cancels the question in Moodle too.
    right = _weight(100 / sum(c.correct for c in q.choices))
    return [
        _answer_line("~", right if c.correct else "-100", _field(c.text), c.feedback)
        for c in q.choices
    ]


def _weighted_choice_lines(q: QuestionText) -> list[str]:
    """GIFT weights as read: "=" (single choice, full credit), "~%n%" and "~" (no credit)."""
    single = q.kind is QuestionKind.SINGLE
    lines = []
    for c in q.choices:
        credit = c.credit or 0.0
        if single and credit == 1:
            lines.append(_answer_line("=", None, _field(c.text), c.feedback))
        else:
            weight = _weight(100 * credit) if credit else None
            lines.append(_answer_line("~", weight, _field(c.text), c.feedback))
    return lines


def question_gift(q: QuestionText) -> str:
    """One question as GIFT: ::id::, the prompt as Markdown, the answer block."""
    lines = [f"::{q.id}::[markdown]{_escape(q.prompt)}" + ("{" if q.after.strip() else " {")]
    lines += _answer_lines(q)
    if q.explanation is not None:
        lines.append(f"\t####{_field(q.explanation)}")
    after = _escape(q.after) if q.after.strip() else ""
    lines.append("}" + after)
    return "\n".join(lines)


def gift_export(course: CourseSource) -> str:
    """Every question of a course's live modules, in order, as one GIFT file."""
    parts = [
        f"// RepReady course {course.slug}: its questions as Moodle GIFT.\n"
        "// Title = question id; text in Markdown; one $CATEGORY per module."
    ]
    for module in course.modules:
        if getattr(module, "retired_at", None) is not None:
            continue
        texts = module_texts(module, f"{course.slug}/{module.filename}")
        if not texts:
            continue
        parts.append(f"$CATEGORY: $course$/{course.slug}/{module.slug}")
        parts += [question_gift(q) for q in texts]
    return "\n\n".join(parts) + "\n"
