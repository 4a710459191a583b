"""The reinforcement settings (docs/reinforcement.md), each with its default."""

from __future__ import annotations

from flask import current_app

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
