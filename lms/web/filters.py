"""Jinja filters for dates, course HTML placed below a page's headings, and quiz questions."""

from datetime import UTC, date, datetime

from flask import Flask

from lms.assessment.question_types import question_type
from lms.assessment.record import read as attempt_record
from lms.content.headings import demote_headings


def format_date(value: date | datetime | None) -> str:
    """27 Nov 2026."""
    return value.strftime("%-d %b %Y") if value else ""


def format_datetime(value: datetime | None) -> str:
    """27 Nov 2026, 14:05 UTC."""
    return value.strftime("%-d %b %Y, %H:%M UTC") if value else ""


def machine_datetime(value: datetime | None) -> str:
    """2026-11-27T14:05:09Z: a <time datetime> value, whole seconds, UTC (naive counts as UTC)."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def register(app: Flask) -> None:
    """Make the filters available to every template."""
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(machine_datetime, "machine_datetime")
    app.add_template_filter(demote_headings, "demote_headings")
    # A question's partials are named by its type, so templates never test the kind.
    app.add_template_global(question_type, "question_type")
    app.add_template_filter(attempt_record, "attempt_record")
