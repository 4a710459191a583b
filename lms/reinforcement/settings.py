"""The reinforcement settings (docs/reinforcement.md), each with its default."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from lms.models import Enrollment, LearningPath

DEFAULTS = {
    # Questions in a normal day's boost (LMS_REINFORCEMENT_DAILY).
    "REINFORCEMENT_DAILY": 3,
    # The most in one day, however many days were skipped (LMS_REINFORCEMENT_DAILY_CAP).
    "REINFORCEMENT_DAILY_CAP": 6,
    # Retention under this share right (percent) is "Knowledge fading" (readiness).
    "REINFORCEMENT_FADING_BELOW": 60,
    # Fewer answers than this in the window say too little to call knowledge fading.
    "REINFORCEMENT_FADING_MIN_ANSWERS": 5,
}
RETENTION_DAYS = 30  # the window retention is measured over


def setting(name: str) -> int:
    """A reinforcement setting from the app's config, else its default."""
    return int(current_app.config.get(name, DEFAULTS[name]))


# The questions a day a trainer may set on a path (docs/reinforcement.md).
PATH_DAILY_MIN, PATH_DAILY_MAX = 1, 20


def path_daily(user_id, default: int):
    """The rep's questions a day, as a scalar subquery to join a caller's one statement.

    The largest of the rep's live paths' own settings; a path without one, or a rep on no
    path, gives `default` (REINFORCEMENT_DAILY).
    """
    return (
        select(func.coalesce(func.max(func.coalesce(LearningPath.boost_daily, default)), default))
        .join(Enrollment, Enrollment.path_id == LearningPath.id)
        .where(
            Enrollment.user_id == user_id,
            Enrollment.removed_at.is_(None),
            LearningPath.retired_at.is_(None),
        )
        .scalar_subquery()
    )
