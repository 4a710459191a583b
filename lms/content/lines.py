"""Lines as the course format counts them, and the checks every text file passes first."""

from __future__ import annotations

import re

from lms.content.limits import MAX_LINE_CHARS, MAX_NESTING
from lms.content.model import Problem

# Only LF, CRLF and CR end a line: form feed, U+0085, U+2028 and U+2029 do not
# (str.splitlines would break on them and every later line number would drift).
_BREAK = re.compile(r"\r\n|\r|\n")
# C0 and C1 control characters, DEL; tab, CR and LF are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
# One list marker or block quote marker at the start of what is left of a line.
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
MAX_REPORTED = 10
"""Per file and kind: a file of NULs gives ten errors and a count, not a million."""


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """The lines of a text, broken at LF, CRLF and CR only."""
    if not text:
        return []
    if "\r" not in text:
        # Only LF breaks this text: str.split does what the regex would, several times faster.
        lines = text.split("\n")
        if keepends:
            last = lines.pop()
            lines = [line + "\n" for line in lines]
            if last:
                lines.append(last)
            return lines
        if lines[-1] == "":
            lines.pop()
        return lines
    if keepends:
        parts = _BREAK.split(text)
        breaks = _BREAK.findall(text)
        lines = [part + end for part, end in zip(parts, breaks, strict=False)]
        if parts[-1]:
            lines.append(parts[-1])
        return lines
    lines = _BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def line_of(text: str, index: int) -> int:
    """The 1-based line of a character index, counting LF, CRLF and CR."""
    head = text[:index]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def _report(found: list[int], path: str, problems: list[Problem], message: str) -> None:
    for line in found[:MAX_REPORTED]:
        problems.append(Problem(path, line, message))
    if len(found) > MAX_REPORTED:
        more = len(found) - MAX_REPORTED
        problems.append(Problem(path, found[MAX_REPORTED], f"{more:,} more line(s): {message}"))


def check_text(text: str, path: str, problems: list[Problem], first_line: int = 1) -> bool:
    """Report control characters and overlong lines; True when the text has neither.

    Runs before any parser sees the text, so YAML and Markdown never meet what they
    would crash or stall on.
    """
    controls: list[int] = []
    long_lines: list[int] = []
    if _CONTROL.search(text) or len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(split_lines(text), start=first_line):
            if _CONTROL.search(line):
                controls.append(number)
            if len(line) > MAX_LINE_CHARS:
                long_lines.append(number)
    _report(
        controls,
        path,
        problems,
        "control character (such as NUL, BEL or form feed) in the text: delete it; "
        "only tab and line breaks are allowed",
    )
    _report(
        long_lines,
        path,
        problems,
        f"line is longer than {MAX_LINE_CHARS:,} characters: break it into shorter lines",
    )
    return not controls and not long_lines


def nesting(line: str) -> int:
    """How many lists and block quotes a line opens or sits in (an upper bound; max 17+)."""
    depth = 0
    position = 0
    # Past the limit the exact depth does not matter: stop counting.
    while depth <= MAX_NESTING and (match := _CONTAINER.match(line, position)):
        depth += 1
        position = match.end()
    if depth == 0:
        return 0
    indent = len(line) - len(line.lstrip(" \t"))
    return depth + line[:indent].expandtabs(4).count(" ") // 4


def check_nesting(lines: list[tuple[int, str]], path: str, problems: list[Problem]) -> bool:
    """Report lines nested deeper than the format allows; True when none is."""
    deep = [number for number, line in lines if nesting(line) > MAX_NESTING]
    _report(
        deep,
        path,
        problems,
        f"lists and block quotes nest more than {MAX_NESTING} deep here: flatten them",
    )
    return not deep
