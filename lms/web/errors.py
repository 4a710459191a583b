"""One app-level handler renders every error as a friendly page in the app's layout."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from lms.db import db
from lms.refusals import Refusal
from lms.web.security import loggable, request_id

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Something in that request was not right", "Go back, reload the page and try again."),
    403: ("You do not have access to this page", "If you think you should, ask your admin."),
    404: ("We could not find that page", "It may have moved, or the link may be mistyped."),
    405: ("That action is not allowed here", "Use the buttons on the page."),
    413: ("That upload is too large", "Try a smaller file."),
    429: ("Too many attempts", "Wait a minute, then try again."),
    500: ("Something went wrong on our side", "It has been logged. Please try again shortly."),
}
REFUSED_TITLE = "That could not be done"
EXPIRED_FORM = (
    "This page was open so long that its security check expired. Your answers are kept "
    "below: check them and submit again."
)


def _who() -> str:
    return str(current_user.id) if current_user.is_authenticated else "anonymous"


def render_error(error: HTTPException):
    """Render an HTTP error with the app's layout, a plain explanation and the request id."""
    code = error.code or 500
    title, hint = MESSAGES.get(code, (error.name, error.description or ""))
    level = logging.WARNING if code in (400, 403, 413, 429) else logging.INFO
    log.log(
        level,
        "%s %s %s -> %s user=%s request=%s",
        "denied" if code == 403 else "error",
        loggable(request.method),
        loggable(request.path),
        code,
        _who(),
        request_id(),
    )
    page = render_template(
        "errors/error.html", code=code, title=title, hint=hint, request_id=request_id()
    )
    # Keep what the error adds for the client (Allow on 405, Retry-After on 429).
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return page, code, headers


def render_refusal(refusal: Refusal):
    """A refusal no view caught: its message on the friendly page, and nothing half-stored."""
    # A view may have flushed changes before it was refused; none of them may be committed.
    db.session.rollback()
    log.info(
        "refused %s %s -> %s user=%s request=%s: %s",
        loggable(request.method),
        loggable(request.path),
        refusal.status,
        _who(),
        request_id(),
        loggable(refusal.message),
    )
    page = render_template(
        "errors/error.html",
        code=refusal.status,
        title=REFUSED_TITLE,
        hint=refusal.message,
        request_id=request_id(),
    )
    return page, refusal.status


# Endpoints whose forms are worth giving back when their CSRF token expired, each with the
# view (taking the endpoint's URL arguments) that shows the form again; blueprints add theirs.
CSRF_RECOVERY: dict[str, Callable] = {}


def recover_expired_form(endpoint: str) -> Callable[[Callable], Callable]:
    """Register a blueprint's view that shows its form again when the CSRF token expired."""

    def register(view: Callable) -> Callable:
        CSRF_RECOVERY[endpoint] = view
        return view

    return register


def render_csrf_error(error: CSRFError):
    """A long-open form comes back filled in where that makes sense; else the 400 page."""
    recover = CSRF_RECOVERY.get(request.endpoint or "")
    if recover and current_user.is_authenticated and "expired" in (error.description or ""):
        log.warning(
            "expired CSRF token %s user=%s request=%s", loggable(request.path), _who(), request_id()
        )
        try:
            return recover(**(request.view_args or {}))
        except HTTPException as refused:  # the view's own 404 or 403, on the friendly page
            return render_error(refused)
        except Refusal as refused:
            return render_refusal(refused)
    return render_error(error)


def register(app: Flask) -> None:
    """Route every HTTP error, refusal and unexpected exception to the friendly page."""
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(Refusal, render_refusal)
    app.register_error_handler(CSRFError, render_csrf_error)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        db.session.rollback()
        log.exception(
            "unhandled error %s %s request=%s",
            loggable(request.method),
            loggable(request.path),
            request_id(),
        )
        return render_error(InternalServerError())
