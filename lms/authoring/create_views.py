"""Trainer pages to create courses, modules and paths, and to preview, publish or drop drafts."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.analytics.activity import activity_cache
from lms.authoring import forms
from lms.authoring.views import (
    STAFF,
    _back_to_editor,
    _checked,
    _confirmed_choices,
    _course_or_404,
    _impact_page,
    _module_or_404,
    bp,
)
from lms.catalog import create, drafts
from lms.catalog import publishing as service
from lms.db import db
from lms.models import Course, LearningPath, Module
from lms.reinforcement.settings import setting
from lms.web.access import role_required


def _draft_or_404(slug: str, module_slug: str) -> tuple[Course, Module]:
    """A live module of a course and its saved draft; 404 when there is no draft."""
    course = _course_or_404(slug)
    module = _module_or_404(course, module_slug, live=True)
    if module.draft_source is None:
        abort(404)
    return course, module


def _form_page(template: str, form, outcome: service.Outcome | None = None, **context):
    status = 422 if (outcome and outcome.errors) or form.errors else 200
    return render_template(template, form=form, outcome=outcome, **context), status


@bp.route("/courses/new", methods=["GET", "POST"])
@role_required(*STAFF)
def new_course():
    """A new course from a form: its course.md is written and imported."""
    form = forms.CourseForm()
    if not form.validate_on_submit():
        return _form_page("authoring/new_course.html", form)
    values = create.NewCourse(
        form.slug.data,
        form.title.data.strip(),
        form.track.data,
        (form.summary.data or "").strip(),
        form.pass_score.data,
        form.draft.data,
    )
    outcome = create.create_course(values, current_user.id)
    if outcome.errors:
        return _form_page("authoring/new_course.html", form, outcome)
    activity_cache(current_app).clear()
    state = "a draft: reps do not see it" if values.draft else "published"
    flash(f"Course {values.slug} created, {state}. Add its first module.", "success")
    return redirect(url_for("authoring.new_module", slug=values.slug))


@bp.post("/courses/<slug>/publish")
@role_required(*STAFF)
def publish_course(slug: str):
    """Make a draft course visible to reps and assignable."""
    course = _course_or_404(slug)
    if course.retired_at:
        abort(404)
    drafts.publish_course(course)
    flash(f"{course.title} is published: it can be put on paths and assigned.", "success")
    return redirect(url_for("authoring.course", slug=slug))


@bp.route("/courses/<slug>/modules/new", methods=["GET", "POST"])
@role_required(*STAFF)
def new_module(slug: str):
    """A new module file in the course, kept as a draft; then the editor opens on it."""
    course = _course_or_404(slug)
    if course.retired_at:
        abort(404)
    form = forms.ModuleForm()
    if not form.validate_on_submit():
        return _form_page("authoring/new_module.html", form, course=course)
    outcome = create.create_module(course, form.slug.data, form.title.data.strip(), current_user.id)
    if outcome.errors:
        return _form_page("authoring/new_module.html", form, outcome, course=course)
    flash("Module created as a draft: write it, then publish it.", "success")
    return redirect(url_for("authoring.edit", slug=slug, module_slug=form.slug.data))


@bp.get("/courses/<slug>/<module_slug>/draft")
@role_required(*STAFF)
def draft_preview(slug: str, module_slug: str):
    """The saved draft as a rep would see the module page; nothing is recorded."""
    course, module = _draft_or_404(slug, module_slug)
    checked, shown = _checked(course, module, module.draft_source)
    status = 422 if checked.errors else 200
    return render_template(
        "authoring/draft_preview.html",
        course=course,
        module=module,
        preview=shown,
        problems=checked.problems,
    ), status


@bp.post("/courses/<slug>/<module_slug>/draft/publish")
@role_required(*STAFF)
def publish_draft(slug: str, module_slug: str):
    """Preview publishing the saved draft, then publish it through the importer when confirmed."""
    course, module = _draft_or_404(slug, module_slug)
    outcome = drafts.publish_draft(module, current_user.id, _confirmed_choices())
    if outcome.impact is not None:  # nothing goes live before the trainer confirms
        return _impact_page(
            outcome,
            f"Publish the draft of {slug}/{module_slug}",
            url_for("authoring.publish_draft", slug=slug, module_slug=module_slug),
            {},
            url_for("authoring.edit", slug=slug, module_slug=module_slug),
        )
    if outcome.errors or outcome.conflict is not None:
        flash(
            "The draft cannot be published: "
            + "; ".join(str(p) for p in outcome.errors[:5] or ["it changed meanwhile"]),
            "error",
        )
    else:
        activity_cache(current_app).clear()
        db.session.refresh(module)
        flash(f"Draft published as version {module.version}.", "success")
    return _back_to_editor(slug, module_slug)


@bp.post("/courses/<slug>/<module_slug>/draft/discard")
@role_required(*STAFF)
def discard_draft(slug: str, module_slug: str):
    """Drop the saved draft; the published version stays."""
    course, module = _draft_or_404(slug, module_slug)
    never_published = module.retired_at is not None
    drafts.discard_draft(module)
    flash("Draft discarded.", "success")
    if never_published:
        return redirect(url_for("authoring.course", slug=slug))
    return _back_to_editor(slug, module_slug)


def _live_path_or_404(slug: str) -> LearningPath:
    path = db.session.scalar(
        select(LearningPath).where(LearningPath.slug == slug, LearningPath.retired_at.is_(None))
    )
    if path is None:
        abort(404)
    return path


def _paths_page(failed: tuple[int, forms.BoostDailyForm] | None = None):
    """The paths page, with each path's boost form (the one that failed keeps its errors)."""
    rows = db.session.scalars(
        select(LearningPath)
        .options(selectinload(LearningPath.courses))  # two statements whatever the count
        .where(LearningPath.retired_at.is_(None))
        .order_by(LearningPath.title)
    ).all()
    default = setting("REINFORCEMENT_DAILY")
    boost_forms = {}
    for path in rows:
        if failed and failed[0] == path.id:
            boost_forms[path.id] = failed[1]
        else:
            boost_forms[path.id] = forms.BoostDailyForm(
                formdata=None, prefix=f"p{path.id}", daily=path.boost_daily or default
            )
    page = render_template(
        "authoring/paths.html", paths=rows, boost_forms=boost_forms, default_daily=default
    )
    return page, 422 if failed else 200


