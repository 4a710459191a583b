"""Heading details: permalinks out of the accessibility tree, and demoted headings."""

from __future__ import annotations

import re

from lms.content.html_rewrite import Rewriter

PERMALINK_CLASS = "headerlink"
_HEADING = re.compile(r"^h([1-6])$")


class _Permalinks(Rewriter):
    """Hide the "¶" links: the heading keeps its id, and the table of contents links to it."""

    def start(self, tag, attrs, text):
        if tag == "a" and PERMALINK_CLASS in (attrs.get("class") or "").split():
            # Hidden and out of the Tab order together (axe: aria-hidden-focus); a screen reader
            # would otherwise read "pilcrow" inside every heading's name.
            return text[:2] + ' aria-hidden="true" tabindex="-1"' + text[2:]
        return text


class _Demote(Rewriter):
    def __init__(self, by: int) -> None:
        super().__init__()
        self.by = by

    def _shift(self, tag: str) -> str | None:
        match = _HEADING.match(tag)
        return f"h{min(6, int(match.group(1)) + self.by)}" if match else None

    def start(self, tag, attrs, text):
        shifted = self._shift(tag)
        return f"<{shifted}{text[3:]}" if shifted else text

    def end(self, tag):
        return super().end(self._shift(tag) or tag)


def hide_permalinks(html: str) -> str:
    """Mark each heading permalink aria-hidden and unfocusable."""
    if PERMALINK_CLASS not in html:
        return html
    return _Permalinks().rewrite(html)


def demote_headings(html: str, by: int) -> str:
    """Every heading `by` levels lower (h6 at most), to fit below a page's own headings."""
    if not by or "<h" not in html:
        return html
    return _Demote(by).rewrite(html)
