"""A small in-process LRU of computed team reports, keyed by the team's data_version."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

from flask import Flask

MAX_ENTRIES = 256
# Rendered dashboard tables run to about 190 KB for a team of 100: keep fewer of them.
MAX_HTML_ENTRIES = 64


class ReportCache:
    """Thread-safe, bounded; stale entries are never read (the version is in the key)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The cached value for key, or build it (outside the lock) and keep it."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        # Two requests may build the same report at once; both results are right.
        value = build()
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._entries)


def report_cache(app: Flask) -> ReportCache:
    """The app's own cache (one per app, so tests with fresh databases never share one)."""
    return app.extensions.setdefault("report_cache", ReportCache())


def html_cache(app: Flask) -> ReportCache:
    """The app's cache of rendered dashboard tables, keyed like the reports they show."""
    return app.extensions.setdefault("dashboard_html", ReportCache(MAX_HTML_ENTRIES))
