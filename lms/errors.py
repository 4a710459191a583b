"""One app-level handler renders every error as a friendly page in the app's layout."""

import logging

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from lms.db import db

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


def render_error(error: HTTPException):
    """Render an HTTP error with the app's layout and a plain explanation."""
    code = error.code or 500
    title, hint = MESSAGES.get(code, (error.name, error.description or ""))
    return render_template("errors/error.html", code=code, title=title, hint=hint), code


def register(app: Flask) -> None:
    """Route every HTTP error and every unexpected exception to the friendly page."""
    app.register_error_handler(HTTPException, render_error)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        db.session.rollback()
        log.exception("unhandled error")
        return render_error(InternalServerError())
