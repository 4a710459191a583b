"""Refusal: the one base of every error the app shows to the person whose request it refuses."""

from __future__ import annotations


class Refusal(Exception):
    """A request turned down on purpose; `message` is written for the person who asked.

    A view may catch it to show the message on its form; one that escapes a view is shown on
    the friendly error page with `status`, and nothing the request began is stored
    (lms/web/errors.py).
    """

    status = 422  # understood, but refused as asked

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
