"""`flask demo`: demo accounts and progress."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from lms.content.loader import load_catalog
from lms.db import db
from lms.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PATH, seed_demo
from lms.importer import import_catalog
from lms.models import LearningPath


@click.command()
@with_appcontext
def demo():
    """Create the demo accounts (idempotent); imports COURSES_DIR first if needed."""
    if db.session.scalar(select(LearningPath).where(LearningPath.slug == DEMO_PATH)) is None:
        catalog = load_catalog(Path(current_app.config["COURSES_DIR"]))
        if catalog.errors:
            raise click.ClickException(
                "The courses folder has errors; run `flask courses validate`."
            )
        with db.writing() as session:
            import_catalog(session, catalog)
    created = seed_demo()
    click.echo(f"Demo accounts ({len(created)} new), password {DEMO_PASSWORD}:")
    for email, _name, role in DEMO_ACCOUNTS:
        click.echo(f"  {role.value:8} {email}")
