"""The dashboard as CSV: the table's columns, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from lms.reports.queries import RepRow

HEADER = [
    "rep",
    "email",
    "paths",
    "status",
    "reason",
    "progress_percent",
    "modules_done",
    "modules_total",
    "courses_done",
    "courses_total",
    "average_best_score",
    "first_attempt_average",
    "attempts",
    "days_since_start",
    "overdue_courses",
    "last_activity_utc",
    "manager_judgement",
    "judged_on",
    "disagrees",
]
# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The value as text; a leading formula character is neutralised with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def row_values(row: RepRow) -> list[object]:
    """One rep's values, in HEADER order."""
    r = row.readiness
    judgement = row.judgement
    return [
        row.rep.name,
        row.rep.email,
        "; ".join(p.facts.path_title for p in r.paths),
        r.status.value,
        r.reason,
        r.percent,
        r.done,
        r.total,
        r.courses_done,
        len(r.courses),
        r.average_score,
        row.first_attempt_average,
        r.attempts,
        r.days_since_start,
        r.overdue,
        r.last_activity.strftime("%Y-%m-%d %H:%M") if r.last_activity else "",
        judgement.verdict.value if judgement else "",
        judgement.created_at.date().isoformat() if judgement else "",
        "yes" if row.disagrees else "no",
    ]


def to_csv(rows: Iterable[RepRow]) -> str:
    """The whole export as one string (a team is at most a few hundred rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row_values(row)])
    return buffer.getvalue()
