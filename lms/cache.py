"""Every in-process cache, what its key holds and what makes an entry stale: one list.

Each app server keeps these in memory, one set per app (app.extensions), so tests with
fresh databases never share one. An entry is never read after what it was built from
changed, because what changes is part of its key; the maximum age is a backstop for a
change made where no hook sees it (SQL typed in a console, a restored backup).

- report_cache: team reports (lms/reports/views.py). Key: team, its creation, today,
  data_version, path. Stale when data_version changes: lms/progress/freshness.py gives it a
  new random value on every flush and bulk statement touching a rep's rows, users, teams
  or content. At most 10 minutes old.
- dashboard_html: rendered dashboard tables. Key: the report's key, filters and sort.
  Stale as team reports are. At most 10 minutes old.
- course_outlines: live modules per course (lms/catalog/outlines.py). Key: course id and
  version, which the importer raises for any course it changes. After a restored backup
  (versions go back), the age limit of 1 hour applies: restart the app servers, as
  docs/deployment.md says, to drop it at once.
- user_pages: rendered pages kept per user and session (lms/web/page_cache.py): the rep
  home, course and module pages, search results, the library, the rep's certifications,
  the team dashboard, retention and the review queue. Key: path and query, the user's
  page_version and the site's, unread count, role, team and time zone, the user's today
  and the UTC date, the session's on-path flag and CSRF secret, and columns a view adds,
  read with the user in the same statement (the rep home: teammates' practice waiting;
  team pages: the team's data_version and the managed teams'; the dashboard and the
  review queue: what waits for review). Stale when any of them moves:
  lms/progress/freshness.py gives the user a new page_version on every flush writing a
  row of theirs (any row with user_id or rep_id, or their user row), and the site a new
  one on content and library changes and bulk statements. At most 10 minutes old.
- course_activity: reps in progress per course (lms/analytics/activity.py). One count,
  recounted after COURSE_ACTIVITY_MAX_AGE seconds and after every import.

Two pure-function caches never go stale, since the same input always gives the same
output: rendered inline Markdown (lms/content/render.py) and compiled RE2 answer patterns
(lms/content/grading.py).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from threading import Lock
from typing import Any

from flask import Flask

_MISSING = object()


@dataclass(frozen=True)
class CacheSpec:
    """How many entries a cache keeps, how many bytes they may hold, and for how long."""

    max_entries: int
    max_age: float  # seconds
    max_bytes: float = float("inf")  # of the values' `nbytes`; values without it count 0


# Rendered dashboard tables run to about 190 KB for a team of 100: keep fewer of them.
CACHES = {
    "report_cache": CacheSpec(max_entries=256, max_age=600),
    "dashboard_html": CacheSpec(max_entries=64, max_age=600),
    "course_outlines": CacheSpec(max_entries=1024, max_age=3600),
    # A module page is about 10 KB, a team of 100's dashboard about 190 KB: bounded by bytes,
    # so a worker stays well under the 150 MB issue 18 allows it.
    "user_pages": CacheSpec(max_entries=4096, max_age=600, max_bytes=32 * 2**20),
}


class BoundedCache:
    """Thread-safe, bounded, aged; callers put whatever makes an entry stale into its key."""

    def __init__(
        self,
        max_entries: int,
        max_age: float = float("inf"),
        clock: Callable[[], float] = time.monotonic,
        max_bytes: float = float("inf"),
    ) -> None:
        self.max_entries = max_entries
        self.max_age = max_age
        self.max_bytes = max_bytes
        self.nbytes = 0  # what the kept values say they hold
        self._clock = clock
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The value kept for key (now the most recently used), or default if absent or old."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return default
            if self._clock() - entry[0] >= self.max_age:
                self._drop(key)
                return default
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: Hashable, value: Any) -> None:
        """Keep value under key, dropping the least recently used entries beyond the bound."""
        with self._lock:
            if key in self._entries:
                self._drop(key)
            if getattr(value, "nbytes", 0) > self.max_bytes:
                return  # larger than the whole bound: keeping it would drop everything else
            self._entries[key] = (self._clock(), value)
            self.nbytes += getattr(value, "nbytes", 0)
            while len(self._entries) > self.max_entries or self.nbytes > self.max_bytes:
                self._drop(next(iter(self._entries)))  # the least recently used

    def _drop(self, key: Hashable) -> None:
        _kept_at, value = self._entries.pop(key)
        self.nbytes -= getattr(value, "nbytes", 0)

    def get_or_build(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The cached value for key, or build it (outside the lock) and keep it."""
        value = self.get(key, _MISSING)
        if value is _MISSING:
            # Two requests may build the same value at once; both results are right.
            value = build()
            self.put(key, value)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
            self.nbytes = 0

    def __len__(self) -> int:
        return len(self._entries)


def app_cache(app: Flask, name: str) -> BoundedCache:
    """The app's cache called name; only the caches listed in CACHES exist."""
    spec = CACHES[name]
    return app.extensions.setdefault(
        name, BoundedCache(spec.max_entries, spec.max_age, max_bytes=spec.max_bytes)
    )
