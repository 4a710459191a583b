"""Default settings; instance/config.py and LMS_* environment variables override them."""

from datetime import timedelta

# Published on purpose: create_app refuses it outside debug and tests.
DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105  # nosec B105


class Defaults:
    """Settings a fresh checkout runs with."""

    SECRET_KEY = DEV_SECRET_KEY
    DATABASE_URL = None  # None: sqlite:///<instance>/repready.sqlite3
    COURSES_DIR = None  # None: <project>/courses
    SQL_ECHO = False

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # None: Secure unless debugging or testing; set False only for plain-HTTP local runs.
    SESSION_COOKIE_SECURE = None
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # The absolute timeout: a session ends this long after sign-in, used or not.
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # The cookie is sent again when the session changes (sign-in, the minute-precise last-seen
    # stamp), not on every response: re-signing it each time cost every page ~0.2 ms, and the
    # server enforces both timeouts from the stamps whatever the cookie's expiry says.
    SESSION_REFRESH_EACH_REQUEST = False
    # The idle timeout: a session unused this long ends.
    SESSION_IDLE_TIMEOUT = timedelta(hours=2)
    # How many proxies in front set X-Forwarded-For/-Proto/-Host (0: none, trust nothing).
    PROXY_FIX_HOPS = 0
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024  # file uploads by signed-in users
    # Refused by Content-Length before anything is read (lms/web/security.py body_limit): the
    # sign-in forms and anything posted by a visitor who is not signed in, then other forms.
    SIGN_IN_MAX_BYTES = 16 * 1024
    FORM_MAX_BYTES = 1024 * 1024

    # A rep may spend well over an hour on a long module and its quiz.
    WTF_CSRF_TIME_LIMIT = 8 * 3600

    # None: a SQLite file in instance/ that every worker on this machine shares
    # (lms/web/limit_storage.py); redis://... for several servers.
    RATELIMIT_STORAGE_URI = None
    RATELIMIT_HEADERS_ENABLED = False
    # Redis unreachable: count per process in memory (and log a warning) rather than fail.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    # Sign-in throttling (lms/auth/throttle.py): every POST per client address; failures per
    # account and address; failures per account from browsers the owner never signed in on.
    LOGIN_LIMIT_PER_IP = "20 per minute; 200 per day"
    LOGIN_LIMIT_PER_ACCOUNT_AND_IP = "5 per minute; 20 per hour"
    LOGIN_LIMIT_PER_ACCOUNT = "100 per hour"

    # `flask demo` creates accounts with a published password: never in production.
    ALLOW_DEMO_ACCOUNTS = False

    # Seconds the trainer's "Reps in progress" counts may be reused (lms/analytics/activity.py).
    COURSE_ACTIVITY_MAX_AGE = 60

    # `make bench` only: an X-SQL-Count header on every response (lms/web/sqlcount.py).
    BENCH_COUNT_SQL = False

    # The IANA time zone the organisation works in (LMS_TIME_ZONE): "today", due dates and
    # "3 days overdue" follow it, as users have no time zone of their own.
    TIME_ZONE = "UTC"

    # Days reps who had completed a course get for modules added later, when the trainer
    # requires them at publish (LMS_NEW_MATERIAL_GRACE_DAYS).
    NEW_MATERIAL_GRACE_DAYS = 14

    # Where an uploaded zip waits for its confirm (None: <instance>/uploads).
    UPLOAD_STASH_DIR = None

    # Notifications (docs/notifications.md). No SMTP host: emails are written as .eml files
    # under instance/mail/ instead of sent.
    SMTP_HOST = None
    SMTP_PORT = 587
    SMTP_USERNAME = None
    SMTP_PASSWORD = None
    SMTP_STARTTLS = True
    MAIL_FROM = "RepReady <repready@localhost>"
    # The address people reach the app at; every link in an email starts with it.
    BASE_URL = "http://localhost:5000"
    # "Forgot password": requests per client address (a rate limit, not a password).
    PASSWORD_RESET_LIMIT = "5 per 15 minutes; 30 per day"  # nosec B105
    # The day `flask notify schedule` also queues the managers' weekly digest (LMS_DIGEST_WEEKDAY):
    # a day's name or 0 (Monday) to 6 (Sunday).
    DIGEST_WEEKDAY = "monday"
    # The hour (0-23, in each recipient's time zone) scheduled emails and posts leave at
    # (LMS_SEND_HOUR); `flask notify schedule` run later that day sends them at once.
    SEND_HOUR = 8
    # Answers a question needs before question quality may announce its flag to trainers.
    QUALITY_MIN_ANSWERS = 10
    # Tests only: accept http:// webhook URLs on 127.0.0.1, for a local receiver.
    WEBHOOK_ALLOW_HTTP = False

    # Practice media (docs/practice.md). "local": private files under PRACTICE_MEDIA_DIR
    # (None: <instance>/practice-media); "s3": the bucket below, on any S3-compatible store.
    PRACTICE_STORAGE = "local"
    PRACTICE_MEDIA_DIR = None
    PRACTICE_S3_BUCKET = None
    PRACTICE_S3_ENDPOINT_URL = None  # None: AWS itself
    PRACTICE_S3_REGION = None
    PRACTICE_S3_PREFIX = ""
    PRACTICE_S3_ACCESS_KEY_ID = None  # None: boto3's own chain (environment, instance role)
    PRACTICE_S3_SECRET_ACCESS_KEY = None
    # The largest recording or document a rep may hand in, in bytes.
    PRACTICE_MAX_BYTES = 200 * 1024 * 1024
    # The longest recording, in minutes, when the module names no max_minutes.
    PRACTICE_MAX_MINUTES = 10
    # Days recordings are kept after their version is decided; None keeps them until an admin
    # deletes them; `flask practice purge` (cron) deletes older ones, and reviews stay.
    PRACTICE_RETENTION_DAYS = None
