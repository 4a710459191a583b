"""A rep who passed the basics quiz: its three questions are in their deck."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import finish_basics

START = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def day(n: int) -> datetime:
    """9:00 UTC on day n after the rep passed the quiz."""
    return START + timedelta(days=n)


@pytest.fixture
def drilled(app, freeze_clock, rep, client):
    """The rep finished basics on day 0; returns a function that moves the clock to day n."""
    freeze_clock(day(0))
    finish_basics(client)

    def on(n: int) -> None:
        freeze_clock(day(n))

    return on
