"""One app-level handler renders every error as a friendly page in the app's layout."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from flask import Flask, flash, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from lms.db import db
from lms.security import loggable, request_id

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


def _quiz_back_with_answers():
    """An expired CSRF token on a quiz: show the quiz again with the rep's answers."""
    from lms.learn import queries
    from lms.learn.views import render_module_page
    from lms.quizzes import service

    args = request.view_args or {}
    module = queries.live_course_module(
        db.session, args.get("slug", ""), args.get("module_slug", "")
    )
    if module is None or not module.has_quiz:
        return None
    state = queries.load_module_course_state(db.session, current_user, module.course, date.today())
    if state.locked:
        return None
    token = request.form.get("token")
    token = token if service.valid_token(token) else service.new_token()
    responses, _missing = service.parse_responses(module.questions, request.form)
    flash(EXPIRED_FORM, "warning")
    return render_module_page(state, module, token, responses), 400


# Endpoints whose forms are worth giving back when their CSRF token expired.
CSRF_RECOVERY: dict[str, Callable] = {"quizzes.submit": _quiz_back_with_answers}


def render_csrf_error(error: CSRFError):
    """A long-open form comes back filled in where that makes sense; else the 400 page."""
    recover = CSRF_RECOVERY.get(request.endpoint or "")
    if recover and current_user.is_authenticated and "expired" in (error.description or ""):
        log.warning(
            "expired CSRF token %s user=%s request=%s", loggable(request.path), _who(), request_id()
        )
        answer = recover()
        if answer is not None:
            return answer
    return render_error(error)


def register(app: Flask) -> None:
    """Route every HTTP error and every unexpected exception to the friendly page."""
    app.register_error_handler(HTTPException, render_error)
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
