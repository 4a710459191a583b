"""The rep's pages: home, course, module, and the course's assets."""

from __future__ import annotations

import mimetypes

from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from lms import clock
from lms.assessment import attempts as quiz_service
from lms.clock import relative_due, relative_start
from lms.db import db
from lms.models import Asset, Course, Module, Role
from lms.practice import access
from lms.progress import queries
from lms.progress.judgements import latest_judgement
from lms.progress.records import mark_read, mark_started
from lms.reinforcement.boost import load_boost
from lms.web import page_cache
from lms.web.landing import ON_PATH, landing_url
from lms.web.module_page import locked_for_user, render_module_page

bp = Blueprint("learn", __name__)
bp.add_app_template_filter(relative_due, "relative_due")
bp.add_app_template_filter(relative_start, "relative_start")


def _course_or_404(slug: str) -> Course:
    course = queries.live_course(db.session, slug)
    if course is None:
        abort(404)
    return course


def _module_or_404(course_slug: str, slug: str) -> Module:
    module = queries.live_course_module(db.session, course_slug, slug)
    if module is None:
        abort(404)
    return module


def _lock_state(course: Course):
    return queries.load_module_course_state(db.session, current_user, course, clock.today())


@bp.get("/")
# Signed in only (login_required is inside); teammates' practice waiting is read with the user.
@page_cache.kept_per_user(access.PEER_WAITING_OF_USER)
def home():
    """My onboarding: the user's paths, each course's state and where to continue."""
    today = clock.today()
    paths = queries.load_paths(db.session, current_user, today)
    if current_user.role is not Role.REP:
        session[ON_PATH] = bool(paths)
        if not paths:
            # Nothing to learn here: a manager, trainer or admin goes to their own work.
            return redirect(landing_url(current_user))
    # The home page never claims a readiness that the manager's latest judgement denies.
    judgement = latest_judgement(db.session, current_user) if paths else None
    boost = load_boost(db.session, current_user, today) if paths else None
    peer_waiting = page_cache.extra_value(  # issue 15
        lambda: access.peer_waiting_count(db.session, current_user)
    )
    return render_template(
        "learn/home.html",
        paths=paths,
        today=today,
        judgement=judgement,
        boost=boost,
        peer_waiting=peer_waiting,
    )


@bp.get("/courses/<slug>")
@page_cache.kept_per_user()  # signed in only: login_required is inside
def course(slug: str):
    """A course's overview and its modules in order, with the user's state on each."""
    state = queries.load_course_state(db.session, current_user, _course_or_404(slug), clock.today())
    return render_template("learn/course.html", state=state)


@bp.get("/courses/<slug>/<module_slug>")
@page_cache.kept_per_user()  # signed in only: login_required is inside
def module(slug: str, module_slug: str):
    """A module's text, then its quiz or its "Mark as complete" button."""
    module = _module_or_404(slug, module_slug)
    course = module.course
    state = _lock_state(course)
    if locked_for_user(state):
        return render_template("learn/locked.html", state=state), 403
    if not state.module_state(module).started:
        mark_started(current_user, module)
    token = page_cache.fresh_value(quiz_service.new_token(), quiz_service.new_token)
    if module.shuffle:
        page_cache.not_kept()  # the choices' order follows the token
    return render_module_page(state, module, token)


@bp.post("/courses/<slug>/<module_slug>/complete")
@login_required
def complete(slug: str, module_slug: str):
    """Mark a module without a quiz as read."""
    module = _module_or_404(slug, module_slug)
    course = module.course
    if locked_for_user(_lock_state(course)):
        abort(403)
    if module.is_practice:
        flash("This module is completed when a review passes your practice.", "warning")
        return redirect(url_for("learn.module", slug=slug, module_slug=module_slug))
    if module.has_quiz:
        flash("This module is completed by passing its quiz.", "warning")
        return redirect(url_for("learn.module", slug=slug, module_slug=module_slug))
    mark_read(current_user, module)
    flash(f"“{module.title}” is complete.", "success")
    return redirect(_next_url(course, module))


def _next_url(course: Course, module: Module) -> str:
    """After finishing a module: the next one in the course, or the course page."""
    following = db.session.scalar(
        select(Module)
        .where(
            Module.course_id == course.id,
            Module.position > module.position,
            Module.retired_at.is_(None),
        )
        .order_by(Module.position)
        .limit(1)
    )
    if following is None:
        return url_for("learn.course", slug=course.slug)
    return url_for("learn.module", slug=course.slug, module_slug=following.slug)


@bp.get("/courses/<slug>/assets/<path:asset_path>")
@login_required
def asset(slug: str, asset_path: str):
    """A file from the course's assets/ folder."""
    course = _course_or_404(slug)
    found = db.session.scalar(
        select(Asset).where(Asset.course_id == course.id, Asset.path == f"assets/{asset_path}")
    )
    if found is None:
        abort(404)
    mimetype = mimetypes.guess_type(asset_path)[0] or "application/octet-stream"
    headers = {
        "Content-Type": mimetype,
        # An asset is shown, never run: no scripts even if a file tries.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        "Cache-Control": "private, max-age=3600",
        "ETag": found.sha256,
    }
    return found.data, 200, headers
