"""Bulk import of people from an HR export (CSV): check every line, then create all or none."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms.models import LearningPath, Role, Team, User
from lms.users import EMAIL_PATTERN, UserError, create_user, unusable_password_hash

COLUMNS = ("email", "name", "role", "team", "manager", "start_date", "path")
MANAGING_ROLES = (Role.MANAGER, Role.ADMIN)
ROLE_NAMES = ", ".join(r.value for r in Role)


class ImportRefused(Exception):
    """The file has errors; nothing was stored. `errors` lists them all as `line N: ...`."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class Row:
    """One person from the file, as written."""

    line: int
    email: str
    name: str
    role: str
    team: str
    manager: str
    start_date: str
    path: str

    def parsed_role(self) -> Role | None:
        return Role(self.role) if self.role in {r.value for r in Role} else None

    def parsed_date(self) -> date | None:
        try:
            return date.fromisoformat(self.start_date) if self.start_date else None
        except ValueError:
            return None


def read_rows(text: str) -> tuple[list[Row], list[str]]:
    """The file's rows with their line numbers, and the lines that could not be read.

    The header names the columns, in any order; without it nothing can be read.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    twice = len(set(header)) != len(header)
    if missing or unknown or twice:
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"unknown {', '.join(unknown)}"] if unknown else []
        problems += ["a column named twice"] if twice else []
        columns = ",".join(COLUMNS)
        raise ImportRefused(
            [f"line 1: the header must name the columns {columns} ({'; '.join(problems)})"]
        )
    rows, errors, line = [], [], reader.line_num
    for cells in reader:
        # A quoted field may span lines: a row starts just after the previous one ended.
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, often at the end of an export
        if len(cells) != len(header):
            errors.append(f"line {start}: expected {len(header)} fields, found {len(cells)}")
            continue
        values = {column: cell.strip() for column, cell in zip(header, cells, strict=True)}
        values["email"] = values["email"].lower()
        values["manager"] = values["manager"].lower()
        rows.append(Row(line=start, **values))
    return rows, errors


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


def check_rows(session: Session, rows: list[Row]) -> list[str]:
    """Every error in the file, offline and against the database, in line order."""
    errors = check_rows_offline(rows)
    emails = [r.email for r in rows]
    taken = set(session.scalars(select(User.email).where(User.email.in_(emails))))
    teams = set(session.scalars(select(Team.name)))
    paths = set(session.scalars(select(LearningPath.slug).where(LearningPath.retired_at.is_(None))))
    wanted = {r.manager for r in rows if r.manager}
    managers = set(
        session.scalars(
            select(func.lower(User.email)).where(
                User.email.in_(wanted), User.role.in_(MANAGING_ROLES), User.active.is_(True)
            )
        )
    )
    managers |= {r.email for r in rows if r.parsed_role() in MANAGING_ROLES}
    # A new team is created by the file only if the file also gives it a manager.
    teams |= {r.team for r in rows if r.team and r.parsed_role() is Role.MANAGER}
    for row in rows:
        at = f"line {row.line}:"
        if row.email in taken:
            errors.append(f"{at} a user with email {row.email} already exists")
        if row.team and row.team not in teams:
            errors.append(
                f"{at} no team {row.team!r}; create it under Admin > Teams, "
                "or add a line for its manager (role manager, same team)"
            )
        if row.manager and row.manager not in managers:
            errors.append(f"{at} no active manager or admin with email {row.manager}")
        if row.path and row.path not in paths:
            errors.append(f"{at} no onboarding path {row.path!r}; import the courses first")
    return errors


def _line_number(error: str) -> int:
    return int(error.split(":", 1)[0].removeprefix("line "))


def import_users(session: Session, text: str, today: date) -> list[User]:
    """Create everyone in the file, or no one; call inside one write transaction.

    People get no usable password: an admin sets one for each (Admin > Users).
    """
    rows, errors = read_rows(text)
    errors = sorted(errors + check_rows(session, rows), key=_line_number)
    if errors:
        raise ImportRefused(errors)
    password_hash = unusable_password_hash()
    created: list[User] = []
    pending = rows
    while pending:
        # A line whose manager is also in the file waits until that manager exists.
        waiting = {r.email for r in pending}
        ready = [r for r in pending if r.manager not in waiting]
        if not ready:
            raise ImportRefused(
                [
                    f"line {r.line}: manager {r.manager} cannot come first: "
                    "managers in this file name each other in a loop"
                    for r in pending
                ]
            )
        for row in ready:
            try:
                created.append(_create(session, row, today, password_hash))
            except UserError as error:
                raise ImportRefused([f"line {row.line}: {error}"]) from error
        pending = [r for r in pending if r.manager in waiting]
    return created


def _create(session: Session, row: Row, today: date, password_hash: str) -> User:
    """One person, through the same rules as every other account."""
    return create_user(
        session,
        email=row.email,
        name=row.name,
        role=Role(row.role),
        password_hash=password_hash,
        team_name=row.team or None,
        manager_email=row.manager or None,
        start_date=row.parsed_date() or today,
        path_slug=row.path or None,
    )
