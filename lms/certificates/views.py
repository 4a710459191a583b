"""Certification pages: progress, the manager's sign-off, certificates, verification, report."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from lms import clock
from lms.certificates.forms import RevokeForm, SignOffForm
from lms.certificates.pdf import certificate_pdf
from lms.certification.grants import (
    CertificationRefused,
    grant_by_public_id,
    revoke,
    sign_off,
)
from lms.certification.report import expiring, holdings, quarter_bounds
from lms.certification.standing import load_standings
from lms.db import db
from lms.messaging.links import absolute_url
from lms.models import CertificationGrant, Role
from lms.web import page_cache
from lms.web.access import role_required
from lms.web.ownership import can_see_team, get_rep_or_404, get_team_or_404, visible_teams

bp = Blueprint("certificates", __name__)
managers_only = role_required(Role.MANAGER, Role.ADMIN)


@bp.get("/certifications")
@page_cache.kept_per_user()  # signed in only: login_required is inside
def mine():
    """The signed-in rep's certifications: what is done, what remains, the certificates."""
    now = clock.now()
    standings = load_standings(db.session, current_user, now)
    return render_template("certificates/mine.html", standings=standings, now=now)


def _grant_for_viewer(public_id: str) -> CertificationGrant:
    """The certificate, if it is the viewer's, one of their team's, or they are an admin."""
    grant = grant_by_public_id(db.session, public_id)
    if grant is None:
        abort(404)
    owner = grant.user
    if current_user.id == owner.id or current_user.role is Role.ADMIN:
        return grant
    if owner.team_id is not None and can_see_team(db.session, current_user, owner.team_id):
        return grant
    abort(404)


@bp.get("/certificates/<public_id>")
@login_required
def certificate(public_id: str):
    """A certificate: to its rep, their managers and admins (revoking is for admins)."""
    grant = _grant_for_viewer(public_id)
    form = RevokeForm() if current_user.role is Role.ADMIN else None
    return render_template(
        "certificates/certificate.html", grant=grant, status=grant.status(clock.now()), form=form
    )


@bp.get("/certificates/<public_id>.pdf")
@login_required
def certificate_file(public_id: str):
    """The certificate as a PDF to download."""
    grant = _grant_for_viewer(public_id)
    body = certificate_pdf(
        grant.user.name,
        grant.title,
        grant.granted_at.date().isoformat(),
        grant.expires_at.date().isoformat(),
        # On LMS_BASE_URL, as emails are: the address buyers reach, not this request's host.
        absolute_url("certificates.verify", public_id=grant.public_id),
    )
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="certificate-{grant.id}.pdf"'},
    )


@bp.get("/verify/<public_id>")
def verify(public_id: str):
    """Public: anyone holding the link sees name, title, dates and status, nothing more."""
    grant = grant_by_public_id(db.session, public_id)
    if grant is None:
        return render_template("certificates/verify.html", grant=None), 404
    return render_template(
        "certificates/verify.html", grant=grant, status=grant.status(clock.now())
    )


@bp.post("/certificates/<public_id>/revoke")
@role_required(Role.ADMIN)
def revoke_certificate(public_id: str):
    """An admin revokes a certificate, with a reason kept in the rep's history."""
    grant = grant_by_public_id(db.session, public_id)
    if grant is None:
        abort(404)
    form = RevokeForm()
    if form.validate_on_submit():
        try:
            with db.writing() as session:
                revoke(
                    session,
                    grant,
                    current_user._get_current_object(),
                    form.reason.data,
                    clock.now(),
                )
        except CertificationRefused as refusal:
            flash(str(refusal), "error")
        else:
            flash(f"{grant.title} of {grant.user.name} is revoked.", "success")
            return redirect(url_for("certificates.certificate", public_id=public_id))
    status = grant.status(clock.now())
    page = render_template("certificates/certificate.html", grant=grant, status=status, form=form)
    return page, 422


def _rep_for_manager(team_id: int, rep_id: int):
    team = get_team_or_404(db.session, team_id, current_user)
    return team, get_rep_or_404(db.session, team, rep_id)


def _render_rep(team, rep, forms: dict | None = None, status: int = 200):
    now = clock.now()
    standings = load_standings(db.session, rep, now)
    forms = forms or {}
    for standing in standings:
        for item in standing.sign_offs:
            key = (standing.certification.id, item.id)
            if key not in forms:
                forms[key] = SignOffForm(
                    prefix=f"s{standing.certification.id}-{item.id}",
                    formdata=None,
                    confirmed_on=clock.today(),
                )
    page = render_template(
        "certificates/rep.html",
        team=team,
        rep=rep,
        standings=standings,
        forms=forms,
        may_sign=current_user.role is Role.MANAGER,
        now=now,
    )
    return page, status


@bp.get("/reports/teams/<int:team_id>/reps/<int:rep_id>/certifications")
@managers_only
def rep_certifications(team_id: int, rep_id: int):
    """A rep's certifications for their manager, with a sign-off form per item."""
    team, rep = _rep_for_manager(team_id, rep_id)
    return _render_rep(team, rep)


@bp.post("/reports/teams/<int:team_id>/reps/<int:rep_id>/certifications/<int:cert_id>/<item_id>")
@role_required(Role.MANAGER)
def confirm(team_id: int, rep_id: int, cert_id: int, item_id: str):
    """The rep's manager confirms one sign-off item (admins may look, not sign)."""
    team, rep = _rep_for_manager(team_id, rep_id)
    now, today = clock.now(), clock.today()
    standing = next(
        (s for s in load_standings(db.session, rep, now) if s.certification.id == cert_id), None
    )
    if standing is None or item_id not in {i.id for i in standing.sign_offs}:
        abort(404)
    form = SignOffForm(prefix=f"s{cert_id}-{item_id}")
    if form.validate_on_submit():
        try:
            with db.writing() as session:
                sign_off(
                    session,
                    current_user._get_current_object(),
                    rep,
                    standing.certification,
                    item_id,
                    form.confirmed_on.data,
                    form.note.data or "",
                    now,
                    today,
                )
        except CertificationRefused as refusal:
            form.confirmed_on.errors = [*form.confirmed_on.errors, str(refusal)]
        else:
            flash(f"Sign-off recorded for {rep.name}.", "success")
            return redirect(
                url_for("certificates.rep_certifications", team_id=team.id, rep_id=rep.id)
            )
    return _render_rep(team, rep, {(cert_id, item_id): form}, 422)


@bp.get("/reports/certifications")
@managers_only
def report():
    """Who holds which certification, and what expires this quarter, over the viewer's teams."""
    now, today = clock.now(), clock.today()
    teams = visible_teams(db.session, current_user)
    team_ids = None if current_user.role is Role.ADMIN else [t.id for t in teams]
    rows = holdings(db.session, now, team_ids)
    start, end = quarter_bounds(today)
    return render_template(
        "certificates/report.html",
        rows=rows,
        expiring=expiring(rows, today),
        teams={t.id: t.name for t in teams},
        quarter=(start, end),
    )
