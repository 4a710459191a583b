"""`flask db upgrade|current|backup`: Alembic migrations and consistent copies."""

import os
import shutil
import sqlite3

# Only ever runs pg_dump with a fixed argument list, never through a shell.
import subprocess  # nosec B404
from contextlib import closing
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.engine import URL, make_url

MIGRATIONS = Path(__file__).resolve().parent.parent.parent / "migrations"


def alembic_config(url: str):
    """An Alembic config for the project's migrations against a database URL."""
    # Alembic is imported when used: it is a tenth of a second of every process start.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@click.group("db", cls=AppGroup)
def database():
    """Database schema migrations and backups."""


@database.command()
@click.argument("revision", default="head")
def upgrade(revision: str):
    """Bring the database to the latest schema (or to REVISION)."""
    from alembic import command

    command.upgrade(alembic_config(current_app.config["DATABASE_URL"]), revision)
    click.echo("Database is at the latest schema.")


@database.command()
def current():
    """Show the database's schema revision."""
    from alembic import command

    command.current(alembic_config(current_app.config["DATABASE_URL"]))


@database.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path):
    """Write a consistent copy of the database to FILE while the app keeps running."""
    url = make_url(current_app.config["DATABASE_URL"])
    try:
        # Created here, readable by its owner only: a backup holds every record and hash.
        os.close(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise click.ClickException(f"{file} exists; choose a new file name.") from None
    if url.get_backend_name() == "sqlite":
        _backup_sqlite(url.database, file)
    elif url.get_backend_name() == "postgresql":
        _backup_postgresql(url, file)
    else:
        file.unlink()
        raise click.ClickException(f"No backup method for {url.get_backend_name()} databases.")
    click.echo(f"Backed up the database to {file}")


def _backup_sqlite(source: str | None, file: Path) -> None:
    """SQLite's online backup: a snapshot of one moment, while writers carry on."""
    if not source or source == ":memory:":
        file.unlink()
        raise click.ClickException("An in-memory database cannot be backed up.")
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(file)) as copy:
        live.backup(copy)
        # The copy is a standalone file: no -wal sidecar needed to open it.
        copy.execute("PRAGMA journal_mode=DELETE")


def _backup_postgresql(url: URL, file: Path) -> None:
    """pg_dump's custom format: one transaction's snapshot; restore with pg_restore."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        file.unlink()
        raise click.ClickException("pg_dump is not installed (apt-get install postgresql-client).")
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password  # kept off the command line, where `ps` shows it
    args = [pg_dump, "--format=custom", "--no-owner", f"--file={file}"]
    for flag, value in (("--host", url.host), ("--port", url.port), ("--username", url.username)):
        if value:
            args.append(f"{flag}={value}")
    args.append(f"--dbname={url.database}")
    # A fixed argument list, no shell: the URL's parts cannot inject commands.
    result = subprocess.run(args, env=env, capture_output=True, text=True)  # nosec B603
    if result.returncode != 0:
        file.unlink(missing_ok=True)
        raise click.ClickException(f"pg_dump failed: {result.stderr.strip()}")
