"""Questions as text, before rendering: what the GIFT parser reads and the GIFT writer writes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from lms.content.model import Choice, Question, QuestionKind
from lms.content.render import render_inline

# A missing word: Markdown-escaped so "_____" never turns into emphasis or a rule.
BLANK = "\\_" * 5

# GIFT escapes (Moodle's): "\~ \= \# \{ \} \:" are the literal characters, "\n" a line
# break and "\\" one backslash. While a question is parsed, each escape is a private-use
# character, so the parser can search for the unescaped specials with plain str methods.
_ESCAPED = "\\~=#{}:n"
_PLACEHOLDER = {c: chr(0xE000 + i) for i, c in enumerate(_ESCAPED)}
_RESTORE = str.maketrans({p: ("\n" if c == "n" else c) for c, p in _PLACEHOLDER.items()})
_ESCAPE = re.compile(r"\\([\\~=#{}:n])")
FORMAT_MARKER = re.compile(r"^\[(markdown|html|plain|moodle)\]")


def protect(text: str) -> str:
    """Replace each GIFT escape by its placeholder."""
    return _ESCAPE.sub(lambda m: _PLACEHOLDER[m[1]], text)


def restore(text: str) -> str:
    """Turn placeholders back into the characters they stand for."""
    return text.translate(_RESTORE)


def choice_key(text: str) -> str:
    """A choice's key, as quiz blocks make it: the short hash of its text."""
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]


@dataclass
class ChoiceText:
    text: str  # inline Markdown
    correct: bool
    feedback: str = ""
    credit: float | None = None  # GIFT weight / 100; None: right or wrong only


@dataclass
class QuestionText:
    """A question as written: Markdown texts, not yet rendered."""

    id: str
    prompt: str  # the text before the answer block (all of it for quiz blocks)
    after: str = ""  # text after a GIFT answer block: the question is a missing word
    choices: list[ChoiceText] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    explanation: str | None = None
    line: int = 0
    source: str = ""
    multiple: bool | None = None  # GIFT says; None: one right choice makes it single choice
    answer_credits: list[float] = field(default_factory=list)

    @property
    def prompt_markdown(self) -> str:
        if self.after.strip():
            return (self.prompt + BLANK + self.after).strip()
        return self.prompt.strip()

    @property
    def kind(self) -> QuestionKind:
        if self.answers:
            return QuestionKind.SHORT
        if self.multiple is not None:
            return QuestionKind.MULTIPLE if self.multiple else QuestionKind.SINGLE
        right = sum(c.correct for c in self.choices)
        return QuestionKind.SINGLE if right == 1 else QuestionKind.MULTIPLE

    def render(self, asset_base: str) -> Question:
        """The Question reps see: every text through the one inline renderer."""
        choices = []
        seen: dict[str, int] = {}
        for c in self.choices:
            key = choice_key(c.text)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}-{seen[key]}"  # the same text twice: keys must still differ
            choices.append(
                Choice(
                    key=key,
                    html=render_inline(c.text, asset_base),
                    correct=c.correct,
                    feedback_html=render_inline(c.feedback, asset_base) if c.feedback else None,
                    credit=c.credit,
                )
            )
        explanation = self.explanation
        return Question(
            id=self.id,
            kind=self.kind,
            prompt_html=render_inline(self.prompt_markdown, asset_base),
            choices=choices,
            answers=list(self.answers),
            explanation_html=None
            if explanation is None
            else render_inline(explanation, asset_base),
            line=self.line,
            source=self.source,
            answer_credits=list(self.answer_credits),
        )
