"""Rewrite sanitized HTML tag by tag, copying everything it does not change byte for byte."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

# One tag as the sanitizer writes it. Its text is escaped ("<" is "&lt;"), so every "<" that
# starts a name opens a tag; attribute values are quoted, so a ">" inside one is no end.
# A regex scan costs a tenth of html.parser, which ran once per rewrite over every module.
_TAG = re.compile(r"""<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:"[^"]*"|'[^']*'|[^"'>])*)>""")
# Names and values as html.parser reads them (its attrfind_tolerant).
_ATTRIBUTE = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*"""
)
_AFTER_NAME = re.compile(r"(?:\s|/(?!>))*")


def attributes(tag: re.Match) -> dict[str, str | None]:
    """The attributes of a start tag matched by the rewriter, read as html.parser reads them."""
    text, end = tag.string, tag.end() - 1
    found: dict[str, str | None] = {}
    position = _AFTER_NAME.match(text, tag.end(2)).end()
    while position < end and (match := _ATTRIBUTE.match(text, position)):
        name, rest, value = match.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        found[name.lower()] = unescape(value) if value else value
        position = match.end()
    return found


def rewrite_start_tags(text: str, name: str, change: Callable[[re.Match], str]) -> str:
    """The text with every start tag of that name replaced by what change makes of it."""
    out: list[str] = []
    done = 0
    for match in _TAG.finditer(text):
        if match.group(1) or match.group(2).lower() != name:
            continue
        out.append(text[done : match.start()])
        out.append(change(match))
        done = match.end()
    out.append(text[done:])
    return "".join(out)


class Rewriter:
    """Echoes its input; subclasses override `start`, `end` and `data` to change a tag's text.

    Made for HTML as the sanitizer writes it: comments, CDATA and unescaped "<" in text are
    not expected (they pass through as text).
    """

    def rewrite(self, text: str) -> str:
        """The input with the subclass's changes."""
        out: list[str] = []
        done = 0
        for match in _TAG.finditer(text):
            begin = match.start()
            if begin > done:
                out.append(text[done:begin])
                self.data(text[done:begin])
            closing, tag = match.group(1, 2)
            tag = tag.lower()
            out.append(self.end(tag) if closing else self.start(tag, match))
            done = match.end()
        if done < len(text):
            out.append(text[done:])
            self.data(text[done:])
        return "".join(out)

    def start(self, tag: str, match: re.Match) -> str:
        """The start tag to write; `match.group()` is the tag as written."""
        return match.group()

    def end(self, tag: str) -> str:
        """The end tag to write."""
        return f"</{tag}>"

    def data(self, text: str) -> None:
        """Text between tags, entities as written; it is copied whatever this does."""
