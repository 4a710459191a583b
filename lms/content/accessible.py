"""Rendered course HTML made fit for assistive technology, in one scan of the sanitized HTML."""

from __future__ import annotations

from lms.content.headings import PERMALINK_CLASS, hidden_permalink, hide_permalinks
from lms.content.tables import RowHeaders, add_row_headers, may_get_row_headers


class _RowHeadersAndPermalinks(RowHeaders):
    def start(self, tag, match):
        text = super().start(tag, match)
        return hidden_permalink(match) if tag == "a" else text


def accessible_html(html: str) -> str:
    """Row headers where a table's corner is empty, and permalinks hidden: both in one scan.

    The same HTML as hide_permalinks(add_row_headers(html)), which would scan it twice.
    """
    if not may_get_row_headers(html):
        return hide_permalinks(html)
    if PERMALINK_CLASS not in html:
        return add_row_headers(html)
    return _RowHeadersAndPermalinks().rewrite(html)
