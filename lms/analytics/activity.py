"""Reps in progress per course, counted at most COURSE_ACTIVITY_MAX_AGE seconds ago.

Counting reads every progress row (over a million at 10,000 reps), and every module a rep
opens changes the answer, so exact invalidation would recount on nearly every view. The
courses page shows a count that may be a minute old and says when it was taken.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from threading import Lock

from flask import Flask

from lms import clock


@dataclass(frozen=True)
class Counted:
    per_course: dict[int, int]
    at: datetime  # when the rows were read, shown on the page


class ActivityCache:
    """One process's latest count; recounted once it is older than max_age seconds."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = Lock()
        self._latest: tuple[float, Counted] | None = None

    def get(self, max_age: float, count: Callable[[], dict[int, int]]) -> Counted:
        """The latest count if young enough, else a new one (built outside the lock)."""
        with self._lock:
            latest = self._latest
        if latest is not None and self._clock() - latest[0] < max_age:
            return latest[1]
        started = self._clock()
        counted = Counted(count(), clock.now())
        with self._lock:
            self._latest = (started, counted)
        return counted

    def clear(self) -> None:
        """Forget the count: the next view recounts (after an import, say)."""
        with self._lock:
            self._latest = None


def activity_cache(app: Flask) -> ActivityCache:
    """The app's own cache, so tests with fresh databases never share one."""
    return app.extensions.setdefault("course_activity", ActivityCache())
