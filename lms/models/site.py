"""State of the whole installation, one row: what every cached page depends on."""

from __future__ import annotations

from sqlalchemy.orm import Mapped, mapped_column

from lms.db import Base

# Execution option for a bulk UPDATE or DELETE that needs no version bump after it: a bump
# itself, or a change no page shows from the database (the unread count: pages key on it).
VERSIONS_HANDLED = "lms_data_version_bump"
# The one row's id; the migration inserts it, and the app never deletes it.
SITE_ROW = 1


class SiteState(Base):
    __tablename__ = "site_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A random number, new with every content change (lms/progress/freshness.py): cached
    # pages key on it with the user's own page_version (lms/web/page_cache.py).
    page_version: Mapped[int] = mapped_column(default=0)
