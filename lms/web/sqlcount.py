"""Bench mode only: count each request's SQL statements and report them in X-SQL-Count."""

from __future__ import annotations

from flask import Flask, g, has_request_context
from sqlalchemy import event

HEADER = "X-SQL-Count"


def register(app: Flask) -> None:
    """Add the X-SQL-Count header when BENCH_COUNT_SQL is on (LMS_BENCH_COUNT_SQL=true)."""
    if not app.config.get("BENCH_COUNT_SQL"):
        return
    from lms.db import db

    @event.listens_for(db.bound(app).engine, "before_cursor_execute")
    def _count(*_args):
        # Statements outside a request (startup, CLI) are nobody's page.
        if has_request_context():
            g.sql_count = g.get("sql_count", 0) + 1

    @app.after_request
    def _header(response):
        response.headers[HEADER] = str(g.get("sql_count", 0))
        return response
