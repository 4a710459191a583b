"""Rendered pages kept per user and served again until a version they key on moves.

A kept page is the HTML the view rendered for this user in this session, with its
one-time values (a quiz's submission token) replaced by markers; each view of it puts
fresh ones in. It is kept under the user's page_version and the site's, which every write
to the user's rows and every content change replace (lms/progress/freshness.py), and
under everything else the page shows from outside the database: the path, the user's
today, the unread count, the session's flag and its CSRF secret. The CSRF tokens in the
page are that session's, signed when it was rendered: they stay valid for
WTF_CSRF_TIME_LIMIT (8 hours), and a kept page is at most 10 minutes old. A view that
renders something a key cannot capture (a shuffled quiz) says so with `not_kept()`. The
list of caches is lms/cache.py.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import wraps
from typing import NamedTuple

from flask import current_app, g, make_response, request, session
from flask_login import current_user
from sqlalchemy import bindparam, select

from lms import clock
from lms.cache import app_cache
from lms.db import db
from lms.models import SiteState, User
from lms.models.site import SITE_ROW
from lms.web.landing import ON_PATH

CACHE = "user_pages"
SITE_VERSION = (
    select(SiteState.page_version).where(SiteState.id == SITE_ROW).scalar_subquery()
)
# Built once: building the statement cost about as much as running it (SQLite, 2 Dec 2026).
USER_WITH_SITE_VERSION = select(User, SITE_VERSION).where(User.id == bindparam("user_id"))


class KeptPage(NamedTuple):
    body: bytes
    mimetype: str
    fresh: tuple[tuple[bytes, Callable[[], str]], ...]  # marker, what replaces it per view


def load_user(user_id: int) -> User | None:
    """The user a session names, and the site's page version, in one statement."""
    row = db.session.execute(USER_WITH_SITE_VERSION, {"user_id": user_id}).first()
    if row is None:
        return None
    g.site_page_version = row[1]
    return row[0]


def fresh_value(value: str, make: Callable[[], str]) -> str:
    """Mark a one-time value in the page being rendered: each view of it gets make()."""
    g.setdefault("page_fresh_values", []).append((value, make))
    return value


def not_kept() -> None:
    """This render shows what no key captures: serve it once, keep nothing."""
    g.page_not_kept = True


def kept_per_user(extra: Callable[[], Hashable] | None = None):
    """Serve a signed-in GET from the user's kept copy; extra() adds to the key."""

    def decorate(view):
        @wraps(view)
        def serve(*args, **kwargs):
            key = _key(extra)
            if key is None:
                return view(*args, **kwargs)
            pages = app_cache(current_app, CACHE)
            kept = pages.get(key)
            if kept is not None:
                return _serve(kept)
            response = make_response(view(*args, **kwargs))
            # A view that wrote to the user's rows moved the key (mark_started): keep nothing.
            if _keepable(response) and _key(extra) == key:
                pages.put(key, _keep(response))
            return response

        return serve

    return decorate


def _key(extra) -> tuple | None:
    """What the page depends on beyond the database rows the versions cover; None: do not keep."""
    if request.method != "GET" or "_flashes" in session or not current_user.is_authenticated:
        return None
    if "site_page_version" not in g:
        g.site_page_version = db.session.scalar(select(SITE_VERSION))
    user = current_user
    return (
        request.path,
        request.query_string,
        user.id,
        user.page_version,
        g.site_page_version,
        user.unread_notifications,
        clock.today(),
        session.get(ON_PATH),
        session.get(current_app.config["WTF_CSRF_FIELD_NAME"]),  # the session's CSRF secret
        extra() if extra else None,
    )


def _keepable(response) -> bool:
    return (
        response.status_code == 200
        and not response.direct_passthrough
        and not response.is_streamed
        and not g.get("page_not_kept")
        and "_flashes" not in session  # the view flashed: the next view shows it
    )


def _keep(response) -> KeptPage:
    """The response's body with its one-time values swapped for markers."""
    body = response.get_data()
    fresh = []
    # NUL never reaches a page: requests holding one are refused and content is sanitized.
    for number, (value, make) in enumerate(g.get("page_fresh_values", ())):
        marker = b"\x00fresh%d\x00" % number
        body = body.replace(value.encode(), marker)
        fresh.append((marker, make))
    return KeptPage(body, response.mimetype, tuple(fresh))


def _serve(kept: KeptPage):
    body = kept.body
    for marker, make in kept.fresh:
        body = body.replace(marker, make().encode())
    return current_app.response_class(body, mimetype=kept.mimetype)
