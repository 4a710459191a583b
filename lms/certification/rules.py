"""The date rules of certifications, free of the database: expiry, the renewal window."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

# Renewal opens this long before expiry (or halfway through a short validity).
RECERTIFY_WINDOW_DAYS = 60
# Reminders go out this many days before a certificate expires.
REMINDER_DAYS = (30, 7)

VALID, EXPIRED, REVOKED = "valid", "expired", "revoked"


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later; the month's last day when it is shorter."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def window_opens(granted_at: datetime, expires_at: datetime) -> datetime:
    """When renewal opens: 60 days before expiry, never before half the validity is used."""
    halfway = granted_at + (expires_at - granted_at) / 2
    return max(expires_at - timedelta(days=RECERTIFY_WINDOW_DAYS), halfway)


def renewed_expiry(old_expires_at: datetime, now: datetime, valid_months: int) -> datetime:
    """A renewal before expiry keeps the time left; after expiry it counts from now."""
    return add_months(max(old_expires_at, now), valid_months)
