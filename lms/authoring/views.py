"""Trainer pages: courses, import and upload, the module editor, versions, export, quality."""

from __future__ import annotations

from pathlib import Path

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
from flask_login import current_user

from lms.analytics import quality
from lms.analytics.activity import activity_cache
from lms.authoring import overview
from lms.authoring.preview import from_parsed, from_stored
from lms.catalog import drafts, stash, upload
from lms.catalog import publishing as service
from lms.catalog.export import export_zip
from lms.catalog.files import live_courses
from lms.catalog.impact import new_material_due
from lms.catalog.versions import module_versions, version_or_none
from lms.content.model import Problem
from lms.db import db
from lms.models import Course, Module, Role
from lms.web.access import role_required

bp = Blueprint("authoring", __name__, url_prefix="/authoring")
STAFF = (Role.TRAINER, Role.ADMIN)


def _course_or_404(slug: str) -> Course:
    course = overview.course_or_none(db.session, slug)
    if course is None:
        abort(404)
    return course


def _module_or_404(course: Course, slug: str, live: bool = False) -> Module:
    module = overview.module_or_none(db.session, course, slug)
    unpublished = module is not None and module.retired_at and module.draft_source is None
    if module is None or (live and (unpublished or course.retired_at)):
        abort(404)
    return module


def _limits() -> upload.Limits:
    config, default = current_app.config, upload.Limits()
    return upload.Limits(
        config.get("UPLOAD_MAX_ZIP_BYTES", default.zip_bytes),
        config.get("UPLOAD_MAX_UNPACKED_BYTES", default.unpacked_bytes),
        config.get("UPLOAD_MAX_ENTRIES", default.entries),
    )


def _courses_page(outcome: service.Outcome | None = None, action: str = ""):
    counted = activity_cache(current_app).get(
        current_app.config["COURSE_ACTIVITY_MAX_AGE"],
        lambda: overview.reps_in_progress(db.session),
    )
    rows = overview.course_rows(db.session, counted.per_course)
    status = 422 if outcome and outcome.errors else 200
    return render_template(
        "authoring/courses.html",
        rows=rows,
        counted_at=counted.at,
        outcome=outcome,
        action=action,
        limits=_limits(),
    ), status


def _impact_page(outcome: service.Outcome, action: str, confirm_url: str, hidden: dict, back: str):
    """The preview: what confirming will change and whom it reaches; nothing is stored yet."""
    return render_template(
        "authoring/impact.html",
        outcome=outcome,
        impact=outcome.impact,
        action=action,
        confirm_url=confirm_url,
        hidden=hidden,
        back=back,
        grace_days=current_app.config["NEW_MATERIAL_GRACE_DAYS"],
    ), (409 if outcome.stale else 200)


def _imported(outcome: service.Outcome, action: str, confirm_url: str = "", hidden=None):
    """After an import: a preview, the summary on the courses page, or the problems."""
    if outcome.impact is not None:
        back = url_for("authoring.courses")
        return _impact_page(outcome, action, confirm_url, hidden or {}, back)
    if outcome.summary is None:
        return _courses_page(outcome, action)
    activity_cache(current_app).clear()  # modules may have been added or retired
    flash(f"{action}: " + "; ".join(outcome.summary.lines()), "success")
    if outcome.summary.new_material_reps:
        flash(f"{outcome.summary.new_material_reps} rep(s) must do the new modules by the date.")
    if outcome.problems:
        flash(f"{len(outcome.problems)} warning(s): " + "; ".join(map(str, outcome.problems[:5])))
    if outcome.summary.conflicts:  # the modules edited in the app the trainer did not tick
        flash(
            f"{len(outcome.summary.conflicts)} module(s) edited in the app were left as they are: "
            + "; ".join(c.key for c in outcome.summary.conflicts),
            "warning",
        )
    return redirect(url_for("authoring.courses"))


def _stash_dir() -> Path:
    configured = current_app.config.get("UPLOAD_STASH_DIR")
    return Path(configured or Path(current_app.instance_path) / "uploads")


def _choices() -> service.Choices:
    """What the trainer confirmed: the preview's digest, the ticked modules, the new material."""
    return service.Choices(
        digest=request.form.get("digest", ""),
        overwrite=frozenset(request.form.getlist("overwrite")),
        new_material_due=new_material_due(request.form.get("new_material") == "required"),
    )


def _confirmed_choices() -> service.Choices | None:
    """The choices of a confirmed impact preview, or None: show the preview first."""
    return _choices() if "digest" in request.form else None


@bp.get("/courses")
@role_required(*STAFF)
def courses():
    """Every course with its state, version, counts, last import and reps in progress."""
    return _courses_page()


@bp.post("/import")
@role_required(*STAFF)
def import_courses():
    """Preview importing COURSES_DIR: what it changes and whom it reaches; nothing stored."""
    directory = Path(current_app.config["COURSES_DIR"])
    outcome = service.import_directory(directory, current_user.id)
    return _imported(outcome, "Import", url_for("authoring.confirm_import"))


