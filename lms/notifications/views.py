"""Pages: in-app notifications, forgot/set password, one-click unsubscribe, the admin outbox."""

from __future__ import annotations

import logging

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
from sqlalchemy import func, select

from lms.db import db
from lms.extensions import csrf, limiter
from lms.messaging import events, outbox, tokens
from lms.messaging.links import read_unsubscribe_token
from lms.models import Notification, Role, Team, User
from lms.notifications.forms import ButtonForm, ForgotPasswordForm, SetPasswordForm
from lms.people.users import UserError, check_password
from lms.people.users import set_password as store_password
from lms.web.access import role_required
from lms.web.landing import landing_url
from lms.web.security import loggable, request_id
from lms.web.sessions import start_session

bp = Blueprint("notifications", __name__)
log = logging.getLogger(__name__)
PAGE = 50  # the in-app list and the outbox show the latest this many
STATUSES = (outbox.PENDING, outbox.SENDING, outbox.SENT, outbox.FAILED)


@bp.get("/notifications")
@login_required
def inbox():
    """The signed-in user's in-app notifications, newest first."""
    entries = db.session.scalars(
        select(Notification)
        .where(Notification.user_id == current_user.id, Notification.channel == outbox.APP)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(PAGE)
    ).all()
    return render_template("notifications/inbox.html", entries=entries, form=ButtonForm())


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    """Mark one of one's own notifications read; someone else's is not found."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    with db.writing() as session:
        entry = session.get(Notification, notification_id)
        if entry is None or entry.user_id != current_user.id or entry.channel != outbox.APP:
            abort(404)
        outbox.mark_read(session, current_user.id, notification_id)
    return redirect(url_for("notifications.inbox"))


@bp.post("/notifications/read")
@login_required
def mark_all_read():
    """Mark all of one's notifications read."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    with db.writing() as session:
        outbox.mark_read(session, current_user.id)
    return redirect(url_for("notifications.inbox"))


@bp.route("/notifications/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Choose, for each kind that may be turned off, whether it comes in the app and by email."""
    form = ButtonForm()
    kinds = events.kinds_for(db.session, current_user)
    if form.validate_on_submit():
        ticked = set(request.form.getlist("on"))
        with db.writing() as session:
            # Only the kinds shown: a choice kept for a former role stays as it was.
            for kind in kinds:
                for channel in events.PERSONAL_CHANNELS:
                    on = f"{kind}:{channel}" in ticked
                    events.set_choice(session, current_user.id, kind, channel, on)
        flash("Your notification settings are saved.", "success")
        return redirect(url_for("notifications.settings"))
    return render_template(
        "notifications/settings.html",
        form=form,
        kinds=kinds,
        channels=events.PERSONAL_CHANNELS,
        chosen=events.choices(db.session, current_user.id),
    )


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PASSWORD_RESET_LIMIT"], methods=["POST"])
def forgot_password():
    """Email a reset link; the answer is the same whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        with db.writing() as session:
            user = session.scalar(select(User).where(User.email == email))
            sent = user is not None and events.password_reset(session, user)
        log.info(
            "password reset asked for %r from %s (sent=%s) request=%s",
            email,
            loggable(request.remote_addr),
            sent,
            request_id(),
        )
        flash(
            "If an active account uses that address, we have emailed it a link to choose a "
            "new password. The link works once, for one hour.",
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("notifications/forgot.html", form=form)


@bp.route("/password/set/<secret>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def set_password(secret: str):
    """Choose a password from an invitation or reset link; the link then stops working."""
    token = tokens.find_usable(db.session, secret)
    user = db.session.get(User, token.user_id) if token else None
    if token is None or user is None or not user.active:
        return render_template("notifications/link_expired.html"), 410
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            check_password(form.password.data)
            with db.writing() as session:
                if tokens.use(session, secret) is None:  # spent by a parallel request
                    return render_template("notifications/link_expired.html"), 410
                user = session.get(User, token.user_id)
                store_password(session, user, form.password.data)
        except UserError as error:
            form.password.errors.append(str(error))
        else:
            start_session(user)
            log.info("password set from a %s link user=%s", token.purpose, user.id)
            flash("Your password is set. Welcome to RepReady.", "success")
            return redirect(landing_url(user))
    return render_template(
        "notifications/set_password.html", form=form, user=user, purpose=token.purpose
    )


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: mail clients POST the one-click request without a form of ours
def unsubscribe(token: str):
    """Turn off one kind of email for the user the signed token names."""
    found = read_unsubscribe_token(token)
    if found is None or found[1] not in events.OPTIONAL_KINDS:
        abort(404)
    user_id, kind = found
    if request.method == "POST":
        with db.writing() as session:
            if session.get(User, user_id) is None:
                abort(404)
            events.set_choice(session, user_id, kind, outbox.EMAIL, enabled=False)
        return render_template("notifications/unsubscribed.html", label=events.OPTIONAL_KINDS[kind])
    return render_template(
        "notifications/unsubscribe.html", label=events.OPTIONAL_KINDS[kind], token=token
    )


@bp.get("/admin/outbox")
@role_required(Role.ADMIN)
def outbox_page():
    """Emails and webhook posts: waiting, sent and failed, with errors; failed ones retry."""
    status = request.args.get("status", outbox.FAILED)
    if status not in STATUSES:
        status = outbox.FAILED
    counts = dict(
        db.session.execute(
            select(Notification.status, func.count())
            .where(Notification.channel != outbox.APP)
            .group_by(Notification.status)
        ).all()
    )
    rows = db.session.execute(
        select(Notification, User.email, Team.name)
        .join(User, User.id == Notification.user_id)
        .outerjoin(Team, Team.id == Notification.team_id)
        .where(Notification.channel != outbox.APP, Notification.status == status)
        .order_by(Notification.id.desc())
        .limit(PAGE)
    ).all()
    return render_template(
        "notifications/outbox.html",
        counts=counts,
        rows=rows,
        status=status,
        statuses=STATUSES,
        max_attempts=outbox.MAX_ATTEMPTS,
    )


@bp.post("/admin/outbox/<int:notification_id>/retry")
@role_required(Role.ADMIN)
def retry(notification_id: int):
    """Put a failed email back in the queue, from its first try."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    with db.writing() as session:
        if not outbox.retry(session, notification_id):
            abort(404)
    flash("The email is queued again; the next sender run will try it.", "success")
    return redirect(url_for("notifications.outbox_page", status=outbox.FAILED))


@bp.post("/admin/users/<int:user_id>/invite")
@role_required(Role.ADMIN)
def resend_invitation(user_id: int):
    """Send a user a new invitation; the link of the earlier one stops working."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    with db.writing() as session:
        user = session.get(User, user_id)
        if user is None:
            abort(404)
        sent = events.invite(session, user)
    if sent:
        flash(f"A new invitation to {user.email} is queued.", "success")
    else:
        flash(f"{user.name} is deactivated: reactivate them before inviting them.", "error")
    return redirect(url_for("admin.edit_user", user_id=user_id))
