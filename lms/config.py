"""Default settings; instance/config.py and LMS_* environment variables override them."""

from datetime import timedelta

DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused outside debug/testing by create_app


class Defaults:
    """Settings a fresh checkout runs with."""

    SECRET_KEY = DEV_SECRET_KEY
    DATABASE_URL = None  # None: sqlite:///<instance>/repready.sqlite3
    COURSES_DIR = None  # None: <project>/courses
    SQL_ECHO = False

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024

    # A rep may spend well over an hour on a long module and its quiz.
    WTF_CSRF_TIME_LIMIT = 8 * 3600

    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
