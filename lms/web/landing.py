"""Where each user starts: the landing page of their role, and whether they are on a path."""

from __future__ import annotations

from flask import current_app, session, url_for
from sqlalchemy import exists, select

from lms.db import db
from lms.models import Enrollment, Role, User

# Where each role starts after sign-in: the page of what that role does.
LANDING = {
    Role.REP: "learn.home",
    Role.MANAGER: "reports.teams",
    Role.TRAINER: "authoring.courses",
    Role.ADMIN: "admin.users",
}
# The session key saying a manager, trainer or admin is on a path too, so the navigation
# offers My onboarding without a query on every page.
ON_PATH = "on_path"


def landing_url(user: User) -> str:
    """The page a user starts from: My onboarding, their team, courses or users."""
    endpoint = LANDING.get(user.role, "learn.home")
    if endpoint not in current_app.view_functions:
        endpoint = "learn.home"
    return url_for(endpoint)


def remember_on_path(user: User) -> None:
    """Note in the session whether a user who is not a rep is on a path."""
    if user.role is not Role.REP:
        session[ON_PATH] = bool(
            db.session.scalar(select(exists().where(Enrollment.user_id == user.id)))
        )
