"""Rate-limit counters in a SQLite file, shared by every worker process on one machine.

The `limits` library (behind Flask-Limiter) ships memory, Redis, Memcached and MongoDB
storages. Memory counts per process, so gunicorn's workers would each allow the full limit;
the others need a server. This storage plugs into the library's documented extension point
(a `Storage` subclass registers its URI scheme) and keeps only what a fixed window needs: a
count and an expiry per key. Each change is one SQLite transaction, so workers never lose
each other's counts.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from urllib.parse import urlsplit

from limits.storage import Storage

SCHEME = "lms+sqlite"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER, expiry REAL);"
    "CREATE INDEX IF NOT EXISTS counters_expiry ON counters (expiry);"
)


class SQLiteFileStorage(Storage):
    """Fixed-window counters in one SQLite file: `lms+sqlite:////absolute/path.sqlite3`."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = urlsplit(uri).path
        self._local = threading.local()

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        """One connection per thread (and per process: a forked worker opens its own)."""
        pid = os.getpid()
        if getattr(self._local, "pid", None) != pid:
            # Counters hold who signed in from where: readable by the app's user only.
            os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(SCHEMA)
            self._local.connection, self._local.pid = connection, pid
        return self._local.connection

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add amount to key's count, starting a new window of expiry seconds if it ended."""
        now = time.time()
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Ended windows of every key go, so the file stays small.
            connection.execute("DELETE FROM counters WHERE expiry <= ?", (now,))
            (value,) = connection.execute(
                "INSERT INTO counters (key, value, expiry) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = value + excluded.value "
                "RETURNING value",
                (key, amount, now + expiry),
            ).fetchone()
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return value

    def get(self, key: str) -> int:
        """The count in key's current window (0 when none)."""
        row = (
            self._connection()
            .execute("SELECT value FROM counters WHERE key = ? AND expiry > ?", (key, time.time()))
            .fetchone()
        )
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        """When key's window ends, as a Unix time."""
        row = (
            self._connection()
            .execute("SELECT expiry FROM counters WHERE key = ? AND expiry > ?", (key, time.time()))
            .fetchone()
        )
        return row[0] if row else time.time()

    def check(self) -> bool:
        """True when the file can be read."""
        try:
            self._connection().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every counter; return how many there were."""
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        """Forget one counter."""
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))
