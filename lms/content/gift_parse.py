"""Parse Moodle GIFT files into Questions; refuse, with file:line, what RepReady cannot ask."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from lms.content.gift_text import FORMAT_MARKER, ChoiceText, QuestionText, protect, restore
from lms.content.grading import is_regex_answer, regex_error
from lms.content.lines import split_lines
from lms.content.model import Problem, Question, Severity
from lms.content.quiz import derive_id
from lms.content.render import RenderError
from lms.content.schema import slugify

ID_MAX = 100  # the questions table keeps keys of up to 100 characters
TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_WILDCARD = re.compile(r"(?<!\\)\*")  # Moodle's short-answer "*"; "\*" is a literal star

UNSUPPORTED = {
    "description": "text with no answer block {...}: give it answers, move the text into "
    "the module, or delete it",
    "essay": "an empty answer block {} leaves nothing to grade: give it answers, or delete it",
    "numeric": "write the number as a short answer like {=42}, or delete it",
    "matching": "write each pair as a multiple-choice question, or delete it",
}

Line = tuple[int, str]


def _ignored(line: str) -> bool:
    """Comment and category lines: Moodle's // comments, and $CATEGORY: which has no use here."""
    stripped = line.strip()
    return stripped.startswith("//") or stripped.startswith("$CATEGORY:")


