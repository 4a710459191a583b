"""`flask courses validate|import DIR`."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from lms.content.loader import load_catalog
from lms.db import db
from lms.importer import import_catalog


def _catalog_or_exit(directory: Path):
    """Load and report every problem; exit 1 when there is any error."""
    catalog = load_catalog(directory)
    for problem in catalog.problems:
        click.echo(str(problem), err=True)
    if catalog.errors:
        click.echo(
            f"{len(catalog.errors)} error(s), {len(catalog.warnings)} warning(s) in {directory}",
            err=True,
        )
        raise SystemExit(1)
    return catalog


@click.group(cls=AppGroup)
def courses():
    """Validate and import course folders."""


@courses.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(directory: Path):
    """Check a courses folder; print every problem as path:line: message."""
    catalog = _catalog_or_exit(directory)
    modules = sum(len(c.modules) for c in catalog.courses)
    questions = sum(len(m.questions) for c in catalog.courses for m in c.modules)
    click.echo(
        f"OK: {len(catalog.courses)} courses, {modules} modules, {questions} questions, "
        f"{len(catalog.paths)} paths, {len(catalog.warnings)} warning(s)"
    )


@courses.command("import")
@click.argument(
    "directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
def import_command(directory: Path | None):
    """Validate, then store a courses folder in one transaction (default: COURSES_DIR)."""
    directory = directory or Path(current_app.config["COURSES_DIR"])
    catalog = _catalog_or_exit(directory)
    with db.writing() as session:
        summary = import_catalog(session, catalog)
    click.echo(f"Imported {directory}")
    for line in summary.lines():
        click.echo(f"  {line}")
