"""Parse the lines of ```quiz blocks into Questions, reporting every malformed line."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from lms.content.body import Line
from lms.content.grading import is_regex_answer, regex_error
from lms.content.model import Choice, Problem, Question, QuestionKind, Severity
from lms.content.render import RenderError, render_inline
from lms.content.schema import is_slug, slugify

_QUESTION = re.compile(r"^\?(?: (?P<rest>.*))?$")
# "[id]" but not a Markdown link "[text](url)" that opens the prompt.
_ID = re.compile(r"^\[(?P<id>[^\]]*)\](?!\()\s*(?P<prompt>.*)$")
_CHOICE = re.compile(r"^- \[(?P<mark>[ xX])\](?: (?P<text>.*))?$")
_ANSWER = re.compile(r"^=(?: (?P<text>.*))?$")
_EXPLANATION = re.compile(r"^!(?: (?P<text>.*))?$")
ID_WORDS = 6

FORMS = '"? " question, "- [ ] " or "- [x] " choice, "  > " feedback, "= " answer, "! " explanation'


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def derive_id(prompt: str) -> str:
    """An id from the prompt's first words; a hash when no ascii word remains (e.g. Chinese)."""
    return slugify(prompt, ID_WORDS) or f"q-{_sha1(prompt)[:8]}"


@dataclass
class _Choice:
    line: int
    text: str
    correct: bool
    feedback: list[str] = field(default_factory=list)


