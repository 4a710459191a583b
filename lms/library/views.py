"""Search over everything a user may open, the content library, and links shared with buyers."""

from __future__ import annotations

import mimetypes

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
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from lms import clock
from lms.analytics.library_usage import usage
from lms.catalog import library
from lms.content.library import COPYABLE_KINDS, KINDS
from lms.db import db
from lms.models import Course, LibraryAsset, Role
from lms.models.library import MAX_COMPANY_CHARS
from lms.search import service
from lms.search.engines import Filters
from lms.web import page_cache
from lms.web.access import role_required

bp = Blueprint("library", __name__)
SEARCH_KINDS = ("course", "module", "question", "library")


class ShareForm(FlaskForm):
    company = StringField(
        "Buyer's company", validators=[DataRequired(), Length(max=MAX_COMPANY_CHARS)]
    )


class ActionForm(FlaskForm):
    """A button that only needs its CSRF token."""


def _arg(name: str, allowed=None) -> str:
    value = request.args.get(name, "", type=str).strip()[:100]
    return value if allowed is None or value in allowed else ""


@bp.get("/search")
@page_cache.kept_per_user()  # signed in only: login_required is inside
def search():
    """Ranked results for the query, filtered; ?fragment=1 gives just the results (for JS)."""
    query = request.args.get("q", "", type=str)[:200]
    course_ids = service.openable_course_ids(db.session, current_user)
    course_id = request.args.get("course", type=int)
    filters = Filters(
        course_ids=course_ids,
        kind=_arg("kind", SEARCH_KINDS),
        course_id=course_id if course_id in course_ids else None,
        item_kind=_arg("item_kind", KINDS),
        persona=_arg("persona"),
        stage=_arg("stage"),
    )
    hits = service.search(db.session, query, filters)
    if not hits:
        page_cache.not_kept()  # every search that finds nothing is counted
    if query.strip() and not hits and filters == Filters(course_ids=course_ids):
        with db.writing() as session:
            service.record_miss(session, query, clock.now())
    template = "library/_results.html" if request.args.get("fragment") else "library/search.html"
    courses = db.session.execute(
        select(Course.id, Course.title).where(Course.id.in_(course_ids)).order_by(Course.title)
    ).all()
    return render_template(
        template,
        query=query,
        hits=hits,
        filters=filters,
        courses=courses,
        kinds=SEARCH_KINDS,
        item_kinds=KINDS,
    )


@bp.get("/library")
@page_cache.kept_per_user()  # signed in only: login_required is inside
def index():
    """The library, filtered by kind, persona, buying stage and product."""
    items = library.live_items(db.session)
    filters = library.ItemFilters(
        kind=_arg("kind", KINDS),
        persona=_arg("persona"),
        stage=_arg("stage"),
        product=_arg("product"),
    )
    return render_template(
        "library/index.html",
        items=library.filtered(items, filters),
        filters=filters,
        facets=library.facets(items),
        kinds=KINDS,
        today=clock.today(),
        due_for_review=library.due_for_review,
    )


def _item_or_404(slug: str):
    item = library.live_item(db.session, slug)
    if item is None:
        abort(404)
    return item


@bp.get("/library/<slug>")
@login_required
def item(slug: str):
    """One item: its text, a plain-text block to copy, and the share form if shareable."""
    found = _item_or_404(slug)
    today = clock.today()
    with db.writing() as session:
        library.record(session, found, current_user, "view", today)
    return render_template(
        "library/item.html",
        item=found,
        copyable=found.kind in COPYABLE_KINDS,
        due=library.due_for_review(found, today),
        shares=library.my_shares(db.session, found, current_user),
        share_form=ShareForm(),
        action_form=ActionForm(),
        now=clock.now(),
        share_days=current_app.config.get("LIBRARY_SHARE_DAYS", library.DEFAULT_SHARE_DAYS),
    )


