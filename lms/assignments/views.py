"""The assign page: a team's manager puts reps on a path."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from lms.admin.queries import live_paths
from lms.assignments import service
from lms.assignments.forms import WHOLE_TEAM, AssignForm
from lms.db import db
from lms.models import LearningPath, Team

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
                        today=date.today(),
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
