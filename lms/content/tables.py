"""Row headers for course tables whose first column labels the rows."""

from __future__ import annotations

from dataclasses import dataclass

from lms.content.html_rewrite import Rewriter


@dataclass
class _Table:
    section: str = "tbody"  # rows outside thead/tbody/tfoot count as body rows
    rows_seen: int = 0
    cell: int = 0
    in_corner: bool = False
    corner_empty: bool = True
    row_headers: bool = False
    converting: bool = False


class _RowHeaders(Rewriter):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[_Table] = []

    def start(self, tag, attrs, text):
        table = self.tables[-1] if self.tables else None
        if table and table.in_corner:
            table.corner_empty = False
        if tag == "table":
            self.tables.append(_Table())
        elif table is None:
            return text
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
                return '<th scope="row"' + text[3:]
        return text

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

    def handle_data(self, data):
        if self.tables and self.tables[-1].in_corner and data.strip():
            self.tables[-1].corner_empty = False
        super().handle_data(data)

    def handle_entityref(self, name):
        if self.tables and self.tables[-1].in_corner and name != "nbsp":
            self.tables[-1].corner_empty = False
        super().handle_entityref(name)


def add_row_headers(html: str) -> str:
    """Make each body row's first cell a `<th scope="row">` where the top-left header is empty.

    An empty corner over a column says that column names the rows (a comparison or pricing
    table); without row headers a screen reader announces bare values (axe: td-has-header).
    """
    if "<table" not in html:
        return html
    return _RowHeaders().rewrite(html)
