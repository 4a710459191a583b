"""Waiting until one test worker blocks on another's lock, to race them on purpose."""

from __future__ import annotations

import time

from sqlalchemy import text

from lms.db import db


def wait_for_lock_waiter(app, seconds: float = 30) -> bool:
    """On PostgreSQL, whether a connection came to wait on a lock (the second worker)."""
    with app.app_context():
        db.session.remove()  # no transaction of the main thread's open while the workers run
        if db.engine.dialect.name != "postgresql":
            time.sleep(0.5)  # SQLite: the second BEGIN IMMEDIATE waits for the first commit
            return True
        deadline = time.monotonic() + seconds
        query = text(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        # Autocommit: PostgreSQL keeps one snapshot of pg_stat_activity per transaction, so
        # polls inside one transaction would never see a waiter that came after the first.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            while time.monotonic() < deadline:
                if conn.execute(query).scalar():
                    return True
                time.sleep(0.05)
    return False
