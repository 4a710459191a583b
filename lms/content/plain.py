"""Sanitized HTML as plain text, whole or by heading section, for search and copying."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

from lms.content.headings import PERMALINK_CLASS

_PERMALINK = re.compile(
    r'<a\b[^>]*class="[^"]*' + PERMALINK_CLASS + r'[^"]*"[^>]*>.*?</a>', re.DOTALL
)
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|tr|pre|blockquote|div|dt|dd|table)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t]+")
_BLANKS = re.compile(r"\n\s*\n+")
_HEADING = re.compile(r'<h[1-6]\b[^>]*\bid="(?P<id>[^"]*)"[^>]*>(?P<text>.*?)</h[1-6]>', re.S)


def plain_text(html: str) -> str:
    """The text a reader sees, one block a line; entities decoded, permalinks left out."""
    text = _PERMALINK.sub("", html)
    text = _BLOCK_END.sub("\n", text)
    text = unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class Section:
    anchor: str  # the heading's id ("" before the first heading)
    heading: str
    text: str


def sections(html: str) -> list[Section]:
    """The HTML cut at each heading that has an id; text before the first has no anchor."""
    found: list[Section] = []
    anchor, heading, start = "", "", 0
    for match in _HEADING.finditer(html):
        text = plain_text(html[start : match.start()])
        if text or heading:
            found.append(Section(anchor, heading, text))
        anchor, heading = unescape(match["id"]), plain_text(match["text"])
        start = match.end()
    text = plain_text(html[start:])
    if text or heading:
        found.append(Section(anchor, heading, text))
    return found


def fold(text: str) -> str:
    """Lowercase without accents, one character for each character, so offsets still match.

    résumé -> resume; a character whose folded form is longer keeps its first character.
    """
    if text.isascii():
        return text.lower()
    return "".join(c.lower() if c.isascii() else _fold_char(c) for c in text)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base.lower()[:1] if base else char