@bp.post("/import/confirm")
@role_required(*STAFF)
def confirm_import():
    """Import COURSES_DIR, all or nothing, if it is what the preview showed."""
    directory = Path(current_app.config["COURSES_DIR"])
    outcome = service.import_directory(directory, current_user.id, _choices())
    return _imported(outcome, "Import", url_for("authoring.confirm_import"))


@bp.post("/upload")
@role_required(*STAFF)
def upload_zip():
    """Check an uploaded .zip and preview its import; it waits on the server for the confirm."""
    limits = _limits()
    file = request.files.get("archive")
    if file is None or not file.filename:
        problem = Problem("upload", 1, "choose a .zip file to upload")
        return _courses_page(service.Outcome(problems=[problem]), "Upload")
    data = file.stream.read(limits.zip_bytes + 1)  # one byte more tells "too large"
    name = Path(file.filename).name
    outcome = service.import_upload(data, name, current_user.id, limits)
    if outcome.impact is None:
        return _imported(outcome, "Upload")
    hidden = {"upload": stash.keep(_stash_dir(), current_user.id, data, name)}
    return _imported(outcome, "Upload", url_for("authoring.confirm_upload"), hidden)


@bp.post("/upload/confirm")
@role_required(*STAFF)
def confirm_upload():
    """Import the previewed .zip, if nothing changed since the preview."""
    token = request.form.get("upload", "")
    stashed = stash.find(_stash_dir(), current_user.id, token)
    if stashed is None:
        problem = Problem("upload", 1, "the uploaded zip is no longer here: upload it again")
        return _courses_page(service.Outcome(problems=[problem]), "Upload")
    path, name = stashed
    outcome = service.import_upload(path.read_bytes(), name, current_user.id, _limits(), _choices())
    if outcome.impact is None:
        stash.drop(path)
    hidden = {"upload": token}
    return _imported(outcome, "Upload", url_for("authoring.confirm_upload"), hidden)


def _zip_response(data: bytes, name: str):
    headers = {
        "Content-Type": "application/zip",
        "Content-Disposition": f'attachment; filename="{name}"',
    }
    return data, 200, headers


@bp.get("/export.zip")
@role_required(*STAFF)
def export_all():
    """Every published course and path as one courses folder."""
    return _zip_response(export_zip(db.session, live_courses(db.session), True), "courses.zip")


@bp.get("/courses/<slug>/export.zip")
@role_required(*STAFF)
def export_course(slug: str):
    """One course's folder and the paths that use it."""
    course = _course_or_404(slug)
    return _zip_response(export_zip(db.session, [course]), f"{course.slug}.zip")


@bp.get("/courses/<slug>")
@role_required(*STAFF)
def course(slug: str):
    """A course's modules with their versions, and links to edit them."""
    course = _course_or_404(slug)
    return render_template(
        "authoring/course.html", course=course, modules=overview.modules_of(db.session, course)
    )


@bp.get("/courses/<slug>/quality")
@role_required(*STAFF)
def question_quality(slug: str):
    """Facility, discrimination and wrong choices of each question, from every attempt."""
    course = _course_or_404(slug)
    items, attempts = quality.course_question_stats(db.session, course.id)
    return render_template(
        "authoring/quality.html",
        course=course,
        items=items,
        attempts=attempts,
        easy=quality.EASY,
        hard=quality.HARD,
    )


def _checked(course: Course, module: Module, source: str):
    """The edit checked, and the module page it makes (None when it does not parse)."""
    checked = service.check_edit(course, module, source)
    return checked, (from_parsed(checked.course, checked.module) if checked.module else None)


def _back_to_editor(slug: str, module_slug: str):
    return redirect(url_for("authoring.edit", slug=slug, module_slug=module_slug))


def _flash_conflict(version: int) -> None:
    flash(
        f"Version {version} was published while you edited: nothing was "
        "stored. Compare it on the versions page, then publish again.",
        "warning",
    )


def _flash_published(module: Module, outcome: service.Outcome) -> None:
    """Say which version publishing made, or that nothing changed."""
    changed = outcome.summary and outcome.summary.changed_anything
    db.session.refresh(module)
    flash(
        f"Published version {module.version}." if changed else "No changes to publish.", "success"
    )


def _editor(course: Course, module: Module, source: str, preview, problems, base: int):
    own = f"{course.slug}/{module.filename}"
    status = 422 if any(p.severity == "error" for p in problems) else 200
    return render_template(
        "authoring/edit.html",
        course=course,
        module=module,
        source=source,
        preview=preview,
        problems=problems,
        own_path=own,
        base_version=base,
    ), status


