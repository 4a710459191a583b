"""Manager pages: team picker, dashboard, CSV, rep detail and judgements, insights, ramp chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from markupsafe import Markup

from lms import clock
from lms.analytics.insights import most_missed
from lms.certification.report import by_rep, holdings
from lms.db import db
from lms.models import Role, Team
from lms.practice.access import TEAM_WAITING, team_waiting_count
from lms.progress.judgements import JudgementError, record_judgement
from lms.progress.ramp import chart, median_line, milestones, pace_line
from lms.progress.readiness import URGENCY
from lms.reports import analysis
from lms.reports.cache import html_cache, report_cache
from lms.reports.export import to_csv
from lms.reports.queries import (
    TeamReport,
    load_team,
    load_teams,
    path_due_modules,
    team_paths,
)
from lms.reports.table import SORTS, parse_sort, parse_status, sort_rows, status_counts
from lms.web import page_cache
from lms.web.access import role_required
from lms.web.ownership import get_rep_or_404, get_team_or_404, visible_teams
from lms.web.rep_page import render_rep_page

bp = Blueprint("reports", __name__, url_prefix="/reports")
managers_only = role_required(Role.MANAGER, Role.ADMIN)


def _can_assign() -> bool:
    # The assignment page belongs to another feature; link to it only when it is installed.
    return "assignments.assign" in current_app.view_functions


@bp.get("/")
@managers_only
def teams():
    """My team: straight to the dashboard for a manager of one team, else a summary per team."""
    found = visible_teams(db.session, current_user)
    if len(found) == 1 and current_user.role is Role.MANAGER:
        return redirect(url_for("reports.dashboard", team_id=found[0].id))
    # The organisation view: each team's reps per status, from one set of statements.
    reports = load_teams(db.session, found, clock.today()) if found else {}
    summaries = [(team, status_counts(reports[team.id].rows)) for team in found]
    return render_template("reports/teams.html", summaries=summaries)


def cached_team_report(team: Team, today: date, path_slug: str | None) -> TeamReport:
    """The team's report, from the cache while the team's data_version and the day hold."""
    key = (team.id, team.created_at, today, team.data_version, path_slug)

    def build() -> TeamReport:
        report = load_team(db.session, team, today, path_slug)
        # Detach what the report holds, so no later refresh or rollback in this session
        # can expire the objects that other requests will read from the cache.
        for obj in (*report.paths, *(r.rep for r in report.rows), *_judgements(report)):
            if obj in db.session:
                db.session.expunge(obj)
        return report

    report = report_cache(current_app).get_or_build(key, build)
    # The team itself is this request's object (the cached one may be from another session).
    return replace(report, team=team)


def _judgements(report: TeamReport):
    return (r.judgement for r in report.rows if r.judgement is not None)


def _team_table(team_id: int, today: date):
    """The dashboard's rows as the query parameters ask: path, status, sort and direction."""
    team = get_team_or_404(db.session, team_id, current_user)
    path_slug = request.args.get("path") or None
    status = parse_status(request.args.get("status"))
    sort, descending = parse_sort(request.args.get("sort"), request.args.get("dir"))
    report = cached_team_report(team, today, path_slug)
    rows = [r for r in report.rows if status is None or r.readiness.status is status]
    filters = {"path": path_slug, "status": status.value if status else None}
    return report, sort_rows(rows, sort, descending), filters, sort, descending


def _tables_html(report: TeamReport, rows, filters, sort: str, descending: bool, today: date):
    """The rep table and heatmap, rendered once per team version, day, filter and sort."""
    team = report.team
    key = (team.id, team.created_at, today, team.data_version, *filters.values(), sort, descending)
    context = dict(
        team=team, report=report, rows=rows, filters=filters, sort=sort, descending=descending
    )

    def render() -> Markup:
        # One statement, read only when the tables are rendered (not when they are cached).
        certificates = by_rep(holdings(db.session, clock.now(), [team.id]))
        html = render_template(
            "reports/_dashboard_tables.html", today=today, certificates=certificates, **context
        )
        # Safe: the output of our own autoescaping template, not text from a user.
        return Markup(html)  # nosec B704

    return html_cache(current_app).get_or_build(key, render)


