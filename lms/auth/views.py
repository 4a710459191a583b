"""Sign in and out, and change one's password."""

import logging
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, logout_user
from sqlalchemy import select

from lms import clock
from lms.auth import throttle
from lms.auth.forms import LoginForm, PasswordChangeForm, TimeZoneForm
from lms.db import db, reread
from lms.extensions import csrf, limiter, login_manager
from lms.models import User
from lms.people.passwords import verify_password
from lms.people.users import UserError, set_password
from lms.web.landing import landing_url, remember_on_path
from lms.web.security import loggable, request_id
from lms.web.sessions import end_all_sessions, start_session

bp = Blueprint("auth", __name__)


class WrongPassword(Exception):
    """The current password given to change it is not the user's."""


log = logging.getLogger(__name__)

login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Find the user a session belongs to; a rotated token ends the session."""
    raw_id, _, token = user_id.partition(":")
    if not raw_id.isdigit():
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def _safe_next(target: str | None) -> str | None:
    """Only follow a `next` that stays on this site."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@csrf.exempt  # checked inside, after the limits, so refused tokens count per address
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_IP"],
    key_func=throttle.address_key,
    methods=["POST"],
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT_AND_IP"],
    key_func=throttle.account_address_key,
    methods=["POST"],
    deduct_when=throttle.failed,
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=throttle.account_key,
    methods=["POST"],
    deduct_when=throttle.failed,
    exempt_when=throttle.known_device,
)
def login():
    """Show the sign-in form and sign the user in."""
    if request.method == "POST" and current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()
    if current_user.is_authenticated:
        return redirect(landing_url(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(User.email == email))
        if verify_password(user.password_hash if user else None, form.password.data) and (
            user.active
        ):
            start_session(user)
            remember_on_path(user)
            log.info(
                "sign-in user=%s from %s request=%s",
                user.id,
                loggable(request.remote_addr),
                request_id(),
            )
            target = _safe_next(request.args.get("next")) or landing_url(user)
            return throttle.remember_device(redirect(target), user.email)
        log.warning(
            "failed sign-in for %r from %s request=%s",
            email,
            loggable(request.remote_addr),
            request_id(),
        )
        form.password.errors.append("That email and password do not match an active account.")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Sign out here and on every other device."""
    end_all_sessions(current_user.id)
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", key_func=lambda: f"password:{current_user.id}", methods=["POST"])
def change_password():
    """Change one's own password; every other session ends."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            # One transaction: the current password checked against the hash read inside it,
            # the new hash and the new session token (every other session ends) together.
            with db.writing() as write:
                user = write.get(User, current_user.id)
                reread(write, user)
                if not verify_password(user.password_hash, form.current_password.data):
                    raise WrongPassword
                set_password(write, user, form.new_password.data, actor=user)
        except WrongPassword:
            log.warning("wrong current password user=%s request=%s", current_user.id, request_id())
            form.current_password.errors.append("That is not your current password.")
        except UserError as error:
            form.new_password.errors.append(str(error))
        else:
            start_session(user)
            flash("Your password is changed. Other devices are signed out.", "success")
            return redirect(url_for("learn.home"))
    return render_template("auth/password.html", form=form)


@bp.route("/account/time-zone", methods=["GET", "POST"])
@login_required
def time_zone():
    """Choose one's own time zone: it decides what "today" and "due tomorrow" mean."""
    form = TimeZoneForm()
    organisation = current_app.config.get("TIME_ZONE") or "UTC"
    form.fill_choices(organisation)
    if request.method == "GET":
        form.time_zone.data = current_user.time_zone or ""
    elif form.validate_on_submit():
        with db.writing() as write:
            write.get(User, current_user.id).time_zone = form.time_zone.data or None
        chosen = form.time_zone.data or f"the organisation's ({organisation})"
        flash(f"Your time zone is now {chosen}.", "success")
        return redirect(url_for("auth.time_zone"))
    return render_template("auth/time_zone.html", form=form, today=clock.today())
