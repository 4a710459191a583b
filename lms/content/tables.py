"""Row headers for course tables whose first column labels the rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lms.content.html_rewrite import Rewriter

# What leaves a corner empty: white space, no-break spaces, and (as html.parser passed them
# by) character references.
_BLANK_TEXT = r"(?:\s|&nbsp;|&#(?:[0-9]+|[xX][0-9a-fA-F]+);)*"
_BLANK = re.compile(_BLANK_TEXT)
# A header cell with nothing in it: without one, no table gets row headers. Most tables have
# none, and this search is far cheaper than walking their tags.
_EMPTY_HEADER_CELL = re.compile(
    r"""<th(?=[\s/>])(?:"[^"]*"|'[^']*'|[^"'>])*>""" + _BLANK_TEXT + "</th>", re.IGNORECASE
)


@dataclass
class _Table:
    section: str = "tbody"  # rows outside thead/tbody/tfoot count as body rows
    rows_seen: int = 0
    cell: int = 0
    in_corner: bool = False
    corner_empty: bool = True
    row_headers: bool = False
    converting: bool = False


class RowHeaders(Rewriter):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[_Table] = []

    def start(self, tag, match):
        table = self.tables[-1] if self.tables else None
        if table and table.in_corner:
            table.corner_empty = False
        if tag == "table":
            self.tables.append(_Table())
        elif table is None:
            return match.group()
        elif tag in ("thead", "tbody", "tfoot"):
            table.section = tag
        elif tag == "tr":
            table.cell = 0
            table.rows_seen += 1
        elif tag in ("th", "td"):
            table.cell += 1
            if table.cell == 1 and table.rows_seen == 1 and table.section == "thead":
                table.in_corner = tag == "th"
            elif table.cell == 1 and table.section == "tbody" and table.row_headers and tag == "td":
                table.converting = True
                return '<th scope="row"' + match.group()[3:]
        return match.group()

    def end(self, tag):
        table = self.tables[-1] if self.tables else None
        if table is None:
            return super().end(tag)
        if tag == "table":
            self.tables.pop()
        elif tag == "th" and table.in_corner:
            table.in_corner = False
            table.row_headers = table.corner_empty
        elif tag == "td" and table.converting:
            table.converting = False
            return "</th>"
        return super().end(tag)

    def data(self, text):
        if self.tables and self.tables[-1].in_corner and not _BLANK.fullmatch(text):
            self.tables[-1].corner_empty = False


def add_row_headers(html: str) -> str:
    """Make each body row's first cell a `<th scope="row">` where the top-left header is empty.

    An empty corner over a column says that column names the rows (a comparison or pricing
    table); without row headers a screen reader announces bare values (axe: td-has-header).
    """
    if not may_get_row_headers(html):
        return html
    return RowHeaders().rewrite(html)


def may_get_row_headers(html: str) -> bool:
    """False when no table of this (sanitized) HTML has an empty corner."""
    return "<table" in html and _EMPTY_HEADER_CELL.search(html) is not None
