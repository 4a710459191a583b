"""Submitting a quiz and reading an attempt's result."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from lms import clock
from lms.assessment import attempts as service
from lms.assessment.attempts import extra_attempts
from lms.assessment.review import has_passed, review_for
from lms.db import db
from lms.models import Attempt
from lms.progress import queries
from lms.quizzes.next_step import next_step_url
from lms.web.errors import EXPIRED_FORM, recover_expired_form
from lms.web.module_page import locked_for_user, render_module_page

bp = Blueprint("quizzes", __name__)


def _module_and_state(slug: str, module_slug: str):
    """The live module with a quiz and the user's course state; 404 and 403 as they apply."""
    module = queries.live_course_module(db.session, slug, module_slug)
    if module is None or not module.has_quiz:
        abort(404)
    state = queries.load_module_course_state(db.session, current_user, module.course, clock.today())
    if locked_for_user(state):
        abort(403)
    return module, state


@bp.post("/courses/<slug>/<module_slug>/quiz")
@login_required
def submit(slug: str, module_slug: str):
    """Grade a submitted quiz and show its result; a resubmitted form shows the same one."""
    module, state = _module_and_state(slug, module_slug)
    token = request.form.get("token")
    if not service.valid_token(token):
        abort(400)
    earlier = service.find_attempt(token)
    if earlier is not None and earlier.user_id == current_user.id:
        return redirect(url_for("quizzes.attempt", attempt_id=earlier.id))
    if state.module_state(module).attempts_used_up:
        return _exhausted(state.module_state(module).allowed_attempts, slug, module_slug)
    questions = module.questions
    responses, missing = service.parse_responses(questions, request.form)
    if missing:
        flash(f"Answer every question before submitting ({len(missing)} left).", "warning")
        return render_module_page(state, module, token, responses, missing), 422
    try:
        attempt = service.submit(current_user, module, questions, token, responses)
    except service.AttemptsExhausted as exhausted:
        return _exhausted(exhausted.allowed, slug, module_slug)
    except service.TokenTaken:
        abort(400)
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


@recover_expired_form("quizzes.submit")
def _quiz_back_with_answers(slug: str, module_slug: str):
    """A quiz whose form expired comes back with the rep's answers, under the submit's rules."""
    module, state = _module_and_state(slug, module_slug)
    token = request.form.get("token")
    token = token if service.valid_token(token) else service.new_token()
    responses, _missing = service.parse_responses(module.questions, request.form)
    flash(EXPIRED_FORM, "warning")
    return render_module_page(state, module, token, responses), 400


def _exhausted(allowed: int, slug: str, module_slug: str):
    """Back to the module, saying that no attempts are left."""
    flash(
        f"You have used all {allowed} attempts at this quiz. "
        "Ask your manager or trainer about next steps.",
        "warning",
    )
    return redirect(url_for("learn.module", slug=slug, module_slug=module_slug))


@bp.get("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    """One attempt's result: score, pass or fail, each question with feedback."""
    found = db.session.get(Attempt, attempt_id)
    if found is None or found.user_id != current_user.id:
        abort(404)
    module = found.module
    attempts = queries.recent_attempts(db.session, current_user, module)
    total = attempts[0].number if attempts else 0
    # Attempts a manager granted count too (lms/progress/remedies.py).
    allowed = module.max_attempts + extra_attempts(current_user, module)
    remaining = max(allowed - total, 0) if module.max_attempts else None
    passed = has_passed(db.session, current_user, module)
    return render_template(
        "quizzes/attempt.html",
        attempt=found,
        module=module,
        course=module.course,
        attempts=attempts,
        remaining=remaining,
        allowed=allowed,
        review=review_for(module.effective_review(), passed, remaining),
        next_url=next_step_url(db.session, current_user, module) if passed else None,
    )