def _blocks(source: str) -> list[list[Line]]:
    """The file's non-blank lines, grouped by the blank lines that separate questions."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for number, raw in enumerate(split_lines(source), start=1):
        line = raw.rstrip()
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _unmark(text: str) -> str:
    """Drop a leading [markdown]/[html]/[plain]/[moodle]: every text is rendered as Markdown."""
    return FORMAT_MARKER.sub("", text.strip(), count=1).strip()


def _unmark_lead(text: str) -> str:
    """_unmark for a text that a missing word may follow: its trailing space is kept."""
    return FORMAT_MARKER.sub("", text.lstrip(), count=1).lstrip()


def _title_id(title: str) -> str:
    slug = slugify(title)[:ID_MAX].rstrip("-")
    return slug or f"q-{hashlib.sha1(title.encode('utf-8'), usedforsecurity=False).hexdigest()[:8]}"


def _shown(text: str) -> str:
    text = " ".join(restore(text).split())
    return text if len(text) <= 40 else text[:37] + "..."


def _format_weight(weight: float) -> str:
    return f"{weight:g}"


@dataclass
class _Item:
    """One "=" or "~" answer of an answer block; text stays protected (escapes as placeholders)."""

    mark: str
    weight: float | None
    text: str
    feedback: str
    line: int


class _Parser:
    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems

    def error(self, line: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.path, line, message, severity))

    def unsupported(self, line: int, kind: str) -> None:
        self.error(line, f"GIFT type not supported: {kind}; {UNSUPPORTED[kind]}")

    def question(self, block: list[Line]) -> QuestionText | None:
        lines = [(n, text) for n, text in block if not _ignored(text)]
        if not lines:
            return None
        start = lines[0][0]
        text = protect("\n".join(line for _, line in lines))

        def at(pos: int) -> int:
            return lines[text.count("\n", 0, pos)][0]

        pos = len(text) - len(text.lstrip())
        title = None
        if text.startswith("::", pos):
            end = text.find("::", pos + 2)
            if end < 0:
                self.error(
                    start,
                    'question title is not closed: write "::title::" before the question '
                    "(escape a literal colon as \\:)",
                )
                return None
            title = restore(text[pos + 2 : end]).strip()
            pos = end + 2
        opening, closing = text.find("{", pos), text.find("}", pos)
        if opening < 0 and closing < 0:
            self.unsupported(start, "description")
            return None
        if closing >= 0 and (opening < 0 or closing < opening):
            self.error(at(closing), "this } closes no answer block: escape a literal brace as \\}")
            return None
        if closing < 0:
            self.error(
                at(opening),
                "answer block is not closed: end it with }, or escape a literal brace as \\{",
            )
            return None
        after = text[closing + 1 :]
        extra = [i for i in (after.find("{"), after.find("}")) if i >= 0]
        if extra:
            self.error(
                at(closing + 1 + min(extra)),
                "question has a second answer block: GIFT allows one {...} per question; "
                "separate questions with a blank line",
            )
            return None
        draft = QuestionText(
            id="",
            prompt=_unmark_lead(restore(text[pos:opening])),
            after=restore(after),
            line=start,
            source="\n".join(line for n, line in block if n >= start),
        )
        if not draft.prompt_markdown.replace("\\_", ""):
            self.error(start, "question has no text: write it before the answer block {...}")
            return None
        if not self.answers(draft, text[opening + 1 : closing], opening + 1, at):
            return None
        self.name(draft, title)
        return draft

    def name(self, draft: QuestionText, title: str | None) -> None:
        if title:
            draft.id = _title_id(title)
            return
        draft.id = derive_id(draft.prompt_markdown)
        self.error(
            draft.line,
            f'question has no ::title::; using "{draft.id}": write "::{draft.id}::" before it '
            "to keep answer history when the wording changes",
            Severity.WARNING,
        )

    def answers(self, draft: QuestionText, block: str, base: int, at: Callable[[int], int]) -> bool:
        """Fill the draft from its answer block; False (and errors) when it cannot be asked."""
        feedback_at = block.rfind("####")
        if feedback_at >= 0:
            draft.explanation = _unmark(restore(block[feedback_at + 4 :]))
            block = block[:feedback_at]
        body = block.strip()
        if not body:
            self.unsupported(draft.line, "essay")
        elif body.startswith("#"):
            self.unsupported(draft.line, "numeric")
        elif "~" in body:
            return self.choices(draft, self.items(block, base, at, choice_block=True))
        elif "=" in body and "->" in body:
            self.unsupported(draft.line, "matching")
        elif body.split("#", 1)[0].strip().upper() in TRUE_FALSE:
            self.true_false(draft, body)
            return True
        else:
            return self.short(draft, self.items(block, base, at))
        return False

    def items(
        self, block: str, base: int, at: Callable[[int], int], choice_block: bool = False
    ) -> list[_Item] | None:
        """The block's answers; in a choice block, as in Moodle, "=" takes no weight."""
        marks = [m.start() for m in re.finditer("[=~]", block)]
        lead = block[: marks[0]] if marks else block
        if lead.strip():
            offset = len(lead) - len(lead.lstrip())
            self.error(
                at(base + offset),
                f'answer "{_shown(lead)}" must start with = (a right answer) or ~ (a wrong one)',
            )
            return None
        items, ok = [], True
        for i, start in enumerate(marks):
            raw = block[start + 1 : marks[i + 1] if i + 1 < len(marks) else len(block)]
            line = at(base + start)
            weight = None
            if choice_block and block[start] == "=":
                if _WEIGHT.match(raw):
                    self.error(
                        line,
                        f'"={_shown(raw.split("#", 1)[0].strip())}": Moodle reads no weight '
                        'after "=" in a choice block, so this is a full-credit answer whose '
                        'text starts with "%"; write "~%n%..." for partial credit',
                        Severity.WARNING,
                    )
            elif match := _WEIGHT.match(raw):
                weight, raw = float(match[1]), raw[match.end() :]
                if not -100 <= weight <= 100:
                    self.error(line, f"weight {_format_weight(weight)}% is outside -100% to 100%")
                    ok = False
                    continue
            elif raw.lstrip().startswith("%"):
                self.error(
                    line, "weight must be a percentage between % signs, like ~%50% or ~%-25%"
                )
                ok = False
                continue
            answer, _, feedback = raw.partition("#")
            answer = answer.strip()
            if not answer:
                self.error(line, f'answer has no text: write it after "{block[start]}"')
                ok = False
                continue
            items.append(_Item(block[start], weight, answer, _unmark(restore(feedback)), line))
        return items if ok else None

    def choices(self, draft: QuestionText, items: list[_Item] | None) -> bool:
        """Moodle's multiple choice: with a "=" answer one pick, else multiple answers."""
        if items is None:
            return False
        single = any(item.mark == "=" for item in items)
        credits = [1.0 if item.mark == "=" else (item.weight or 0.0) / 100 for item in items]
        for item, credit in zip(items, credits, strict=True):
            right = credit >= 1 if single else credit > 0
            text = _unmark(restore(item.text))
            draft.choices.append(ChoiceText(text, right, item.feedback, credit))
        draft.multiple = not single
        if len(items) < 2:
            self.error(
                draft.line,
                "multiple-choice question needs at least two answers: add one with = (right) "
                "or ~ (wrong)",
            )
            return False
        if not any(c.correct for c in draft.choices):
            self.error(
                draft.line,
                "question has no right answer: mark the right choice with =, or give the right "
                "choices positive weights like ~%50%",
            )
            return False
        total = sum(c for c in credits if c > 0)
        if not single and round(total, 2) != 1:
            # Moodle refuses such a file too: full marks would be out of reach (or too easy).
            self.error(
                draft.line,
                f"the positive weights add up to {_format_weight(round(100 * total, 5))}%, "
                "not 100%: with no = answer, each pick adds its weight, so make the right "
                "choices' weights add up to 100",
            )
            return False
        if single and all(item.weight is None for item in items) and sum(credits) == 1:
            for choice in draft.choices:  # plain right/wrong: stored as quiz blocks store it
                choice.credit = None
        return True

    def true_false(self, draft: QuestionText, body: str) -> None:
        """{T} / {F}, optionally {T#feedback if wrong#feedback if right}, as Moodle reads them."""
        parts = [_unmark(restore(p)) for p in body.split("#", 2)] + ["", ""]
        value = TRUE_FALSE[parts[0].upper()]
        wrong, right = parts[1], parts[2]
        draft.choices = [
            ChoiceText("True", value, right if value else wrong),
            ChoiceText("False", not value, wrong if value else right),
        ]

    def short(self, draft: QuestionText, items: list[_Item] | None) -> bool:
        """Short answer: "=%n%x" earns n% for x; the first answer that matches counts."""
        if items is None:
            return False
        ok = True
        credits = []
        for item in items:
            if item.weight is not None and item.weight < 0:
                self.error(
                    item.line,
                    f'answer "{_shown(item.text)}" has weight {_format_weight(item.weight)}%: '
                    "a short answer earns 0% to 100%",
                )
                ok = False
                continue
            if item.feedback:
                self.error(
                    item.line,
                    "feedback on a short answer is not shown: RepReady ignores it; "
                    "move it to the general feedback (####)",
                    Severity.WARNING,
                )
            answer = self.short_answer(item)
            ok = ok and answer is not None
            if answer is not None:
                draft.answers.append(answer)
                credits.append(1.0 if item.weight is None else item.weight / 100)
        if ok and max(credits, default=0) < 1:
            self.error(
                draft.line,
                "question has no right answer: add an accepted answer like {=purchase} "
                "(one answer must earn 100%)",
            )
            return False
        if any(c != 1 for c in credits):
            draft.answer_credits = credits
        return ok

    def short_answer(self, item: _Item) -> str | None:
        """The answer as grading reads it: /regex/ kept, Moodle's * wildcards made a regex."""
        plain = restore(item.text)
        if is_regex_answer(plain):
            if problem := regex_error(plain):
                self.error(
                    item.line,
                    f"invalid regular expression {plain} (RE2 syntax): {problem}; fix it, or "
                    "drop the slashes to match the text exactly",
                )
                return None
            return plain
        parts = [restore(p.replace("\\*", "*")) for p in _WILDCARD.split(item.text)]
        if len(parts) == 1:
            return parts[0]
        return "/" + ".*".join(re.escape(p) for p in parts) + "/"


def parse_gift_texts(source: str, path: str, problems: list[Problem]) -> list[QuestionText]:
    """The questions of a GIFT file as text, in order; problems are appended."""
    parser = _Parser(path, problems)
    found = (parser.question(block) for block in _blocks(source))
    return [q for q in found if q is not None]


def parse_gift(
    source: str, path: str, problems: list[Problem], asset_base: str = "assets/"
) -> list[Question]:
    """The questions of a GIFT file, rendered like those of quiz blocks; problems appended.

    A question that cannot be rendered is an error at its own line. The render budget is
    shared, so once one runs out of time the rest would too: they are left unrendered.
    """
    questions = []
    for text in parse_gift_texts(source, path, problems):
        try:
            questions.append(text.render(asset_base))
        except RenderError as exc:
            problems.append(Problem(path, text.line, str(exc)))
            if exc.out_of_time:
                break
    return questions
