"""Importing people from an HR export in the app: upload, preview, then confirm.

The uploaded text waits in the database (pending_imports), private to the admin who sent
it, never in the session cookie. Confirming plans the import again inside the write
transaction and applies it only if it is exactly what the preview showed.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import PurePath

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import delete, or_
from sqlalchemy.exc import IntegrityError

from lms import clock
from lms.admin.forms import ActionForm, ConfirmImportForm, UserImportForm
from lms.db import db
from lms.models import PendingImport
from lms.people.import_plan import Plan, apply_plan, plan_import
from lms.people.user_import import ImportRefused, decode

bp = Blueprint("imports", __name__, url_prefix="/users/import")

MAX_BYTES = 2 * 1024 * 1024  # about 20,000 people; HR exports are far smaller
PENDING_HOURS = 24  # an upload nobody confirmed is dropped after a day


def _pending_or_404(import_id: int) -> PendingImport:
    """The admin's own pending upload; another admin's is as if absent."""
    pending = db.session.get(PendingImport, import_id)
    if pending is None or pending.admin_id != current_user.id:
        abort(404)
    return pending


def _plan(session, text: str, deactivate_missing: bool) -> Plan:
    return plan_import(session, text, clock.today(), deactivate_missing, current_user)


def _preview(pending: PendingImport | None, plan: Plan, status: int = 200, filename: str = ""):
    """The preview page; its confirm form carries the fingerprint of what it shows."""
    form = ConfirmImportForm(formdata=None, digest=plan.digest())
    return render_template(
        "admin/import_preview.html",
        plan=plan,
        pending=pending,
        filename=pending.filename if pending else filename,
        form=form,
        cancel_form=ActionForm(formdata=None),
    ), status


@bp.route("", methods=["GET", "POST"])
def upload():
    """Upload an HR export: problems are listed by line; a clean file goes to its preview."""
    form = UserImportForm()
    errors: list[str] = []
    if form.validate_on_submit():
        data = form.file.data.read(MAX_BYTES + 1)
        filename = PurePath(form.file.data.filename or "upload.csv").name[:255]
        if len(data) > MAX_BYTES:
            form.file.errors.append("The file is larger than 2 MB; split it and import each part.")
        else:
            try:
                text = decode(data)
                plan = _plan(db.session, text, form.deactivate_missing.data)
            except ImportRefused as refused:
                errors = refused.errors
            else:
                errors = plan.errors
                if not errors and not plan.has_changes:
                    return _preview(None, plan, filename=filename)
                if not errors:
                    with db.writing() as session:
                        stale = clock.now() - timedelta(hours=PENDING_HOURS)
                        session.execute(
                            delete(PendingImport).where(
                                or_(
                                    PendingImport.admin_id == current_user.id,
                                    PendingImport.created_at < stale,
                                )
                            )
                        )
                        pending = PendingImport(
                            admin_id=current_user.id,
                            filename=filename,
                            content=text,
                            deactivate_missing=form.deactivate_missing.data,
                        )
                        session.add(pending)
                    return redirect(url_for(".preview", import_id=pending.id))
    status = 422 if errors or form.errors else 200
    return render_template("admin/import_upload.html", form=form, errors=errors), status


@bp.get("/<int:import_id>")
def preview(import_id: int):
    """Who would be created, updated and deactivated, as the data stands now."""
    pending = _pending_or_404(import_id)
    return _preview(pending, _plan(db.session, pending.content, pending.deactivate_missing))


@bp.post("/<int:import_id>/confirm")
def confirm(import_id: int):
    """Apply the import, all or nothing, if it still does exactly what the preview showed."""
    pending = _pending_or_404(import_id)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        return redirect(url_for(".preview", import_id=pending.id))
    try:
        with db.writing() as session:
            plan = _plan(session, pending.content, pending.deactivate_missing)
            applied = not plan.errors and plan.digest() == form.digest.data
            if applied:
                apply_plan(session, plan, current_user, pending.filename)
                session.delete(pending)
    except IntegrityError:
        # Another admin created the same email or team between our check and our write.
        flash("Someone changed users at the same moment; nothing was imported.", "error")
        return redirect(url_for(".preview", import_id=import_id))
    if not applied:
        flash(
            "Users or teams changed since you saw this preview, so nothing was imported. "
            "Here is what the import would do now: check it and confirm again.",
            "error",
        )
        return _preview(pending, plan, status=409)
    flash(plan.summary(done=True), "success")
    return redirect(url_for("admin.users"))


@bp.post("/<int:import_id>/cancel")
def cancel(import_id: int):
    """Drop a pending upload without importing it."""
    pending = _pending_or_404(import_id)
    if ActionForm().validate_on_submit():
        with db.writing() as session:
            session.delete(pending)
        flash(f"Cancelled the import of {pending.filename}; nothing was changed.", "success")
    return redirect(url_for(".upload"))
