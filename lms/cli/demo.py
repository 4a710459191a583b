"""`flask demo`: demo accounts and progress."""

import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from lms.catalog.importer import import_catalog
from lms.cli.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PATH, seed_demo
from lms.cli.seed_certification import seed_certifications
from lms.cli.seed_library import seed_library
from lms.cli.seed_org import seed_organisation
from lms.cli.seed_reinforcement import seed_reinforcement
from lms.content.loader import load_catalog
from lms.db import db
from lms.models import LearningPath


@click.command()
@click.option(
    "--reps",
    type=click.IntRange(min=1),
    help="Also seed an organisation of this many reps in teams of 100 (for benchmarks).",
)
@with_appcontext
def demo(reps: int | None):
    """Create the demo accounts and Team Atlas (idempotent); imports COURSES_DIR if needed."""
    app = current_app
    if not (app.debug or app.testing or app.config["ALLOW_DEMO_ACCOUNTS"]):
        # The demo admin's password is published: such an account must never reach production.
        raise click.ClickException(
            "Demo accounts have a published password; set LMS_ALLOW_DEMO_ACCOUNTS=true "
            "only on a machine nobody else can reach."
        )
    if db.session.scalar(select(LearningPath).where(LearningPath.slug == DEMO_PATH)) is None:
        catalog = load_catalog(Path(current_app.config["COURSES_DIR"]))
        if catalog.errors:
            raise click.ClickException(
                "The courses folder has errors; run `flask courses validate`."
            )
        with db.writing() as session:
            import_catalog(session, catalog)
    created = seed_demo() + seed_certifications()
    seed_library()
    click.echo(f"Demo accounts ({len(created)} new), password {DEMO_PASSWORD}:")
    for email, _name, role in DEMO_ACCOUNTS:
        click.echo(f"  {role.value:8} {email}")
    if reps:
        started = time.perf_counter()
        counts = seed_organisation(reps)
        click.echo(
            f"Organisation: {counts['reps']} new reps, {counts['progress']} progress rows, "
            f"{counts['attempts']} attempts, {counts['judgements']} judgements "
            f"in {time.perf_counter() - started:.1f} s"
        )
    click.echo(
        f"Reinforcement: {seed_reinforcement()} boost answers for reps who completed modules"
    )
