"""Answer a boost question, see its feedback; retention for managers; fading questions."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from lms import clock
from lms.assessment.question_types import question_type
from lms.db import db
from lms.models import Role
from lms.reinforcement import boost, retention
from lms.reinforcement.settings import setting
from lms.web import page_cache
from lms.web.access import role_required
from lms.web.ownership import get_team_or_404

bp = Blueprint("boost", __name__, url_prefix="/boost")


def _number(raw: str | None) -> int | None:
    """The review number the form was shown for; None when the form was tampered with."""
    return int(raw) if raw and raw.isdigit() and len(raw) < 9 else None


@bp.post("/cards/<int:card_id>")
@login_required
def answer(card_id: int):
    """Grade one boost answer, reschedule the card, then show the feedback."""
    card = boost.own_card(db.session, current_user, card_id)
    number = _number(request.form.get("number"))
    if card is None or card.question.retired_at is not None or number is None:
        abort(404)
    response, answered = question_type(card.question.kind).parse(request.form, "answer")
    if not answered:
        flash("Pick or type an answer first.", "warning")
        return redirect(url_for("learn.home") + "#boost")
    try:
        review = boost.answer(current_user, card, number, response, clock.today())
    except boost.NotDue as refusal:
        flash(str(refusal), "warning")
        return redirect(url_for("learn.home") + "#boost")
    return redirect(url_for("boost.feedback", review_id=review.id))


@bp.get("/answers/<int:review_id>")
@login_required
def feedback(review_id: int):
    """The answer just given: right or wrong, the right answer and the explanation."""
    review = boost.own_review(db.session, current_user, review_id)
    if review is None:
        abort(404)
    today = clock.today()
    following = boost.load_boost(db.session, current_user, today)
    return render_template(
        "boost/feedback.html",
        review=review,
        question=boost.answered_question(review),
        following=following,
    )


@bp.get("/teams/<int:team_id>")
# Kept per manager. The 30 days end at the moment the page was rendered: a kept page,
# at most 10 minutes old, may count an answer that has just turned 30 days old.
@page_cache.kept_per_user(*page_cache.TEAM_PAGE)
@role_required(Role.MANAGER, Role.ADMIN)
def team(team_id: int):
    """Retention per course and per rep: the share right on boost answers, last 30 days."""
    team = get_team_or_404(db.session, team_id, current_user)
    report = retention.team_retention(db.session, team, clock.now())
    return render_template(
        "boost/team.html",
        team=team,
        report=report,
        fading_below=setting("REINFORCEMENT_FADING_BELOW"),
    )


@bp.get("/questions")
@role_required(Role.TRAINER, Role.ADMIN)
def questions():
    """The questions reps forget fastest: most often missed when they come back."""
    rows = retention.forgotten_fastest(db.session, clock.now())
    return render_template("boost/questions.html", rows=rows)
