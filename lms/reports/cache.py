"""In-process caches of computed team reports and rendered dashboard tables.

Both are keyed by the team's data_version, so a stale entry is never read.
"""

from __future__ import annotations

from flask import Flask

from lms.cache import BoundedCache

MAX_ENTRIES = 256
# Rendered dashboard tables run to about 190 KB for a team of 100: keep fewer of them.
MAX_HTML_ENTRIES = 64


def report_cache(app: Flask) -> BoundedCache:
    """The app's own cache (one per app, so tests with fresh databases never share one)."""
    return app.extensions.setdefault("report_cache", BoundedCache(MAX_ENTRIES))


def html_cache(app: Flask) -> BoundedCache:
    """The app's cache of rendered dashboard tables, keyed like the reports they show."""
    return app.extensions.setdefault("dashboard_html", BoundedCache(MAX_HTML_ENTRIES))