@bp.get("/teams/<int:team_id>")
# Kept per manager: beyond the team's pages' versions, the team's practice waiting for review
# (not part of data_version), read with the viewer in the same statement.
@page_cache.kept_per_user(*page_cache.TEAM_PAGE, TEAM_WAITING.scalar_subquery())
@managers_only
def dashboard(team_id: int):
    """Who is ready, who is falling behind and why: counts, one row per rep, a heatmap."""
    today = clock.today()
    report, rows, filters, sort, descending = _team_table(team_id, today)
    return render_template(
        "reports/dashboard.html",
        report=report,
        team=report.team,
        tables=_tables_html(report, rows, filters, sort, descending, today),
        counts=status_counts(report.rows),
        filters=filters,
        sort=sort,
        descending=descending,
        sorts=SORTS,
        statuses=URGENCY,
        other_teams=visible_teams(db.session, current_user)
        if current_user.role is Role.MANAGER
        else [],
        can_assign=_can_assign(),
        # Read with the viewer when the page may be kept: a review done elsewhere shows at once.
        reviews_waiting=page_cache.extra_value(
            lambda: team_waiting_count(db.session, team_id), index=len(page_cache.TEAM_PAGE)
        ),
    )


@bp.get("/teams/<int:team_id>/export.csv")
@managers_only
def export(team_id: int):
    """The dashboard's table, filtered and sorted the same way, as a CSV download."""
    today = clock.today()
    report, rows, _filters, _sort, _descending = _team_table(team_id, today)
    filename = f"readiness-team-{report.team.id}-{today.isoformat()}.csv"
    return Response(
        to_csv(rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/teams/<int:team_id>/reps/<int:rep_id>")
@managers_only
def rep(team_id: int, rep_id: int):
    """One rep: progress per course and module, every attempt and answer, timeline, judgements."""
    team = get_team_or_404(db.session, team_id, current_user)
    rep = get_rep_or_404(db.session, team, rep_id)
    return render_rep_page(team, rep)


@bp.post("/teams/<int:team_id>/reps/<int:rep_id>/judgements")
@managers_only
def judge(team_id: int, rep_id: int):
    """Record the manager's own read of the rep: Ready or Not yet, with a note."""
    team = get_team_or_404(db.session, team_id, current_user)
    rep = get_rep_or_404(db.session, team, rep_id)
    try:
        record_judgement(
            rep,
            current_user,
            request.form.get("verdict"),
            request.form.get("note"),
            shared=request.form.get("shared") == "yes",
        )
    except JudgementError as error:
        flash(str(error), "error")
    else:
        flash(f"Your judgement of {rep.name} is recorded.", "success")
    return redirect(url_for("reports.rep", team_id=team.id, rep_id=rep.id) + "#judgements")


@bp.get("/teams/<int:team_id>/insights")
@managers_only
def insights(team_id: int):
    """Per question: right at the first attempt, the commonest wrong answer; what to coach next."""
    team = get_team_or_404(db.session, team_id, current_user)
    stats, modules = analysis.team_question_stats(db.session, team)
    return render_template(
        "reports/insights.html", team=team, stats=stats, modules=modules, top=most_missed(stats)
    )


@bp.get("/teams/<int:team_id>/ramp")
@managers_only
def ramp(team_id: int):
    """Modules completed against days since start: a line per rep and the team median."""
    team = get_team_or_404(db.session, team_id, current_user)
    paths = team_paths(db.session, team)
    path_slug = request.args.get("path") or None
    # The pace line needs one path: the one picked, or the team's only one.
    path = next((p for p in paths if p.slug == path_slug), None)
    if path_slug is None and len(paths) == 1:
        path = paths[0]
    pace = pace_line(path_due_modules(db.session, path)) if path else []
    lines = analysis.team_ramp(db.session, team, clock.today(), path_slug)
    median = median_line(lines)
    return render_template(
        "reports/ramp.html",
        team=team,
        lines=lines,
        chart=chart(lines, median, pace),
        milestones=milestones(lines, median),
        path_slug=path_slug,
        paths=paths,
        pace_path=path,
        pace=pace,
    )
