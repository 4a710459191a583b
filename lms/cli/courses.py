"""`flask courses validate|import DIR`, `flask courses export COURSE DIR`, `gift-export COURSE`."""

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.catalog.export import export_files
from lms.catalog.files import live_courses, write_files
from lms.catalog.impact import new_material_due, rehearse
from lms.catalog.importer import ImportSummary, import_catalog, stored_html
from lms.content.gift_write import GiftExportError, gift_export
from lms.content.loader import Stored, load_catalog
from lms.db import db
from lms.models import Course


def _catalog_or_exit(directory: Path, fmt: str = "text", stored: Stored | None = None):
    """Load and report every problem; exit 1 when there is any error."""
    catalog = load_catalog(directory, stored=stored)
    if fmt == "json":
        # stdout holds only the array, so editors and CI can parse it whatever the outcome.
        problems = [
            {"file": p.path, "line": p.line, "message": p.message, "severity": str(p.severity)}
            for p in catalog.problems
        ]
        click.echo(json.dumps(problems, ensure_ascii=False, indent=2))
        if catalog.errors:
            raise SystemExit(1)
        return catalog
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: a JSON array of {file, line, message, severity} on stdout.",
)
def validate(directory: Path, fmt: str):
    """Check a courses folder; print every problem as path:line: message (or JSON)."""
    catalog = _catalog_or_exit(directory, fmt)
    if fmt == "json":
        return
    modules = sum(len(c.modules) for c in catalog.courses)
    questions = sum(len(m.questions) for c in catalog.courses for m in c.modules)
    click.echo(
        f"OK: {len(catalog.courses)} courses, {modules} modules, {questions} questions, "
        f"{len(catalog.paths)} paths, {len(catalog.warnings)} warning(s)"
    )


# Exit status of an import that stored everything except the modules edited in the app.
EXIT_CONFLICTS = 3


def _report_conflicts(summary: ImportSummary) -> None:
    """Name every module left alone, and the two ways forward; exit EXIT_CONFLICTS."""
    click.echo(
        f"{len(summary.conflicts)} module(s) were published in the app since their last import "
        "and were left as they are:",
        err=True,
    )
    for conflict in summary.conflicts:
        click.echo(f"  {conflict}", err=True)
    click.echo(
        "Keep the app's text: `flask courses export COURSE DIR`, commit it, import again.\n"
        "Replace it with the files: `flask courses import --overwrite`.",
        err=True,
    )
    raise SystemExit(EXIT_CONFLICTS)


@courses.command("import")
@click.argument(
    "directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--rerender",
    is_flag=True,
    help="Render every file again, even unchanged ones (after changing the renderer).",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace modules published in the app since their last import with the files.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print what the import would change and which reps it reaches; store nothing.",
)
@click.option(
    "--require-new-material",
    is_flag=True,
    help="Reps who completed a course that gains modules must do them within "
    "NEW_MATERIAL_GRACE_DAYS days (default: the new modules are optional for them).",
)
def import_command(
    directory: Path | None,
    rerender: bool,
    overwrite: bool,
    dry_run: bool,
    require_new_material: bool,
):
    """Validate, then store a courses folder in one transaction (default: COURSES_DIR).

    Modules published in the app since their last import are left as they are and listed
    (exit status 3) unless --overwrite is given; everything else is stored.
    """
    directory = directory or Path(current_app.config["COURSES_DIR"])
    # Unchanged files keep their stored HTML, so a re-import renders only what changed.
    catalog = _catalog_or_exit(directory, stored=None if rerender else stored_html(db.session))
    due = new_material_due(require_new_material)

    def run(session):
        return import_catalog(session, catalog, overwrite=overwrite, new_material_due=due)

    if dry_run:
        # The importer itself runs, in a transaction that is rolled back.
        impact = rehearse(run)
        click.echo(f"Dry run of {directory}: nothing was stored")
        for line in impact.lines():
            click.echo(f"  {line}")
        _report_new_material(impact.summary, due)
        for conflict in impact.summary.conflicts:
            click.echo(f"  would be left as it is: {conflict}", err=True)
        return
    with db.writing() as session:
        summary = run(session)
    click.echo(f"Imported {directory}")
    for line in summary.lines():
        click.echo(f"  {line}")
    _report_new_material(summary, due)
    if summary.conflicts:
        _report_conflicts(summary)


def _report_new_material(summary: ImportSummary, due) -> None:
    """Say what reps who had completed a course that gains modules must do."""
    if not summary.grown_courses:
        return
    if due is None:
        click.echo("  New modules are optional for reps who had completed their course")
    else:
        click.echo(
            f"  {summary.new_material_reps} rep(s) who had completed a course must do its "
            f"new modules by {due.isoformat()}"
        )


@courses.command("export")
@click.argument("arguments", nargs=-1, required=True, metavar="[COURSE] DIR")
@click.option("--all", "every", is_flag=True, help="Every published course, and paths.yml.")
def export_command(arguments: tuple[str, ...], every: bool):
    """Write a stored course's folder into DIR, as the zip export holds it (--all: every one).

    Use it to bring edits made in the app back into the courses repository.
    """
    if len(arguments) != (1 if every else 2):
        raise click.UsageError("give COURSE DIR, or --all DIR")
    directory = Path(arguments[-1])
    if every:
        chosen = live_courses(db.session)
    else:
        course = db.session.scalar(select(Course).where(Course.slug == arguments[0]))
        if course is None:
            raise click.ClickException(_unknown_course(arguments[0]))
        chosen = [course]
    files = export_files(db.session, chosen, every_path=True)
    if not every:  # paths.yml lists every course; one course's export must not cut it down
        files = {name: data for name, data in files.items() if "/" in name}
    write_files(directory, files)
    for course in chosen:
        folder = directory / course.slug
        stale = sorted(
            p.relative_to(directory).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and p.relative_to(directory).as_posix() not in files
        )
        for name in stale:
            click.echo(f"{name}: not in the app, left in place (delete it if stale)", err=True)
    click.echo(f"Wrote {len(files)} file(s) of {len(chosen)} course(s) to {directory}")


def _unknown_course(slug: str) -> str:
    known = ", ".join(db.session.scalars(select(Course.slug).order_by(Course.slug)))
    return (
        f'no course "{slug}" in the database: import it first, or use one of: '
        f"{known or 'none imported yet'}"
    )


@courses.command("gift-export")
@click.argument("slug", metavar="COURSE")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of stdout.",
)
def gift_export_command(slug: str, output: Path | None):
    """Write a stored course's questions as Moodle GIFT that re-imports to the same questions."""
    course = db.session.scalar(
        select(Course).where(Course.slug == slug).options(selectinload(Course.modules))
    )
    if course is None:
        raise click.ClickException(_unknown_course(slug))
    try:
        text = gift_export(course)
    except GiftExportError as exc:
        raise click.ClickException(f"{slug} cannot be exported: {exc}") from exc
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote the questions of {slug} to {output}", err=True)
