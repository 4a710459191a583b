"""Helpers for the remedy tests: a rep out of attempts, and the rep detail page's forms."""

from __future__ import annotations

from sqlalchemy import select

from lms.db import db
from lms.models import Module
from tests.conftest import BASICS_QUIZ, submit_quiz

WRONG = {"capital": "Lyon", "colours": ["Red"], "funnel": "nothing"}


def fail_quiz(client, times: int) -> None:
    for _ in range(times):
        assert submit_quiz(client, BASICS_QUIZ, WRONG).status_code == 302


def module_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Module.id).where(Module.slug == slug))


def rep_url(org, team: str, rep: str) -> str:
    return f"/reports/teams/{org[team]}/reps/{org[rep]}"


def act(detail_url: str) -> str:
    """The remedy forms' base URL for a rep detail page's URL."""
    return detail_url.removeprefix("/reports")
