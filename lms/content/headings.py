"""Heading details: permalinks out of the accessibility tree, and demoted headings."""

from __future__ import annotations

import re

from lms.content.html_rewrite import Rewriter, attributes, rewrite_start_tags

PERMALINK_CLASS = "headerlink"
_HEADING = re.compile(r"^h([1-6])$")


def hidden_permalink(link: re.Match) -> str:
    """An <a> start tag as written, or, for a "¶" link, marked aria-hidden and unfocusable."""
    text = link.group()
    # Only a tag naming the class (or hiding it behind a reference) needs its attributes read.
    if PERMALINK_CLASS not in text and "&" not in text:
        return text
    if PERMALINK_CLASS in (attributes(link).get("class") or "").split():
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

    def start(self, tag, match):
        shifted = self._shift(tag)
        return f"<{shifted}{match.group()[3:]}" if shifted else match.group()

    def end(self, tag):
        return super().end(self._shift(tag) or tag)


def hide_permalinks(html: str) -> str:
    """Mark each heading permalink aria-hidden and unfocusable."""
    if PERMALINK_CLASS not in html:
        return html
    return rewrite_start_tags(html, "a", hidden_permalink)


def demote_headings(html: str, by: int) -> str:
    """Every heading `by` levels lower (h6 at most), to fit below a page's own headings."""
    if not by or "<h" not in html:
        return html
    return _Demote(by).rewrite(html)
