"""`flask db upgrade|current`: Alembic migrations."""

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import current_app
from flask.cli import AppGroup

MIGRATIONS = Path(__file__).resolve().parent.parent.parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic config for the project's migrations against a database URL."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@click.group("db", cls=AppGroup)
def database():
    """Database schema migrations."""


@database.command()
@click.argument("revision", default="head")
def upgrade(revision: str):
    """Bring the database to the latest schema (or to REVISION)."""
    command.upgrade(alembic_config(current_app.config["DATABASE_URL"]), revision)
    click.echo("Database is at the latest schema.")


@database.command()
def current():
    """Show the database's schema revision."""
    command.current(alembic_config(current_app.config["DATABASE_URL"]))