@bp.post("/library/<slug>/copy")
@login_required
def copy(slug: str):
    """Count a copy; without JavaScript, go to the text block to select it."""
    found = _item_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    with db.writing() as session:
        library.record(session, found, current_user, "copy", clock.today())
    if request.headers.get("X-Requested-With") == "fetch":
        return "", 204
    return redirect(url_for("library.item", slug=slug, _anchor="copy-text"))


@bp.post("/library/<slug>/share")
@login_required
def share(slug: str):
    """Make a link for a buyer's company; shown on the item page."""
    found = _item_or_404(slug)
    form = ShareForm()
    if not form.validate_on_submit():
        flash("Type the buyer's company (at most 200 characters) to share this item.", "error")
        return redirect(url_for("library.item", slug=slug))
    days = current_app.config.get("LIBRARY_SHARE_DAYS", library.DEFAULT_SHARE_DAYS)
    try:
        with db.writing() as session:
            library.share(
                session, found, current_user, form.company.data, clock.now(), clock.today(), days
            )
    except library.ShareRefused as refusal:
        flash(refusal.message, "error")
        return redirect(url_for("library.item", slug=slug))
    flash("The link is ready: copy it from “Your links” below and send it.", "success")
    return redirect(url_for("library.item", slug=slug, _anchor="shares"))


@bp.post("/library/shares/<int:share_id>/revoke")
@login_required
def revoke(share_id: int):
    """Revoke one of the user's own links; the buyer's page stops working at once."""
    if not ActionForm().validate_on_submit():
        abort(400)
    with db.writing() as session:
        link = library.revoke(session, share_id, current_user, clock.now())
        if link is None:
            abort(404)
        slug = link.item.slug
    flash("The link is revoked: it no longer opens.", "success")
    return redirect(url_for("library.item", slug=slug, _anchor="shares"))


@bp.get("/shared/<token>")
def shared(token: str):
    """A shared item for a buyer, without sign-in, while its link is live; else 404."""
    link = library.open_share(db.session, token[:100], clock.now())
    if link is None:
        abort(404)
    html = library.shared_html(link)
    response = current_app.make_response(
        render_template("library/shared.html", link=link, body_html=html)
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/shared/<token>/assets/<path:asset_path>")
def shared_asset(token: str, asset_path: str):
    """A file the shared item links to, without sign-in, while the link is live; else 404.

    Only the item's own assets: no other item's, and never a course's."""
    found = library.shared_asset(db.session, token[:100], asset_path, clock.now())
    if found is None:
        abort(404)
    headers = _asset_headers(asset_path, found.sha256)
    headers["Cache-Control"] = "no-store"  # a revoked link must stop serving at once
    headers["X-Robots-Tag"] = "noindex"
    return found.data, 200, headers


def _asset_headers(asset_path: str, sha256: str) -> dict[str, str]:
    return {
        "Content-Type": mimetypes.guess_type(asset_path)[0] or "application/octet-stream",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        "Cache-Control": "private, max-age=3600",
        "ETag": sha256,
    }


@bp.get("/library/assets/<path:asset_path>")
@login_required
def asset(asset_path: str):
    """A file from library/assets/, for signed-in users only."""
    found = db.session.scalar(
        select(LibraryAsset).where(LibraryAsset.path == f"assets/{asset_path}")
    )
    if found is None:
        abort(404)
    return found.data, 200, _asset_headers(asset_path, found.sha256)


@bp.get("/library/usage")
@role_required(Role.TRAINER, Role.MANAGER, Role.ADMIN)
def usage_report():
    """Views, copies and shares per item, team and week; searches that found nothing; the
    items due for review by owner. A manager sees their own teams' usage."""
    today = clock.today()
    team_ids = None
    if current_user.role is Role.MANAGER:
        team_ids = {t.id for t in current_user.managed_teams}
    return render_template(
        "library/usage.html",
        usage=usage(db.session, today, team_ids),
        misses=service.misses(db.session),
        review=library.review_list(library.live_items(db.session), today),
        actions=library.ACTIONS,
    )
