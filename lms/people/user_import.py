"""Reading an HR export (CSV): bytes to rows, every problem as `line N: message`.

What the rows change is decided in lms/people/import_plan.py; this part needs no database.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from lms.models import Role
from lms.people.users import EMAIL_PATTERN
from lms.refusals import Refusal

COLUMNS = ("email", "name", "role", "team", "manager", "start_date", "path")
REQUIRED = ("email", "name", "role")
ROLE_NAMES = ", ".join(r.value for r in Role)
DELIMITERS = ",;\t"
SNIFF_LINES = 20
UTF8_ADVICE = 'save it as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8) and import it again'


class ImportRefused(Refusal):
    """The file has errors; nothing was stored. `errors` lists them all as `line N: ...`."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"The file has {len(errors)} error(s); nothing was imported.")
        self.errors = errors


@dataclass
class Row:
    """One person from the file, as written; None for a column the file does not have."""

    line: int
    email: str
    name: str
    role: str
    team: str | None = None
    manager: str | None = None
    start_date: str | None = None
    path: str | None = None

    def parsed_role(self) -> Role | None:
        """The role, whatever its case ("Rep", "MANAGER")."""
        return Role(self.role.lower()) if self.role.lower() in {r.value for r in Role} else None

    def parsed_date(self) -> date | None:
        try:
            return date.fromisoformat(self.start_date) if self.start_date else None
        except ValueError:
            return None


def decode(data: bytes) -> str:
    """The file as text: UTF-8, with or without a BOM; bad bytes refused with their line.

    UTF-8 never uses the newline byte inside a character, so each line decodes on its own.
    """
    errors = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            byte = raw[error.start]
            errors.append(
                f"line {number}: byte 0x{byte:02x} at position {error.start + 1} is not UTF-8; "
                + UTF8_ADVICE
            )
        if b"\x00" in raw:
            errors.append(f"line {number}: contains a NUL byte; export the file again as CSV")
    if errors:
        raise ImportRefused(errors)
    return data.decode("utf-8-sig")


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: csv.Sniffer's guess if it splits the header into columns.

    Otherwise the one the header line holds most of (a sniffer guesses wrong on short files).
    """
    sample = "\n".join(text.splitlines()[:SNIFF_LINES])
    header = sample.split("\n", 1)[0]
    try:
        guess = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        guess = None
    if guess and "email" in (cell.strip().lower() for cell in header.split(guess)):
        return guess
    return max(DELIMITERS, key=header.count) if any(d in header for d in DELIMITERS) else ","


def read_rows(text: str) -> tuple[list[Row], list[str], list[str]]:
    """The rows with their line numbers, the lines that could not be read, and notices.

    The header names the columns, in any order and any case; email, name and role are
    needed, other columns of ours may be left out, and columns we do not know are ignored.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=detect_delimiter(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    twice = sorted({c for c in header if c in COLUMNS and header.count(c) > 1})
    if missing or twice:
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"{', '.join(twice)} named twice"] if twice else []
        raise ImportRefused(
            [
                f"line 1: the header must name the columns {','.join(REQUIRED)} and may name "
                f"{','.join(COLUMNS[3:])} ({'; '.join(problems)})"
            ]
        )
    notices = []
    extra = [c or "(unnamed)" for c in header if c not in COLUMNS]
    if extra:
        notices.append(f"line 1: ignored the column(s) {', '.join(extra)}")
    rows, errors, line = [], [], reader.line_num
    for cells in reader:
        # A quoted field may span lines: a row starts just after the previous one ended.
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, often at the end of an export
        if len(cells) != len(header):
            errors.append(f"line {start}: expected {len(header)} fields, found {len(cells)}")
            continue
        values = {
            column: cell.strip()
            for column, cell in zip(header, cells, strict=True)
            if column in COLUMNS
        }
        values["email"] = values["email"].lower()
        if values.get("manager") is not None:
            values["manager"] = values["manager"].lower()
        rows.append(Row(line=start, **values))
    return rows, errors, notices


def check_rows_offline(rows: list[Row]) -> list[str]:
    """What can be wrong with a line whatever the database holds."""
    errors = []
    first_line: dict[str, int] = {}
    for row in rows:
        at = f"line {row.line}:"
        if not row.email:
            errors.append(f"{at} email is empty")
        elif not EMAIL_PATTERN.fullmatch(row.email):
            errors.append(f"{at} {row.email!r} is not an email address")
        elif row.email in first_line:
            errors.append(f"{at} email {row.email} is also on line {first_line[row.email]}")
        else:
            first_line[row.email] = row.line
        if not row.name:
            errors.append(f"{at} name is empty")
        if row.parsed_role() is None:
            errors.append(f"{at} role {row.role!r} is not one of {ROLE_NAMES}")
        if row.start_date and row.parsed_date() is None:
            errors.append(f"{at} start_date {row.start_date!r} is not a date; write YYYY-MM-DD")
    return errors


def line_number(message: str) -> int:
    """The N of `line N: ...`, to sort messages in file order."""
    return int(message.split(":", 1)[0].removeprefix("line "))
