"""Jinja filters for dates and durations."""

from datetime import date, datetime

from flask import Flask


def format_date(value: date | datetime | None) -> str:
    """27 Nov 2026."""
    return value.strftime("%-d %b %Y") if value else ""


def format_datetime(value: datetime | None) -> str:
    """27 Nov 2026, 14:05 UTC."""
    return value.strftime("%-d %b %Y, %H:%M UTC") if value else ""


def register(app: Flask) -> None:
    """Make the filters available to every template."""
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
