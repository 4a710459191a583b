"""`flask users create` and `flask users import`."""

from pathlib import Path

import click
from flask.cli import AppGroup

from lms import clock
from lms.db import db
from lms.models import Role
from lms.people.import_plan import apply_plan, plan_import
from lms.people.user_import import COLUMNS, ImportRefused, decode
from lms.people.users import UserError, create_user


@click.group(cls=AppGroup)
def users():
    """Manage user accounts."""


@users.command()
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--team", "team_name", help="Team name; created if new.")
@click.option("--manager", "manager_email", help="Email of the team's manager.")
@click.option("--start-date", type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--path", "path_slug", help="Onboarding path slug to put a rep on.")
@click.password_option("--password", prompt=True, confirmation_prompt=True)
def create(email, name, role, team_name, manager_email, start_date, path_slug, password):
    """Create a user; a rep with --path starts it on their start date."""
    try:
        with db.writing() as session:
            user = create_user(
                session,
                email=email,
                name=name,
                role=Role(role),
                password=password,
                team_name=team_name,
                manager_email=manager_email,
                start_date=start_date.date() if start_date else clock.today(),
                path_slug=path_slug,
            )
    except UserError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.role} {user.email}")


@users.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--deactivate-missing",
    is_flag=True,
    help="Deactivate active reps and managers who are not in the file (never admins or trainers).",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
def import_csv(csv_file: Path, deactivate_missing: bool, dry_run: bool):
    """Create and update the people in an HR export, all or nothing; safe to run again.

    People are matched by email: new ones are created, names and teams of the others are
    updated. Every problem is listed as `line N: message`. Imported people have no usable
    password until an admin sets one for them in the app.
    """
    try:
        with db.writing() as session:
            text = decode(csv_file.read_bytes())
            plan = plan_import(session, text, clock.today(), deactivate_missing)
            if plan.errors:
                raise ImportRefused(plan.errors)
            for notice in plan.notices:
                click.echo(notice)
            _echo_changes(plan)
            if dry_run:
                session.rollback()
                click.echo(f"Dry run: {plan.summary()} Nothing was changed.")
                return
            apply_plan(session, plan, None, csv_file.name)
    except ImportRefused as refused:
        for error in refused.errors:
            click.echo(error, err=True)
        raise click.ClickException(
            f"{len(refused.errors)} error(s); nothing was imported. "
            f"Columns: {','.join(COLUMNS)}; dates as YYYY-MM-DD."
        ) from refused
    click.echo(plan.summary(done=True))
    if plan.created:
        click.echo("Set each new person's password under Admin > Users before they sign in.")


def _echo_changes(plan) -> None:
    """One line per change, so the output can be reviewed or kept."""
    for p in plan.created:
        click.echo(
            f"line {p.line}: create {p.email} ({p.role.value}{', ' + p.team if p.team else ''})"
        )
    for u in plan.updated:
        changes = "; ".join(f"{k} {old or 'none'} -> {new}" for k, (old, new) in u.changes.items())
        click.echo(f"line {u.line}: update {u.user.email}: {changes}")
    for m in plan.managing:
        click.echo(f"line {m.line}: {m.email} becomes a manager of {m.team}")
    for user in plan.deactivated:
        click.echo(f"deactivate {user.email} (not in the file)")
