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
# A quiz fence anywhere but the left margin: in a list, a block quote, or indented.
_INNER_QUIZ_FENCE = re.compile(
    r"^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])+(?:`{3,}|~{3,})[ \t]*quiz[ \t]*$", re.IGNORECASE
)
# The URL of a link, an image, a reference definition or an HTML src/href attribute.
_LINK = re.compile(
    r"""(?:\]\(\s*<?|^ {0,3}\[[^\]]{1,999}\]:\s*<?|\b(?:src|href)\s*=\s*["']?)"""
    r"""(?:\./)?(?P<url>[^\s)"'<>]+)"""
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# CJK scripts have no spaces between words: count each character as a word.
_WORD = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
    r"|[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+"
)
_ALNUM = re.compile(r"[^\W_]")
WORDS_PER_MINUTE = 200

Line = tuple[int, str]  # (file line, text)


@dataclass
class Body:
    """A body split into the Markdown to render and the quiz blocks to parse."""

    markdown: str
    quiz_blocks: list[list[Line]] = field(default_factory=list)
    quiz_fences: list[int] = field(default_factory=list)  # file line of each block's fence
    text_lines: list[Line] = field(default_factory=list)  # outside code and quiz blocks


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
            if _INNER_QUIZ_FENCE.match(line):
                _indented_fence(path, first_line + index, problems)
            kept.append(line)
            result.text_lines.append((first_line + index, line))
            index += 1
            continue
        char, length = match["fence"][0], len(match["fence"])
        end = index + 1
        while end < len(lines) and not _closes(lines[end], char, length):
            end += 1
        if match["info"].strip().lower() != "quiz":
            kept.extend(lines[index : end + 1])
            index = end + 1
            continue
        if line[0] != match["fence"][0]:
            _indented_fence(path, first_line + index, problems)
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
        kept.append("")  # keeps the text around the block in separate paragraphs
        index = end + 1
    result.markdown = "\n".join(kept) + "\n"
    return result


def _indented_fence(path: str, line: int, problems: list[Problem]) -> None:
    problems.append(
        Problem(
            path,
            line,
            "quiz fence is indented (in a list, a block quote or by spaces): start it at "
            "the left margin, or reps would see the answers as code",
        )
    )


def _shown(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "..."


def check_asset_links(
    lines: list[Line], assets: set[str], folder: str, path: str, problems: list[Problem]
) -> None:
    """Report each relative link or image that leaves the course or assets/, or names no file.

    Links with a scheme (https:, mailto:), site paths (/...) and anchors (#...) are left to
    the sanitizer.
    """
    for line_no, line in lines:
        for match in _LINK.finditer(line):
            url = match["url"]
            if _SCHEME.match(url) or url.startswith(("/", "#", "?")):
                continue
            name = unquote(re.split(r"[#?]", url, maxsplit=1)[0])
            normalized = posixpath.normpath(name)
            escapes = normalized == ".." or normalized.startswith("../")
            if not normalized.startswith("assets/") and (escapes or name.startswith("assets/")):
                problems.append(
                    Problem(
                        path,
                        line_no,
                        f'link "{_shown(url)}" leaves assets/: link only to files inside '
                        "assets/, or use a full https:// address",
                    )
                )
            elif normalized.startswith("assets/") and normalized not in assets:
                problems.append(
                    Problem(
                        path,
                        line_no,
                        f'link to "{_shown(url)}" names no file: add '
                        f"{folder}/{_shown(normalized)} or fix the link",
                    )
                )


def estimated_minutes(markdown: str) -> int:
    """Reading time at 200 words a minute, rounded up, at least 1."""
    # Markup such as "##" or "-" is not a word a rep reads.
    words = sum(1 for token in _WORD.findall(markdown) if _ALNUM.search(token))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
