"""Reads of the catalog that several pages share."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.models import LearningPath


def live_paths(session: Session) -> list[LearningPath]:
    """The paths a user can be put on, by title."""
    return list(
        session.scalars(
            select(LearningPath)
            .where(LearningPath.retired_at.is_(None))
            .order_by(LearningPath.title)
        )
    )