@dataclass
class _Draft:
    """A question while its lines are read; state names the line that came last."""

    line: int
    id: str | None
    prompt: list[str]
    source: list[str]
    state: str = "prompt"
    choices: list[_Choice] = field(default_factory=list)
    answers: list[Line] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, path: str, asset_base: str, problems: list[Problem]):
        self.path = path
        self.asset_base = asset_base
        self.problems = problems
        self.questions: list[Question] = []
        self.draft: _Draft | None = None

    def error(self, line: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.path, line, message, severity))

    def block(self, lines: list[Line]) -> None:
        for line_no, raw in lines:
            self.line(line_no, raw.rstrip())
        self.finish()

    def line(self, line_no: int, line: str) -> None:
        if not line.strip():
            self.finish()
            return
        if match := _QUESTION.match(line):
            self.finish()
            self.start(line_no, line, match["rest"] or "")
            return
        draft = self.draft
        if draft is None:
            self.orphan(line_no, line)
            return
        draft.source.append(line)
        if line.startswith("  "):
            self.indented(line_no, draft, line.strip())
        elif match := _CHOICE.match(line):
            text = (match["text"] or "").strip()
            if not text:
                self.error(line_no, "choice has no text: write it after the brackets")
            draft.choices.append(_Choice(line_no, text, match["mark"] != " "))
            draft.state = "choice"
        elif match := _ANSWER.match(line):
            self.answer(line_no, draft, (match["text"] or "").strip())
        elif match := _EXPLANATION.match(line):
            if draft.explanation:
                self.error(
                    line_no,
                    'question has a second explanation ("! "): join them; '
                    "continue an explanation on lines indented two spaces",
                )
            draft.explanation.append((match["text"] or "").strip())
            draft.state = "explanation"
        else:
            self.unknown(line_no, line)

    def orphan(self, line_no: int, line: str) -> None:
        if line.startswith("  ") or any(p.match(line) for p in (_CHOICE, _ANSWER, _EXPLANATION)):
            self.error(
                line_no,
                'line is not part of a question: start the question with "? " above it, '
                "with no blank line in between",
            )
        else:
            self.unknown(line_no, line)

    def unknown(self, line_no: int, line: str) -> None:
        shown = line if len(line) <= 40 else line[:37] + "..."
        self.error(line_no, f'line fits none of the quiz forms ({FORMS}): "{shown}"')

    def start(self, line_no: int, line: str, rest: str) -> None:
        qid = None
        if match := _ID.match(rest):
            qid, rest = match["id"].strip(), match["prompt"]
            if not is_slug(qid):
                self.error(
                    line_no,
                    f'question id "{qid}" must be lowercase letters, digits and single '
                    f"hyphens, like [{slugify(qid) or 'q1'}]",
                )
                qid = slugify(qid) or None
        self.draft = _Draft(line_no, qid, [rest.strip()], [line])

    def indented(self, line_no: int, draft: _Draft, text: str) -> None:
        if draft.state == "prompt":
            draft.prompt.append(text)
        elif draft.state == "explanation":
            draft.explanation.append(text)
        elif text.startswith(">") and draft.state == "choice":
            draft.choices[-1].feedback.append(text[1:].strip())
        elif text.startswith(">"):
            self.error(line_no, 'feedback ("  > ") must come right under a choice')
        else:
            self.unknown(line_no, "  " + text)

    def answer(self, line_no: int, draft: _Draft, text: str) -> None:
        draft.state = "answer"
        if not text:
            self.error(line_no, 'answer has no text: write it after "= "')
            return
        if is_regex_answer(text) and (problem := regex_error(text)):
            self.error(
                line_no,
                f"invalid regular expression {text} (RE2 syntax): {problem}; fix it, or drop "
                "the slashes to match the text exactly",
            )
        draft.answers.append((line_no, text))

    def finish(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        line = draft.line
        prompt = "\n".join(draft.prompt).strip()
        if not prompt:
            self.error(line, 'question has no prompt: write it after "? "')
        if draft.id is None:
            draft.id = derive_id(prompt)
            self.error(
                line,
                f'question has no [id]; using "{draft.id}": write "? [{draft.id}] ..." '
                "to keep answer history when the wording changes",
                Severity.WARNING,
            )
        kind = self.kind(draft)
        if kind is None:
            return
        try:
            question = self.build(draft, draft.id, kind, prompt)
        except RenderError as exc:
            self.error(line, str(exc))
            return
        self.questions.append(question)

    def build(self, draft: _Draft, qid: str, kind: QuestionKind, prompt: str) -> Question:
        """The question with its text rendered; RenderError when a text cannot be."""
        return Question(
            id=qid,
            kind=kind,
            prompt_html=render_inline(prompt, self.asset_base),
            choices=self.choices(draft),
            answers=[text for _, text in draft.answers],
            explanation_html=(
                render_inline("\n".join(draft.explanation), self.asset_base)
                if draft.explanation
                else None
            ),
            line=draft.line,
            source="\n".join(draft.source),
        )

    def kind(self, draft: _Draft) -> QuestionKind | None:
        """The question's kind from its choices or answers; None (and an error) if neither fits."""
        line = draft.line
        right = sum(c.correct for c in draft.choices)
        if draft.choices and draft.answers:
            self.error(line, 'question has both choices and "= " answers: use one or the other')
        elif draft.answers:
            return QuestionKind.SHORT
        elif not draft.choices:
            self.error(
                line, 'question has no choices or answers: add "- [x] " choices or "= " answers'
            )
        elif len(draft.choices) == 1:
            self.error(
                line,
                "question has only one choice: add at least one more (true/false is two choices)",
            )
        elif right == 0:
            self.error(line, "choice list has no right answer: mark the right choice(s) with [x]")
        else:
            return QuestionKind.SINGLE if right == 1 else QuestionKind.MULTIPLE
        return None

    def choices(self, draft: _Draft) -> list[Choice]:
        result = []
        seen: dict[str, int] = {}
        for c in draft.choices:
            key = _sha1(c.text)[:8]
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}-{seen[key]}"  # the same text twice: keys must still differ
            feedback = "\n".join(c.feedback).strip()
            result.append(
                Choice(
                    key=key,
                    html=render_inline(c.text, self.asset_base),
                    correct=c.correct,
                    feedback_html=render_inline(feedback, self.asset_base) if feedback else None,
                )
            )
        return result


def parse_quiz(
    blocks: list[list[Line]], path: str, problems: list[Problem], asset_base: str = "assets/"
) -> list[Question]:
    """The questions of a module's quiz blocks, in order; problems are appended."""
    parser = _Parser(path, asset_base, problems)
    for block in blocks:
        parser.block(block)
    return parser.questions
