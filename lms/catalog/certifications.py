"""Store the certifications of imported paths (COURSE_FORMAT.md, "paths.yml")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.content import model as content
from lms.models import Certification, Course, LearningPath


def store_certifications(
    session: Session, parsed_paths: list[content.LearningPath], now: datetime
) -> None:
    """Create, update or retire each path's certification; grants already given are kept."""
    session.flush()
    paths = {p.slug: p for p in session.scalars(select(LearningPath))}
    courses = {c.slug: c.id for c in session.scalars(select(Course))}
    stored = {c.path_id: c for c in session.scalars(select(Certification))}
    for parsed in parsed_paths:
        path = paths.get(parsed.slug)
        if path is None:
            continue
        row = stored.get(path.id)
        cert = parsed.certification
        if cert is None:
            if row is not None and row.retired_at is None:
                row.retired_at = now
            continue
        if row is None:
            row = Certification(path_id=path.id)
            session.add(row)
        row.title = cert.title
        row.valid_months = cert.valid_months
        row.recertify = cert.recertify
        row.exam_course_id = courses.get(cert.exam) if cert.exam else None
        row.sign_off = [{"id": item.id, "title": item.title} for item in cert.sign_off]
        row.retired_at = None
