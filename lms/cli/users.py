"""`flask users create` and `flask users import`."""

from datetime import date

import click
from flask.cli import AppGroup

from lms.db import db
from lms.models import Role
from lms.user_import import COLUMNS, ImportRefused, import_users
from lms.users import UserError, create_user


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
                start_date=start_date.date() if start_date else date.today(),
                path_slug=path_slug,
            )
    except UserError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.role} {user.email}")


@users.command("import")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
def import_csv(csv_file):
    """Create the people in an HR export, all or none; columns as in the header line.

    Every error is listed as `line N: message`. Imported people have no usable password
    until an admin sets one for them in the app.
    """
    try:
        with db.writing() as session:
            created = import_users(session, csv_file.read(), date.today())
    except ImportRefused as refused:
        for error in refused.errors:
            click.echo(error, err=True)
        raise click.ClickException(
            f"{len(refused.errors)} error(s); nothing was imported. "
            f"Columns: {','.join(COLUMNS)}; dates as YYYY-MM-DD."
        ) from refused
    click.echo(
        f"Imported {len(created)} user(s). Set each one's password under Admin > Users "
        "before they sign in."
    )
