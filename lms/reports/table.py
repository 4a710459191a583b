"""Sorting and filtering the dashboard's rows from query parameters (works without JavaScript)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

from lms.progress.readiness import URGENCY, Status
from lms.reports.queries import RepRow

_NEVER = datetime.min.replace(tzinfo=UTC)

# Each column's key; None sorts last whichever the direction, hence the (missing, value) pairs.
SORTS: dict[str, Callable[[RepRow], tuple]] = {
    "name": lambda r: (0, r.rep.name.casefold()),
    "status": lambda r: (0, URGENCY.index(r.readiness.status)),
    "progress": lambda r: (0, r.readiness.percent),
    "score": lambda r: (r.readiness.average_score is None, r.readiness.average_score or 0),
    "overdue": lambda r: (0, r.readiness.overdue),
    # "Never" is the oldest activity of all, not a missing value.
    "activity": lambda r: (0, r.readiness.last_activity or _NEVER),
    "start": lambda r: (r.readiness.days_since_start is None, r.readiness.days_since_start or 0),
}
DEFAULT_SORT = "status"


def parse_sort(sort: str | None, direction: str | None) -> tuple[str, bool]:
    """A known column and whether to sort descending; unknown values fall back to the default."""
    return (sort if sort in SORTS else DEFAULT_SORT), direction == "desc"


def sort_rows(rows: list[RepRow], sort: str, descending: bool) -> list[RepRow]:
    """Rows in the requested order; names break ties so the order is stable between visits."""
    by_name = sorted(rows, key=SORTS["name"])
    if not descending:
        return sorted(by_name, key=SORTS[sort])
    present = [r for r in by_name if not SORTS[sort](r)[0]]
    missing = [r for r in by_name if SORTS[sort](r)[0]]
    return sorted(present, key=lambda r: SORTS[sort](r)[1], reverse=True) + missing


def parse_status(value: str | None) -> Status | None:
    """The status filter, or None for every status."""
    try:
        return Status(value) if value else None
    except ValueError:
        return None


def status_counts(rows: list[RepRow]) -> list[tuple[Status, int]]:
    """How many reps have each status, most urgent first, zeros included."""
    counts = Counter(r.readiness.status for r in rows)
    return [(status, counts[status]) for status in URGENCY]
