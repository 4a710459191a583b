"""Each course's live modules, as the progress views read them, kept per course version.

Modules change only through the importer (folder import, upload, the editor, rollback; see
lms/catalog/importer.py), and it raises a course's version whenever one of its modules is added,
changed or retired. So (course id, version) names one outline for good, in every process.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from lms.cache import BoundedCache, app_cache
from lms.models import Module

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
    """Outlines of the courses read most recently, by (course id, version)."""

    def __init__(self, outlines: BoundedCache) -> None:
        self._outlines = outlines

    def modules(self, session: Session, courses) -> dict[int, tuple[Row, ...]]:
        """Each course's live modules in order, by course id: one statement for the unknown."""
        keys = {(c.id, c.version) for c in courses}
        found = {key: self._outlines.get(key) for key in keys}
        missing = [key for key, outline in found.items() if outline is None]
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
                self._outlines.put(key, found[key])
        return {course_id: outline for (course_id, _), outline in found.items()}


def outline_cache(app: Flask) -> OutlineCache:
    """The app's outlines, kept in its "course_outlines" cache (lms/cache.py)."""
    return OutlineCache(app_cache(app, "course_outlines"))
