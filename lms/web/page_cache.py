"""Rendered pages kept per user and served again until a version they key on moves.

A kept page is the HTML the view rendered for this user in this session, with its
one-time values (a quiz's submission token) replaced by markers; each view of it puts
fresh ones in. It is kept under the user's page_version and the site's, which every write
to the user's rows and every content change replace (lms/progress/freshness.py), and
under everything else the page shows from outside them: the path and query, the user's
today and the UTC date, the unread count, the session's flag and its CSRF secret, and the
columns a view adds (a team's data_version, teammates' practice waiting), read with the
user in the same statement. The CSRF tokens in the page are that session's, signed when
it was rendered: they stay valid for WTF_CSRF_TIME_LIMIT (8 hours), and a kept page is at
most 10 minutes old. A view that renders something a key cannot capture (a shuffled
quiz) says so with `not_kept()`. The list of caches is lms/cache.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, NamedTuple

from flask import current_app, g, make_response, request, session
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, bindparam, func, select

from lms import clock
from lms.cache import app_cache
from lms.db import db
from lms.models import Role, SiteState, Team, User
from lms.models.site import SITE_ROW
from lms.models.users import team_managers
from lms.web.landing import ON_PATH

CACHE = "user_pages"
SITE_VERSION = (
    select(SiteState.page_version).where(SiteState.id == SITE_ROW).scalar_subquery()
)
_users = User.__table__
# A kept view's one statement: Core rows cost about two thirds of an ORM User.
SESSION_USER = select(
    _users.c.id,
    _users.c.session_token,
    _users.c.active,
    _users.c.page_version,
    _users.c.unread_notifications,
    _users.c.time_zone,
    _users.c.role,
    _users.c.team_id,
    SITE_VERSION.label("site_page_version"),
).where(_users.c.id == bindparam("user_id"))
# What a team's page kept for a manager depends on beyond the manager (:team_id is the view's
# argument): the team's data_version, which every write to its reps' rows moves, and the
# teams the viewer manages, which gate the page and name the other teams.
TEAM_PAGE = (
    select(Team.data_version).where(Team.id == bindparam("team_id")).scalar_subquery(),
    select(func.sum(Team.data_version))
    .join(team_managers, team_managers.c.team_id == Team.id)
    .where(team_managers.c.user_id == _users.c.id)
    .scalar_subquery(),
)

# Every team's data_version at once, for pages that name all teams (a trainer's queue).
ALL_TEAMS_VERSION = select(func.sum(Team.data_version)).scalar_subquery()


class UserFacts(NamedTuple):
    """What of the user a kept page may show or depend on; any change to them is in the key."""

    id: int
    page_version: int
    unread_notifications: int
    time_zone: str | None
    role: Role
    team_id: int | None


class KeptPage(NamedTuple):
    body: bytes
    mimetype: str
    fresh: tuple[tuple[bytes, Callable[[], str]], ...]  # marker, what replaces it per view

    @property
    def nbytes(self) -> int:
        """What the cache counts against its byte bound (lms/cache.py)."""
        return len(self.body)


def fresh_value(value: str, make: Callable[[], str]) -> str:
    """Mark a one-time value in the page being rendered: each view of it gets make()."""
    g.setdefault("page_fresh_values", []).append((value, make))
    return value


def not_kept() -> None:
    """This render shows what no key captures: serve it once, keep nothing."""
    g.page_not_kept = True


def kept_per_user(*extra: ColumnElement):
    """Serve a GET from the signed-in user's kept copy; extra columns join the key.

    Sign-in is required (login_required is inside): a kept view is checked against the
    session with one Core statement before Flask-Login or the ORM load anything, and
    anything the check cannot settle goes the usual way. Each extra is an SQL expression
    over the users row read in that statement, with the view's arguments as parameters
    (the rep home's count of teammates' practice waiting, a team's data_version); the view
    gets their values from `extra_value()`.
    """
    check = SESSION_USER.add_columns(*(c.label(f"extra_{i}") for i, c in enumerate(extra)))

    def decorate(view):
        signed_in_view = login_required(view)

        @wraps(view)
        def serve(*args, **kwargs):
            if request.method != "GET" or "_flashes" in session:
                return signed_in_view(*args, **kwargs)
            claimed = _claimed_user()
            facts = None if claimed is None else _session_facts(*claimed, check)
            key = None if facts is None else _key(facts)
            pages = app_cache(current_app, CACHE)
            kept = None if key is None else pages.get(key)
            if kept is not None:
                return _serve(kept)
            response = make_response(signed_in_view(*args, **kwargs))
            # A view that wrote to the user's rows moved the key (mark_started): keep nothing.
            if key is not None and _keepable(response) and _unmoved(key):
                pages.put(key, _keep(response))
            return response

        return serve

    return decorate


def _unmoved(key: tuple) -> bool:
    """Whether the key still holds after the view ran (a view may write to the user's rows)."""
    return current_user.is_authenticated and _key(facts_of(current_user)) == key


def extra_value(compute: Callable[[], Any], index: int = 0) -> Any:
    """An extra column's value, read with the user by a kept page's check, else compute()."""
    return g.page_extra[index] if "page_extra" in g else compute()


def facts_of(user) -> UserFacts:
    """What a kept page's key needs of a loaded user."""
    return UserFacts(
        user.id,
        user.page_version,
        user.unread_notifications,
        user.time_zone,
        user.role,
        user.team_id,
    )


def _claimed_user() -> tuple[int, str] | None:
    """The user id and session token the session claims, if Flask-Login would read them."""
    claimed = session.get("_user_id")
    if not claimed:
        return None
    # Flask-Login's session protection: a session from another address or browser takes the
    # usual way, which marks it no longer fresh.
    if session.get("_id") != current_app.login_manager._session_identifier_generator():
        return None
    raw_id, _, token = claimed.partition(":")
    return (int(raw_id), token) if raw_id.isdigit() else None


def _session_facts(user_id: int, token: str, check) -> UserFacts | None:
    """The claimed user, checked as the user loader would (lms/auth/views.py); None: let it."""
    params = {**(request.view_args or {}), "user_id": user_id}
    # One statement needs no transaction: one round trip on PostgreSQL.
    with db.one_statement() as read:
        row = read.execute(check, params).first()
    if row is None or not row.active or row.session_token != token:
        return None
    g.site_page_version = row.site_page_version
    g.page_extra = tuple(row[len(SESSION_USER.selected_columns) :])
    return UserFacts(
        row.id, row.page_version, row.unread_notifications, row.time_zone, row.role, row.team_id
    )


def _key(user: UserFacts) -> tuple:
    """What the page depends on beyond the rows the versions cover."""
    return (
        request.path,
        request.query_string,
        user,
        g.site_page_version,
        clock.today_in(clock.zone_name_of(user)),
        clock.now().date(),  # certificates expire on a UTC date
        session.get(ON_PATH),
        session.get(current_app.config["WTF_CSRF_FIELD_NAME"]),  # the session's CSRF secret
        g.page_extra,
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
