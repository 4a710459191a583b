"""Practice pages: a rep's practice and versions, the review queue, a review, the media."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from lms import clock
from lms.coaching.forms import (
    TIMED_ROWS,
    DeleteMediaForm,
    HandInForm,
    ReviewForm,
    parse_review,
    shown_time,
)
from lms.coaching.media import practice_storage, send_media
from lms.db import db
from lms.models import PracticeMedia, PracticeReview, PracticeSubmission, Role, Team
from lms.practice import access, submissions
from lms.practice.notices import notify_review
from lms.practice.reviews import ReviewRefused, level_labels, record_review
from lms.practice.skills import criterion_averages, team_skills
from lms.progress import queries
from lms.refusals import Refusal
from lms.web import page_cache
from lms.web.access import role_required
from lms.web.forms import optional_int
from lms.web.module_page import locked_for_user
from lms.web.security import CONTENT_SECURITY_POLICY

bp = Blueprint("coaching", __name__, url_prefix="/practice")
bp.add_app_template_filter(shown_time, "clock_time")
bp.add_app_template_global(level_labels, "level_labels")

# The recorder needs the camera and microphone of this page only, and plays back blob: URLs.
RECORDER_HEADERS = {
    "Permissions-Policy": "camera=(self), microphone=(self), geolocation=()",
    "Content-Security-Policy": f"{CONTENT_SECURITY_POLICY}; media-src 'self' blob:",
}


def _practice_module_or_404(slug: str, module_slug: str):
    module = queries.live_course_module(db.session, slug, module_slug)
    if module is None or not module.is_practice:
        abort(404)
    return module


def _max_minutes(practice: dict) -> int:
    """The longest recording the module takes: its max_minutes, else the app's default."""
    return int(practice.get("max_minutes") or current_app.config["PRACTICE_MAX_MINUTES"])


def _render_practice(module, form: HandInForm, status: int = 200):
    state = queries.load_module_course_state(db.session, current_user, module.course, clock.today())
    if locked_for_user(state):
        return render_template("learn/locked.html", state=state), 403
    found = submissions.versions(db.session, current_user, module)
    latest = found[0] if found else None
    if not form.token.data:
        form.token.data = submissions.new_token()
    practice = module.practice
    max_minutes = _max_minutes(practice)
    html = render_template(
        "coaching/practice.html",
        module=module,
        course=module.course,
        practice=practice,
        rubric=practice.get("rubric") or {},
        versions=found,
        latest=latest,
        may_hand_in=submissions.may_hand_in(latest),
        form=form,
        max_minutes=max_minutes,
        max_mb=current_app.config["PRACTICE_MAX_BYTES"] // (1024 * 1024),
        peer_waiting=_peer_waiting(practice),
    )
    return html, status, RECORDER_HEADERS


def _peer_waiting(practice: dict) -> int | None:
    """On a peer-reviewed module, how many teammates' versions wait for this rep (None: no link)."""
    if practice.get("reviewers") != "peer" or current_user.role is not Role.REP:
        return None
    if current_user.team_id is None:
        return None
    return access.peer_waiting_count(db.session, current_user)


@bp.get("/<slug>/<module_slug>")
@login_required
def practice(slug: str, module_slug: str):
    """The scenario, what to hand in, the rubric and time limit; the rep's versions and reviews."""
    module = _practice_module_or_404(slug, module_slug)
    return _render_practice(module, HandInForm())


@bp.post("/<slug>/<module_slug>")
@login_required
def submit(slug: str, module_slug: str):
    """Hand in a version: a recording or file (streamed to storage), or a written answer."""
    module = _practice_module_or_404(slug, module_slug)
    form = HandInForm()
    if not form.validate_on_submit():
        flash("The form expired or was incomplete: send it again.", "warning")
        return _render_practice(module, form, 400)
    state = queries.load_module_course_state(db.session, current_user, module.course, clock.today())
    if locked_for_user(state):
        abort(403)
    file = request.files.get("media")
    upload = None
    if file and file.filename:
        upload = submissions.Upload(file.stream, file.filename)
    try:
        submission = submissions.submit(
            practice_storage(),
            current_user,
            module,
            form.token.data or "",
            form.text.data or "",
            upload,
            int(current_app.config["PRACTICE_MAX_BYTES"]),
            max_seconds=_max_minutes(module.practice) * 60,
        )
        number = submission.number
    except Refusal as refused:
        flash(refused.message, "error")
        form.token.data = submissions.new_token()
        return _render_practice(module, form, refused.status)
    flash(f"Version {number} is sent. It is waiting for review.", "success")
    return redirect(url_for("coaching.practice", slug=slug, module_slug=module_slug))


@bp.get("/reviews")
# Kept per reviewer until a version joins or leaves the queue, a rep in it or a team changes.
@page_cache.kept_per_user(page_cache.ALL_TEAMS_VERSION, *access.WAITING_VERSION)
@role_required(Role.MANAGER, Role.TRAINER)
def queue():
    """Waiting versions, oldest first, filtered by team, course and module."""
    chosen = access.QueueFilter(
        team_id=_arg_int("team"), course_id=_arg_int("course"), module_id=_arg_int("module")
    )
    rows, total = access.review_queue(db.session, current_user, chosen)
    teams, courses, modules = access.queue_choices(db.session, current_user)
    return render_template(
        "coaching/queue.html",
        rows=rows,
        total=total,
        chosen=chosen,
        teams=teams,
        courses=courses,
        modules=modules,
        limit=access.QUEUE_LIMIT,
    )