@bp.get("/paths")
@role_required(*STAFF)
def paths():
    """Every live path with its courses and daily boost, and links to change them."""
    return _paths_page()


@bp.post("/paths/<slug>/boost")
@role_required(*STAFF)
def path_boost(slug: str):
    """Set how many questions a day the boost asks reps on this path."""
    path = _live_path_or_404(slug)
    form = forms.BoostDailyForm(prefix=f"p{path.id}")
    if not form.validate_on_submit():
        return _paths_page((path.id, form))
    with db.writing() as session:
        session.get(LearningPath, path.id).boost_daily = form.daily.data
    flash(f"Reps on {path.title} get {form.daily.data} boost questions a day.", "success")
    return redirect(url_for("authoring.paths") + f"#path-{path.slug}")


def _save_path(form, new: bool, path: LearningPath | None = None):
    template, context = "authoring/path_form.html", {"new": new, "path": path}
    if not form.validate_on_submit():
        return _form_page(template, form, **context)
    pairs, problems = forms.parse_courses(form.courses.data)
    if problems:
        return _form_page(template, form, service.Outcome(problems=problems), **context)
    values = create.PathForm(
        form.slug.data, form.title.data.strip(), (form.description.data or "").strip(), pairs
    )
    outcome = create.save_path(values, current_user.id, new)
    if outcome.errors:
        return _form_page(template, form, outcome, **context)
    flash(f"Path {values.slug} saved.", "success")
    return redirect(url_for("authoring.paths"))


@bp.route("/paths/new", methods=["GET", "POST"])
@role_required(*STAFF)
def new_path():
    """A new path: its entry is added to paths.yml and imported."""
    return _save_path(forms.PathForm(), new=True)


@bp.route("/paths/<slug>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit_path(slug: str):
    """Change a path's title, description, courses and due days."""
    path = _live_path_or_404(slug)
    form = forms.PathForm(slug=path.slug)  # the slug names the path: it does not change
    if not form.is_submitted():
        slugs = dict(db.session.execute(select(Course.id, Course.slug)).all())
        form.title.data, form.description.data = path.title, path.description
        form.courses.data = forms.courses_text(
            [(slugs[link.course_id], link.due_day) for link in path.courses]
        )
    form.slug.data = path.slug
    return _save_path(form, new=False, path=path)
