"""Each course's live modules, as the progress views read them, kept per course version.

Modules change only through the importer (folder import, upload, the editor, rollback; see
lms/importer.py), and it raises a course's version whenever one of its modules is added,
changed or retired. So (course id, version) names one outline for good, in every process.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from flask import Flask
from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from lms.models import Module

MAX_COURSES = 1024

# What progress views read of a module: titles, order and minutes, not the stored HTML.
MODULE_SUMMARY = (
    Module.id,
    Module.course_id,
    Module.slug,
    Module.title,
    Module.position,
    Module.estimated_minutes,
    Module.max_attempts,
    (Module.question_count > 0).label("has_quiz"),
)


class OutlineCache:
    """Thread-safe and bounded: outlines of the courses read most recently."""

    def __init__(self, max_courses: int = MAX_COURSES) -> None:
        self.max_courses = max_courses
        self._outlines: OrderedDict[tuple[int, int], tuple[Row, ...]] = OrderedDict()
        self._lock = Lock()

    def modules(self, session: Session, courses) -> dict[int, tuple[Row, ...]]:
        """Each course's live modules in order, by course id: one statement for the unknown."""
        keys = {(c.id, c.version) for c in courses}
        with self._lock:
            found = {key: self._outlines[key] for key in keys if key in self._outlines}
            for key in found:
                self._outlines.move_to_end(key)
        missing = keys - found.keys()
        if missing:
            rows = session.execute(
                select(*MODULE_SUMMARY)
                .where(
                    Module.course_id.in_([course_id for course_id, _ in missing]),
                    Module.retired_at.is_(None),
                )
                .order_by(Module.course_id, Module.position)
            ).all()
            for key in missing:
                found[key] = tuple(r for r in rows if r.course_id == key[0])
            with self._lock:
                for key in missing:
                    self._outlines[key] = found[key]
                while len(self._outlines) > self.max_courses:
                    self._outlines.popitem(last=False)
        return {course_id: outline for (course_id, _), outline in found.items()}


def outline_cache(app: Flask) -> OutlineCache:
    """The app's own cache, so tests with fresh databases never share one."""
    return app.extensions.setdefault("course_outlines", OutlineCache())