@bp.get("/peer-reviews")
@role_required(Role.REP)
def peer_queue():
    """A rep's teammates' versions waiting for peer feedback, oldest first; never their own."""
    rows, total = access.peer_queue(db.session, current_user)
    return render_template(
        "coaching/peer_queue.html", rows=rows, total=total, limit=access.QUEUE_LIMIT
    )


@bp.get("/teams/<int:team_id>/skills")
@role_required(Role.MANAGER, Role.ADMIN, Role.TRAINER)
def skills(team_id: int):
    """The team's reps against every rubric criterion: their latest deciding levels, averages."""
    team = db.session.get(Team, team_id)
    # A team the manager does not manage is a 404, as on the other team pages.
    if team is None or (
        current_user.role is Role.MANAGER and not access.manages(db.session, current_user, team_id)
    ):
        abort(404)
    table = team_skills(db.session, team_id)
    return render_template("coaching/skills.html", team=team, table=table)


@bp.get("/criteria")
@role_required(Role.TRAINER, Role.ADMIN)
def criteria():
    """Per practice module, each criterion's average level over deciding reviews, lowest first."""
    return render_template("coaching/criteria.html", modules=criterion_averages(db.session))


def _arg_int(name: str) -> int | None:
    try:
        return optional_int(request.args.get(name, ""))
    except ValueError:
        return None


def _submission_or_404(submission_id: int) -> PracticeSubmission:
    submission = db.session.get(
        PracticeSubmission,
        submission_id,
        options=[
            joinedload(PracticeSubmission.user),
            joinedload(PracticeSubmission.module),
            joinedload(PracticeSubmission.media),
            selectinload(PracticeSubmission.reviews).selectinload(PracticeReview.scores),
            selectinload(PracticeSubmission.reviews).selectinload(PracticeReview.timed_comments),
            selectinload(PracticeSubmission.reviews).joinedload(PracticeReview.reviewer),
        ],
    )
    if submission is None or not access.may_see(db.session, current_user, submission):
        abort(404)
    return submission


def _render_review(submission, form: ReviewForm, problems=(), given=None, status: int = 200):
    practice = submission.module.practice or {}
    return (
        render_template(
            "coaching/review.html",
            submission=submission,
            module=submission.module,
            practice=practice,
            rubric=practice.get("rubric") or {},
            may_review=access.may_review(db.session, current_user, submission),
            form=form,
            delete_form=DeleteMediaForm(),
            problems=list(problems),
            given=given,
            timed_rows=TIMED_ROWS,
        ),
        status,
    )


@bp.get("/submissions/<int:submission_id>")
@login_required
def submission(submission_id: int):
    """One version: the player or text, its reviews, and the rubric form for a reviewer."""
    return _render_review(_submission_or_404(submission_id), ReviewForm())


@bp.post("/submissions/<int:submission_id>/review")
@login_required
def review(submission_id: int):
    """Store a review; a deciding one passes the version or asks for another try."""
    found = _submission_or_404(submission_id)
    if not access.may_review(db.session, current_user, found):
        abort(404 if current_user.role is Role.REP else 409)
    form = ReviewForm()
    if not form.validate_on_submit():
        return _render_review(found, form, ["The form expired: send it again."], None, 400)
    rubric = (found.module.practice or {}).get("rubric") or {}
    given, problems = parse_review(request.form, rubric)
    if problems:
        return _render_review(found, form, problems, given, 422)
    try:
        with db.writing() as session:
            submission = session.get(PracticeSubmission, submission_id, with_for_update=True)
            saved = record_review(session, current_user, submission, given)
            notify_review(session, saved, submission)
            outcome = "passed" if saved.passed else "needs another try"
            decided, score = saved.decides, saved.score
    except ReviewRefused as refused:
        return _render_review(found, form, [refused.message], given, refused.status)
    if decided:
        flash(f"Review saved: {outcome} (score {score:g}).", "success")
    else:
        flash("Review saved. A manager or trainer decides the pass.", "success")
    if current_user.role in (Role.MANAGER, Role.TRAINER):
        return redirect(url_for("coaching.queue"))
    if current_user.role is Role.REP:
        return redirect(url_for("coaching.peer_queue"))
    return redirect(url_for("coaching.submission", submission_id=submission_id))


def _media_or_404(media_id: int) -> PracticeMedia:
    media = db.session.get(
        PracticeMedia,
        media_id,
        options=[
            joinedload(PracticeMedia.submission).joinedload(PracticeSubmission.user),
            joinedload(PracticeMedia.submission).joinedload(PracticeSubmission.module),
        ],
    )
    if (
        media is None
        or media.deleted_at is not None
        or not access.may_see(db.session, current_user, media.submission)
    ):
        abort(404)
    return media


@bp.get("/media/<int:media_id>")
@login_required
def media(media_id: int):
    """The recording or document, with HTTP ranges so the player can seek."""
    response = send_media(_media_or_404(media_id))
    if response is None:
        abort(404)
    return response


@bp.post("/media/<int:media_id>/delete")
@role_required(Role.ADMIN)
def delete_media(media_id: int):
    """An admin deletes a rep's recording; the version and its reviews stay."""
    found = _media_or_404(media_id)
    if not DeleteMediaForm().validate_on_submit():
        abort(400)
    practice_storage().delete(found.storage_key)
    with db.writing() as session:
        row = session.get(PracticeMedia, media_id)
        row.deleted_at = clock.now()
        row.deleted_by_id = current_user.id
    flash("The recording is deleted. Its reviews stay.", "success")
    return redirect(url_for("coaching.submission", submission_id=found.submission_id))
