"""Unbound extension singletons, bound to the app in create_app."""

from pathlib import Path

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from lms.web import limit_storage

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# A Redis that stops answering must cost a sign-in a second at most, not the OS's minutes.
REDIS_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}


class AppLimiter(Limiter):
    """Flask-Limiter with RepReady's default storage; each app starts with its storage alive."""

    def init_app(self, app) -> None:
        config = app.config
        if not config.get("RATELIMIT_STORAGE_URI"):
            counters = Path(app.instance_path) / "ratelimits.sqlite3"
            config["RATELIMIT_STORAGE_URI"] = f"{limit_storage.SCHEME}://{counters}"
        if config["RATELIMIT_STORAGE_URI"].startswith(("redis", "valkey")):
            config.setdefault("RATELIMIT_STORAGE_OPTIONS", REDIS_TIMEOUTS)
        # One limiter serves every app a process creates (tests make many): a storage found
        # dead for one app must not send the next app's counts to the fallback.
        self._storage_dead = False
        super().init_app(app)
        _skip_on_reads(app, self)


def _skip_on_reads(app, limiter: Limiter) -> None:
    """Flask-Limiter's three per-request hooks run for writes only.

    Every limit counts POSTs, yet the hooks set up and tear down their bookkeeping on every
    request: about 40 us of a bare /healthz's 170 (docs/performance.md). A limit on a view
    is checked by its decorator, which the request filter below lets through on reads.
    """
    check = limiter._check_request_limit
    release = limiter._Limiter__release_context

    def check_writes(*args, **kwargs):
        if request.method not in READ_METHODS:
            return check(*args, **kwargs)
        return None

    def release_writes(error=None):
        if request.method not in READ_METHODS:
            release(error)

    def headers_on_writes(inject):
        def run(response):
            return response if request.method in READ_METHODS else inject(response)

        return run

    before = app.before_request_funcs.setdefault(None, [])
    after = app.after_request_funcs.setdefault(None, [])
    teardown = app.teardown_request_funcs.setdefault(None, [])
    # Flask-Limiter registers nothing when it is turned off (RATELIMIT_ENABLED=false).
    before[:] = [check_writes if hook == check else hook for hook in before]
    teardown[:] = [release_writes if hook == release else hook for hook in teardown]
    for position, hook in enumerate(after):
        if getattr(hook, "args", None) == (limiter,):  # partial(Limiter.__inject_headers, self)
            after[position] = headers_on_writes(hook)


class AppCSRFProtect(CSRFProtect):
    """Flask-WTF's CSRF protection, whose check runs only on methods it protects.

    Its hook works out a view's exemption before it looks at the method: about 10 us of
    every GET, for a check that never applies to one.
    """

    def init_app(self, app) -> None:
        super().init_app(app)
        hooks = app.before_request_funcs.setdefault(None, [])
        check = next(h for h in hooks if getattr(h, "__qualname__", "").startswith("CSRFProtect."))

        def check_protected_methods():
            if request.method in app.config["WTF_CSRF_METHODS"]:
                return check()
            return None

        hooks[hooks.index(check)] = check_protected_methods


login_manager = LoginManager()
csrf = AppCSRFProtect()
limiter = AppLimiter(key_func=get_remote_address, default_limits=[])


@limiter.request_filter
def _reads_are_never_limited() -> bool:
    """Every limit counts POSTs, so a read skips the limiter's per-request bookkeeping.

    That bookkeeping was most of what /healthz cost beyond bare Flask (docs/performance.md);
    tests/security/test_throttling.py fails if a limit ever counts another method.
    """
    return request.method in READ_METHODS
