"""The app's one clock: now in UTC, today in the user's time zone, due dates in words.

Every other module asks this one for the time, so a test freezes the whole app by replacing
`wall_clock` (see `freeze_clock` in tests/conftest.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app, has_request_context
from flask_login import current_user


def zone(name: str | None) -> ZoneInfo:
    """The named IANA time zone; UTC when the name is empty or unknown."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def wall_clock() -> datetime:
    """The machine's clock in UTC; the only function tests replace to freeze time."""
    return datetime.now(UTC)


def now() -> datetime:
    """The current instant, timezone-aware UTC: the source of every stored timestamp."""
    return wall_clock()


def zone_name_of(user=None) -> str | None:
    """The user's own time zone if they chose one, else the organisation's (TIME_ZONE)."""
    own = getattr(user, "time_zone", None)
    return own or current_app.config.get("TIME_ZONE")


def today(user=None) -> date:
    """Today in the user's time zone: the given user, else the one signed in, else the org's."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    return today_in(zone_name_of(user))


def today_in(name: str | None) -> date:
    """Today in the named time zone (UTC when the name is empty or unknown)."""
    return now().astimezone(zone(name)).date()


def date_in(moment: datetime, name: str | None) -> date:
    """The calendar date an instant falls on in the named time zone (an expiry, a due time)."""
    return moment.astimezone(zone(name)).date()


def at_hour(day: date, hour: int, name: str | None) -> datetime:
    """The instant (UTC) a day reaches the given hour in the named time zone."""
    return datetime.combine(day, time(hour), tzinfo=zone(name)).astimezone(UTC)


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def relative_due(due: date, today: date) -> str:
    """'due today', 'due tomorrow', 'due in 3 days', '1 day overdue', '3 days overdue'."""
    days = (due - today).days
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days > 1:
        return f"due in {days} days"
    return f"{_days(-days)} overdue"


def relative_start(start: date, today: date) -> str:
    """'starts tomorrow', 'starts in 3 days', 'started today', 'started 4 days ago'."""
    days = (start - today).days
    if days == 1:
        return "starts tomorrow"
    if days > 1:
        return f"starts in {days} days"
    if days == 0:
        return "started today"
    return f"started {_days(-days)} ago"
