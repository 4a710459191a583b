"""Module bodies: take out the ```quiz blocks, find links to assets/, count words."""

from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from lms.content.lines import split_lines
from lms.content.model import Problem

_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_ASSET_LINK = re.compile(
    r"""(?:\]\(\s*<?|^ {0,3}\[[^\]]+\]:\s*<?|\b(?:src|href)\s*=\s*["']?)"""
    r"""(?:\./)?(?P<url>assets/[^\s)"'<>]*)"""
)
# CJK scripts have no spaces between words: count each character as a word.
_WORD = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
    r"|[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+"
)
WORDS_PER_MINUTE = 200

Line = tuple[int, str]  # (file line, text)


@dataclass
class Body:
    """A body split into the Markdown to render and the quiz blocks to parse."""

    markdown: str
    quiz_blocks: list[list[Line]] = field(default_factory=list)
    quiz_fences: list[int] = field(default_factory=list)  # file line of each block's fence
    text_lines: list[Line] = field(default_factory=list)  # outside code; quiz lines included


def _closes(line: str, char: str, length: int) -> bool:
    stripped = line.strip()
    return (
        len(line) - len(line.lstrip(" ")) <= 3
        and len(stripped) >= length
        and stripped == char * len(stripped)
    )


def split_body(body: str, first_line: int, path: str, problems: list[Problem]) -> Body:
    """Remove ```quiz blocks (outer fences tracked, so examples stay code) from a body."""
    result = Body(markdown="")
    kept: list[str] = []
    lines = split_lines(body)
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _FENCE_OPEN.match(line)
        # A backtick fence's info string has no backticks, or it is inline code instead.
        if not match or (match["fence"][0] == "`" and "`" in match["info"]):
            kept.append(line)
            result.text_lines.append((first_line + index, line))
            index += 1
            continue
        char, length = match["fence"][0], len(match["fence"])
        end = index + 1
        while end < len(lines) and not _closes(lines[end], char, length):
            end += 1
        if match["info"].strip() != "quiz":
            kept.extend(lines[index : end + 1])
            index = end + 1
            continue
        if end >= len(lines):
            problems.append(
                Problem(
                    path,
                    first_line + index,
                    f'quiz block is not closed: add a line "{match["fence"]}" '
                    "after its last question",
                )
            )
            break
        block = [(first_line + i, lines[i]) for i in range(index + 1, end)]
        result.quiz_blocks.append(block)
        result.quiz_fences.append(first_line + index)
        result.text_lines.extend(block)
        kept.append("")  # keeps the text around the block in separate paragraphs
        index = end + 1
    result.markdown = "\n".join(kept) + "\n"
    return result


def check_asset_links(
    lines: list[Line], assets: set[str], folder: str, path: str, problems: list[Problem]
) -> None:
    """Report each relative assets/... link or image that names no file of the course."""
    for line_no, line in lines:
        for match in _ASSET_LINK.finditer(line):
            url = match["url"]
            name = unquote(re.split(r"[#?]", url, maxsplit=1)[0])
            normalized = posixpath.normpath(name)
            if not normalized.startswith("assets/"):
                problems.append(
                    Problem(
                        path,
                        line_no,
                        f'link "{url}" leaves assets/: link only to files inside assets/',
                    )
                )
            elif normalized not in assets:
                problems.append(
                    Problem(
                        path,
                        line_no,
                        f'link to "{url}" names no file: add {folder}/{normalized} or fix the link',
                    )
                )


def estimated_minutes(markdown: str) -> int:
    """Reading time at 200 words a minute, rounded up, at least 1."""
    # Markup such as "##" or "-" is not a word a rep reads.
    words = sum(1 for token in _WORD.findall(markdown) if any(c.isalnum() for c in token))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
