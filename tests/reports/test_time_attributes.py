"""`<time datetime>` values are valid HTML: whole seconds in UTC, never microseconds."""

import re
from datetime import UTC, datetime, timedelta, timezone

from lms.web.filters import machine_datetime
from tests.reports.conftest import rep_page, submit

VALID = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def test_the_rep_timeline_writes_no_fraction_digits(client, auth, atlas):
    submit(client.application, atlas["overdue"], {"funnel": "purchase"})
    auth.login("maya@example.com")
    values = re.findall(r'<time datetime="([^"]*)"', rep_page(client, atlas))
    assert values
    assert all(VALID.match(value) for value in values), values


def test_machine_datetime_drops_microseconds_and_converts_to_utc():
    assert machine_datetime(datetime(2026, 11, 27, 14, 5, 9, 123456)) == "2026-11-27T14:05:09Z"
    plus_two = timezone(timedelta(hours=2))
    aware = datetime(2026, 11, 27, 16, 5, 9, 999999, tzinfo=plus_two)
    assert machine_datetime(aware) == "2026-11-27T14:05:09Z"
    assert machine_datetime(datetime(2026, 1, 2, tzinfo=UTC)) == "2026-01-02T00:00:00Z"
    assert machine_datetime(None) == ""
