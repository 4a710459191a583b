"""A rep's page for their manager, shared by the reports and assignments blueprints."""

from __future__ import annotations

from flask import render_template

from lms import clock
from lms.db import db
from lms.models import Team, Verdict
from lms.practice.history import rep_versions
from lms.progress.detail import load_rep_detail
from lms.progress.remedies import live_courses
from lms.web.remedy_forms import fill_remedy_choices


def render_rep_page(team: Team, rep, forms: dict | None = None, status: int = 200):
    """The rep detail page; `forms` are remedy forms sent back with their errors."""
    today = clock.today()  # once, so a page rendered across midnight agrees with itself
    detail = load_rep_detail(db.session, rep, today)
    remedy_forms = fill_remedy_choices(forms or {}, detail.paths, live_courses(db.session))
    page = render_template(
        "reports/rep.html",
        team=team,
        detail=detail,
        verdicts=list(Verdict),
        today=today,
        remedies=remedy_forms,
        practice=rep_versions(db.session, rep.id),  # one statement
    )
    return page, status
