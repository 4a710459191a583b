"""The assign page: a team's manager puts reps on a path."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from lms import clock
from lms.assignments.forms import WHOLE_TEAM, AssignForm
from lms.catalog.queries import live_paths
from lms.db import db
from lms.models import Course, Enrollment, LearningPath, Module, Team, User
from lms.progress import assignments as service
from lms.progress import remedies
from lms.progress.queries import load_paths
from lms.web.ownership import get_rep_or_404, get_team_or_404
from lms.web.remedy_forms import (
    AssignCourseForm,
    DueDateForm,
    ModuleRemedyForm,
    RemovePathForm,
    fill_remedy_choices,
)
from lms.web.rep_page import render_rep_page

bp = Blueprint("assignments", __name__)


def _team_or_404(team_id: int) -> Team:
    """The team, if the viewer may assign for it; 404 for everyone else, as if absent."""
    team = service.load_team(db.session, team_id)
    if team is None or not service.may_assign(current_user, team):
        abort(404)
    return team


@bp.route("/teams/<int:team_id>/assign", methods=["GET", "POST"])
@login_required
def assign(team_id: int):
    """Assign a path to one rep or the whole team; show who is on which path."""
    team = _team_or_404(team_id)
    reps = service.team_reps(db.session, team)
    paths = live_paths(db.session)
    form = AssignForm()
    form.fill_choices(paths, reps)
    if form.validate_on_submit():
        chosen = (
            reps if form.rep.data == WHOLE_TEAM else [r for r in reps if str(r.id) == form.rep.data]
        )
        if not chosen:
            form.rep.errors = [*form.rep.errors, "This team has no active reps yet."]
        else:
            path = next(p for p in paths if p.slug == form.path.data)
            try:
                with db.writing() as session:
                    result = service.assign_path(
                        session,
                        session.get(LearningPath, path.id),
                        chosen,
                        today=clock.today(),
                        start=form.start_date.data,
                        restart=form.restart.data,
                        actor=current_user,
                    )
            except IntegrityError:
                flash("Someone assigned this path at the same moment; please try again.", "error")
            else:
                flash(result.summary(path), "success")
                return redirect(url_for("assignments.assign", team_id=team.id))
    assignments = service.team_assignments(db.session, reps)
    return render_template(
        "assignments/assign.html", team=team, form=form, reps=reps, assignments=assignments
    )


# Fixing one rep's situation, from the rep's detail page (lms/progress/remedies.py).


def _rep_or_404(team_id: int, rep_id: int) -> tuple[Team, User]:
    """A rep of a team the viewer manages (any team for an admin); 404 for everyone else."""
    team = get_team_or_404(db.session, team_id, current_user)
    return team, get_rep_or_404(db.session, team, rep_id)


CHOICE_FIELDS = {"module": "module", "due": "target", "course": "course", "remove": "enrollment"}


def _remedy(team_id: int, rep_id: int, key: str, form_class, apply):
    """Validate one remedy form, apply it in one transaction, and go back to the rep's page.

    `apply(session, rep, form)` does the change and logs it; a RemedyError goes back to the
    form as a message on its first field, with nothing stored.
    """
    team, rep = _rep_or_404(team_id, rep_id)
    paths = load_paths(db.session, rep, clock.today())
    form = form_class(prefix=key)
    fill_remedy_choices({key: form}, paths, remedies.live_courses(db.session))
    if form.validate_on_submit():
        try:
            with db.writing() as session:
                entry = apply(session, rep, form)
        except remedies.RemedyError as error:
            # The message belongs to the choice that cannot be acted on (the form's first field).
            field = getattr(form, CHOICE_FIELDS[key])
            field.errors = [*field.errors, str(error)]
        else:
            flash(f"Done: {entry.summary}.", "success")
            return redirect(url_for("reports.rep", team_id=team.id, rep_id=rep.id) + "#remedies")
    return render_rep_page(team, rep, {key: form}, status=422)


def _remedy_view(slug: str, key: str, form_class):
    """Register `apply(session, rep, form)` as the POST view of one remedy form, named after it."""

    def register(apply):
        @wraps(apply)
        def view(team_id: int, rep_id: int):
            return _remedy(team_id, rep_id, key, form_class, apply)

        bp.add_url_rule(
            f"/teams/<int:team_id>/reps/<int:rep_id>/remedies/{slug}",
            view_func=login_required(view),
            methods=["POST"],
        )
        return apply

    return register


@_remedy_view("module", "module", ModuleRemedyForm)
def remedy_module(session, rep, form):
    """Grant more attempts at a module, or reset it so the rep starts it again."""
    module = session.get(Module, int(form.module.data))
    if form.action.data == "reset":
        return remedies.reset_module(session, rep, current_user, module, form.reason.data)
    count = form.count.data or 0
    return remedies.grant_attempts(session, rep, current_user, module, count, form.reason.data)


@_remedy_view("due-date", "due", DueDateForm)
def remedy_due_date(session, rep, form):
    """A new due date for one course or a whole path."""
    kind, _, ident = form.target.data.partition(":")
    if kind == "path":
        target, extend = session.get(Enrollment, int(ident)), remedies.extend_path
    else:
        target, extend = session.get(Course, int(ident)), remedies.extend_course
    return extend(session, rep, current_user, target, form.new_date.data, form.reason.data)


@_remedy_view("course", "course", AssignCourseForm)
def remedy_assign_course(session, rep, form):
    """Assign one course, not a whole path, with a due date."""
    course = session.get(Course, int(form.course.data))
    return remedies.assign_course(
        session, rep, current_user, course, form.due_date.data, form.reason.data
    )


@_remedy_view("remove-path", "remove", RemovePathForm)
def remedy_remove_path(session, rep, form):
    """Take the rep off a path, keeping their progress and attempts."""
    enrollment = session.get(Enrollment, int(form.enrollment.data))
    return remedies.remove_path(session, rep, current_user, enrollment, form.reason.data)
