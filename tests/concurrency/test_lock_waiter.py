"""The race tests' lock-waiter probe sees a worker that starts waiting after its first look."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from lms.db import db
from tests.conftest import make_user
from tests.helpers.locks import wait_for_lock_waiter


def test_a_waiter_that_comes_late_is_seen(app, courses):
    if not app.config["DATABASE_URL"].startswith("postgresql"):
        pytest.skip("PostgreSQL's lock waits; SQLite's writers take turns")
    user_id = make_user(app)
    lock_row = text("SELECT id FROM users WHERE id = :id FOR UPDATE")
    with app.app_context():
        holder = db.engine.connect()
    holder.execute(lock_row, {"id": user_id})

    def late_waiter() -> None:
        time.sleep(1)  # after the probe's first look
        with app.app_context(), db.engine.connect() as conn:
            conn.execute(lock_row, {"id": user_id})
            conn.rollback()

    waiter = threading.Thread(target=late_waiter)
    waiter.start()
    try:
        assert wait_for_lock_waiter(app, seconds=10)
    finally:
        holder.rollback()
        holder.close()
        waiter.join(10)
