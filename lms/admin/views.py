"""Admin pages: users (list, create, edit, password, deactivate, history) and teams."""

from __future__ import annotations

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
from flask_wtf import FlaskForm

from lms.admin import queries
from lms.admin.forms import (
    ActionForm,
    AddManagerForm,
    NewTeamForm,
    NewUserForm,
    PasswordForm,
    TeamNameForm,
    TeamWebhooksForm,
    UserDetailsForm,
    UserFilterForm,
)
from lms.admin.imports import bp as imports_bp
from lms.catalog.queries import live_paths
from lms.db import db
from lms.extensions import login_manager
from lms.messaging.events import invite
from lms.messaging.webhooks import WebhookError, check_url
from lms.models import Role, Team, User
from lms.people.teams import (
    add_manager,
    create_team,
    delete_team,
    manager_candidates,
    remove_manager,
    rename_team,
)
from lms.people.user_events import describe, history_page, source
from lms.people.users import (
    UserError,
    create_user,
    deactivate_user,
    reactivate_user,
    set_password,
    update_user,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.register_blueprint(imports_bp)  # /admin/users/import: guarded by _admins_only below too


@bp.before_request
def _admins_only():
    """Every admin page: anonymous visitors sign in first; non-admins get 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role is not Role.ADMIN:
        abort(403)
    return None


def _show_error(form: FlaskForm, error: UserError) -> None:
    """Put a refusal on the field it concerns, or at the top of the page."""
    field = getattr(form, error.field, None) if error.field else None
    if field is None:
        flash(str(error), "error")
    else:
        field.errors = [*field.errors, str(error)]


def _user_or_404(user_id: int) -> User:
    user = queries.user_with_teams(db.session, user_id)
    if user is None:
        abort(404)
    return user


def _team_or_404(team_id: int) -> Team:
    team = queries.team_with_people(db.session, team_id)
    if team is None:
        abort(404)
    return team


def _chosen_team(session, team_id: int | None) -> Team | None:
    """The team picked in a form; it may have gone since the form was shown."""
    if team_id is None:
        return None
    team = session.get(Team, team_id)
    if team is None:
        raise UserError("That team no longer exists; choose another.", "team")
    return team


@bp.get("/users")
def users():
    """Every user, searchable and filtered by role, team and status, a page at a time."""
    teams = queries.all_teams(db.session)
    form = UserFilterForm(request.args)
    form.fill_choices(teams)
    form.validate()
    # A filter that is not one of its choices (a hand-edited URL) is simply ignored.
    errors = form.errors
    valid = {name: "" if name in errors else (value or "") for name, value in form.data.items()}
    filters = queries.UserFilters(
        q=valid["q"].strip(), role=valid["role"], team=valid["team"], status=valid["status"]
    )
    page = queries.user_page(db.session, filters, request.args.get("page", 1, type=int))
    return render_template("admin/users.html", form=form, filters=filters, page=page)


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """Create an account with a team, a path and an initial password."""
    form = NewUserForm()
    form.fill_choices(queries.all_teams(db.session), live_paths(db.session))
    if form.validate_on_submit():
        try:
            with db.writing() as session:
                team = _chosen_team(session, form.team.data)
                user = create_user(
                    session,
                    email=form.email.data,
                    name=form.name.data,
                    role=Role(form.role.data),
                    password=form.password.data,
                    team_name=team.name if team else None,
                    start_date=form.start_date.data,
                    path_slug=form.path.data or None,
                    actor=current_user,
                )
                invite(session, user)  # issue 14: a link to choose their own password
        except UserError as error:
            _show_error(form, error)
        else:
            flash(f"{user.name} can now sign in as {user.email}.", "success")
            flash("An invitation to choose their own password is on its way by email.", "info")
            return redirect(url_for("admin.users"))
    return render_template("admin/new_user.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    """Change a user's name, email, role, team and start date."""
    user = _user_or_404(user_id)
    form = UserDetailsForm(
        data={
            "name": user.name,
            "email": user.email,
            "role": user.role.value,
            "team": user.team_id,
            "start_date": user.start_date,
        }
    )
    form.fill_choices(queries.all_teams(db.session))
    if form.validate_on_submit():
        try:
            if user.id == current_user.id and form.role.data != Role.ADMIN.value:
                raise UserError("You cannot take away your own admin role.", "role")
            with db.writing() as session:
                update_user(
                    session,
                    user,
                    email=form.email.data,
                    name=form.name.data,
                    role=Role(form.role.data),
                    team=_chosen_team(session, form.team.data),
                    start_date=form.start_date.data,
                    actor=current_user,
                )
        except UserError as error:
            _show_error(form, error)
        else:
            flash(f"Saved the changes to {user.name}.", "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template(
        "admin/edit_user.html",
        user=user,
        form=form,
        password_form=PasswordForm(formdata=None),
        action_form=ActionForm(formdata=None),
    )


@bp.post("/users/<int:user_id>/password")
def password(user_id: int):
    """Give a user a new password; it is never shown back."""
    user = _user_or_404(user_id)
    password_form = PasswordForm()
    if password_form.validate_on_submit():
        try:
            with db.writing() as session:
                set_password(session, user, password_form.password.data, current_user)
        except UserError as error:
            _show_error(password_form, error)
        else:
            flash(f"{user.name} has a new password; their sessions have ended.", "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    form = UserDetailsForm(formdata=None, obj=user, role=user.role.value, team=user.team_id)
    form.fill_choices(queries.all_teams(db.session))
    return render_template(
        "admin/edit_user.html",
        user=user,
        form=form,
        password_form=password_form,
        action_form=ActionForm(formdata=None),
    )


@bp.post("/users/<int:user_id>/deactivate")
def deactivate(user_id: int):
    """Stop a user signing in and end their sessions; their history stays."""
    user = _user_or_404(user_id)
    if ActionForm().validate_on_submit():
        if user.id == current_user.id:
            flash("You cannot deactivate your own account; ask another admin.", "error")
        else:
            with db.writing() as session:
                deactivate_user(session, user, current_user)
            flash(
                f"{user.name} is deactivated: they cannot sign in; their progress is kept.",
                "success",
            )
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/reactivate")
def reactivate(user_id: int):
    """Let a deactivated user sign in again."""
    user = _user_or_404(user_id)
    if ActionForm().validate_on_submit():
        with db.writing() as session:
            reactivate_user(session, user, current_user)
        flash(f"{user.name} can sign in again.", "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.get("/users/<int:user_id>/history")
def history(user_id: int):
    """Everything that happened to a user, newest first, a page at a time."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    page = history_page(db.session, user.id, request.args.get("page", 1, type=int))
    return render_template(
        "admin/history.html", user=user, page=page, describe=describe, source=source
    )


@bp.route("/teams", methods=["GET", "POST"])
def teams():
    """Every team with its managers and size; and a form to create one."""
    form = NewTeamForm()
    managers = manager_candidates(db.session)
    form.fill_choices(managers)
    if form.validate_on_submit():
        try:
            with db.writing() as session:
                manager = session.get(User, form.manager.data)
                team = create_team(session, form.name.data, manager, current_user)
        except UserError as error:
            _show_error(form, error)
        else:
            flash(f"Created {team.name}.", "success")
            return redirect(url_for("admin.team", team_id=team.id))
    rows = queries.team_rows(db.session)
    return render_template("admin/teams.html", rows=rows, form=form, managers=managers)


def _render_team(team: Team, rename_form=None, manager_form=None, webhooks_form=None):
    """The team page with its forms, some of them carrying errors."""
    candidates = [m for m in manager_candidates(db.session) if m not in team.managers]
    manager_form = manager_form or AddManagerForm(formdata=None)
    manager_form.fill_choices(candidates)
    return render_template(
        "admin/team.html",
        team=team,
        members=sorted(team.members, key=lambda u: (not u.active, u.name.lower())),
        rename_form=rename_form or TeamNameForm(formdata=None, name=team.name),
        manager_form=manager_form,
        webhooks_form=webhooks_form
        or TeamWebhooksForm(
            formdata=None, slack=team.slack_webhook_url, teams=team.teams_webhook_url
        ),
        action_form=ActionForm(formdata=None),
        candidates=candidates,
    )


def _change_team(team: Team, form_name: str, form: FlaskForm, change, done):
    """Apply a valid team form in one transaction and go back to the team page.

    `change(session)` makes the change; `done(its result)` says what was done. A refusal
    shows the team page again with the form (passed as `form_name`) and its message.
    """
    if form.validate_on_submit():
        try:
            with db.writing() as session:
                result = change(session)
        except UserError as error:
            _show_error(form, error)
        else:
            flash(done(result), "success")
            return redirect(url_for("admin.team", team_id=team.id))
    return _render_team(team, **{form_name: form})


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
def team(team_id: int):
    """A team's managers and members; rename it."""
    team = _team_or_404(team_id)
    if request.method == "GET":
        return _render_team(team)
    form = TeamNameForm()
    return _change_team(
        team,
        "rename_form",
        form,
        lambda session: rename_team(session, team, form.name.data),
        lambda _: f"Renamed the team to {team.name}.",
    )


@bp.post("/teams/<int:team_id>/webhooks")
def team_webhooks(team_id: int):
    """Set or clear the Slack and Teams webhooks the team's weekly digest is posted to."""
    team = _team_or_404(team_id)
    form = TeamWebhooksForm()
    if not form.validate_on_submit():
        return _render_team(team, webhooks_form=form)
    allow_http = bool(current_app.config.get("WEBHOOK_ALLOW_HTTP"))
    urls = {}
    for field in (form.slack, form.teams):
        try:
            urls[field.name] = check_url(field.data, allow_http) if field.data else None
        except WebhookError as error:
            field.errors.append(str(error))
    if form.slack.errors or form.teams.errors:
        return _render_team(team, webhooks_form=form), 422
    with db.writing() as session:
        saved = session.get(Team, team.id)
        saved.slack_webhook_url, saved.teams_webhook_url = urls["slack"], urls["teams"]
    flash(f"Saved the webhooks of {team.name}.", "success")
    return redirect(url_for("admin.team", team_id=team.id))


@bp.post("/teams/<int:team_id>/managers")
def add_team_manager(team_id: int):
    """Make another manager or admin one of the team's managers."""
    team = _team_or_404(team_id)
    form = AddManagerForm()
    form.fill_choices(manager_candidates(db.session))

    def add(session) -> User:
        manager = session.get(User, form.manager.data)
        add_manager(session, team, manager, current_user)
        return manager

    return _change_team(
        team, "manager_form", form, add, lambda manager: f"{manager.name} now manages {team.name}."
    )


@bp.post("/teams/<int:team_id>/managers/<int:user_id>/remove")
def remove_team_manager(team_id: int, user_id: int):
    """Take a manager off a team, never its last."""
    team = _team_or_404(team_id)
    manager = next((m for m in team.managers if m.id == user_id), None)
    if manager is None:
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            with db.writing() as session:
                remove_manager(session, team, manager, current_user)
        except UserError as error:
            flash(str(error), "error")
        else:
            flash(f"{manager.name} no longer manages {team.name}.", "success")
    return redirect(url_for("admin.team", team_id=team.id))


@bp.post("/teams/<int:team_id>/delete", endpoint="delete_team")
def delete_team_view(team_id: int):
    """Delete a team that has no members; its managers' histories say so."""
    team = _team_or_404(team_id)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("admin.team", team_id=team.id))
    try:
        with db.writing() as session:
            delete_team(session, team, current_user)
    except UserError as error:
        flash(str(error), "error")
        return redirect(url_for("admin.team", team_id=team.id))
    flash(f"Deleted the team {team.name}.", "success")
    return redirect(url_for("admin.teams"))
