"""`flask practice`: keep practice media only as long as the retention setting says."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from lms.practice.storage import storage_from_settings
from lms.practice.submissions import purge_media


@click.group("practice")
def practice():
    """Practice media."""


@practice.command("purge")
@click.option("--days", type=click.IntRange(min=0), help="Override PRACTICE_RETENTION_DAYS.")
@with_appcontext
def purge(days: int | None):
    """Delete recordings of decided versions older than the retention; reviews stay."""
    days = days if days is not None else current_app.config.get("PRACTICE_RETENTION_DAYS")
    if days is None:
        click.echo("PRACTICE_RETENTION_DAYS is not set: recordings are kept.")
        return
    storage = storage_from_settings(current_app.config, current_app.instance_path)
    click.echo(f"Deleted {purge_media(storage, int(days))} recordings older than {days} days.")