@bp.route("/courses/<slug>/<module_slug>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(slug: str, module_slug: str):
    """Edit a module's Markdown: Preview shows what reps will see, Publish stores it."""
    course = _course_or_404(slug)
    module = _module_or_404(course, module_slug, live=True)
    if request.method == "GET":
        if module.draft_source is not None:  # the editor opens on the saved draft
            checked, shown = _checked(course, module, module.draft_source)
            return _editor(
                course, module, module.draft_source, shown, checked.problems, module.version
            )
        return _editor(
            course, module, module.source, from_stored(course, module), [], module.version
        )
    source = service.normalize(request.form.get("source", ""))
    base = request.form.get("base_version", type=int) or module.version
    if request.form.get("action") == "draft":
        checked = drafts.save_draft(module, source, current_user.id)
        flash(
            "Draft saved: reps still see the published version."
            + (
                f" It has {len(checked.errors)} problem(s) to fix before publishing."
                if checked.errors
                else ""
            ),
            "success",
        )
        return _back_to_editor(slug, module_slug)
    if request.form.get("action") == "publish":
        outcome = service.publish(
            course, module, source, base_version=base, author_id=current_user.id, choices=None
        )
        if outcome.impact is not None:
            return _publish_preview(course, module, source, base, outcome)
        if outcome.conflict is not None:
            _flash_conflict(outcome.conflict)
        elif not outcome.errors:
            _flash_published(module, outcome)
            return _back_to_editor(slug, module_slug)
        base = outcome.conflict or base  # publishing again after a conflict overwrites it
    checked, shown = _checked(course, module, source)
    return _editor(course, module, source, shown, checked.problems, base)


def _publish_preview(course: Course, module: Module, source: str, base: int, outcome):
    """What publishing the edit changes and whom it reaches, with the confirm form."""
    return _impact_page(
        outcome,
        f"Publish {course.slug}/{module.slug}",
        url_for("authoring.publish", slug=course.slug, module_slug=module.slug),
        {"source": source, "base_version": base},
        url_for("authoring.edit", slug=course.slug, module_slug=module.slug),
    )


@bp.post("/courses/<slug>/<module_slug>/publish")
@role_required(*STAFF)
def publish(slug: str, module_slug: str):
    """Publish an edit as previewed; a preview again if anything changed since."""
    course = _course_or_404(slug)
    module = _module_or_404(course, module_slug, live=True)
    source = service.normalize(request.form.get("source", ""))
    base = request.form.get("base_version", type=int) or module.version
    outcome = service.publish(
        course,
        module,
        source,
        base_version=base,
        author_id=current_user.id,
        choices=_choices(),
        clear_draft=module.draft_source is not None,  # publishing drops the saved draft
    )
    if outcome.impact is not None:
        return _publish_preview(course, module, source, base, outcome)
    if outcome.conflict is not None:
        _flash_conflict(outcome.conflict)
        return _editor(course, module, source, None, outcome.problems, outcome.conflict)
    if outcome.errors:
        return _editor(course, module, source, None, outcome.problems, base)
    _flash_published(module, outcome)
    return _back_to_editor(slug, module_slug)


@bp.post("/courses/<slug>/<module_slug>/preview")
@role_required(*STAFF)
def preview(slug: str, module_slug: str):
    """The preview and the problems alone, for the editor's preview as you type."""
    course = _course_or_404(slug)
    module = _module_or_404(course, module_slug, live=True)
    checked, shown = _checked(course, module, service.normalize(request.form.get("source", "")))
    return render_template(
        "authoring/_panels.html",
        course=course,
        module=module,
        preview=shown,
        problems=checked.problems,
        own_path=f"{course.slug}/{module.filename}",
    )


@bp.get("/courses/<slug>/<module_slug>/versions")
@role_required(*STAFF)
def versions(slug: str, module_slug: str):
    """Every version of a module: who, when, how, and its diff against the one before."""
    course = _course_or_404(slug)
    module = _module_or_404(course, module_slug)
    return render_template(
        "authoring/versions.html",
        course=course,
        module=module,
        views=module_versions(db.session, module),
    )


@bp.post("/courses/<slug>/<module_slug>/versions/<int:number>/rollback")
@role_required(*STAFF)
def rollback(slug: str, module_slug: str, number: int):
    """Preview publishing an earlier version's text again, then publish it when confirmed."""
    course = _course_or_404(slug)
    module = _module_or_404(course, module_slug, live=True)
    version = version_or_none(db.session, module, number)
    if version is None:
        abort(404)
    outcome = service.rollback(course, module, version, current_user.id, _confirmed_choices())
    versions_url = url_for("authoring.versions", slug=slug, module_slug=module_slug)
    if outcome.impact is not None:
        return _impact_page(
            outcome,
            f"Roll {course.slug}/{module.slug} back to version {number}",
            url_for("authoring.rollback", slug=slug, module_slug=module_slug, number=number),
            {},
            versions_url,
        )
    if outcome.errors:
        flash(
            f"Version {number} cannot be published again: "
            + "; ".join(str(p) for p in outcome.errors[:5]),
            "error",
        )
    elif not (outcome.summary and outcome.summary.changed_anything):
        flash(f"Version {number} has the same text as the current one: nothing changed.")
    else:
        db.session.refresh(module)
        flash(f"Rolled back: version {module.version} has the text of version {number}.", "success")
    return redirect(versions_url)


from lms.authoring import create_views  # noqa: E402,F401  (registers its views on bp)
