"""The reports' caches: computed team reports and rendered dashboard tables (lms/cache.py)."""

from __future__ import annotations

from flask import Flask

from lms.cache import BoundedCache, app_cache


def report_cache(app: Flask) -> BoundedCache:
    """Team reports, keyed by the team's data_version."""
    return app_cache(app, "report_cache")


def html_cache(app: Flask) -> BoundedCache:
    """Rendered dashboard tables, keyed like the reports they show."""
    return app_cache(app, "dashboard_html")
