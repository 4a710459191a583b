"""Import folders and uploads, check and publish edits: everything through load_catalog."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from lms.authoring import upload
from lms.authoring.files import course_files, live_courses, write_files, write_stubs
from lms.content import model as content
from lms.content.loader import load_catalog
from lms.content.model import Problem
from lms.content.paths import PATHS_FILE
from lms.db import db
from lms.importer import ImportSummary, import_catalog, stored_html
from lms.models import Course, Module, ModuleVersion


@dataclass
class Outcome:
    """What an import or a publish did: a summary when stored, else the problems."""

    summary: ImportSummary | None = None
    problems: list[Problem] = field(default_factory=list)
    conflict: int | None = None  # the version someone else published meanwhile

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is content.Severity.ERROR]


def import_directory(
    directory: Path, author_id: int | None, overwrite: set[str] | None = None
) -> Outcome:
    """Validate and import a whole courses folder, as `flask courses import` does.

    overwrite: the "course/module" keys of modules edited in the app the trainer confirmed
    may be replaced; any other such module is left alone and listed in summary.conflicts.
    """
    if not directory.is_dir():
        return Outcome(problems=[Problem(str(directory), 1, "COURSES_DIR is not a folder")])
    catalog = load_catalog(directory, stored=stored_html(db.session))
    if catalog.errors:
        return Outcome(problems=catalog.problems)
    with db.writing() as session:
        summary = import_catalog(
            session, catalog, author_id=author_id, overwrite=overwrite or set()
        )
    return Outcome(summary, catalog.warnings)


def _uploaded_slugs(root: Path) -> set[str]:
    return {d.name for d in root.iterdir() if d.is_dir() and not d.name.startswith((".", "_"))}


def import_upload(
    data: bytes,
    filename: str,
    author_id: int | None,
    limits: upload.Limits,
    overwrite: set[str] | None = None,
) -> Outcome:
    """Check, unpack and validate a .zip beside the stored courses; store it only if valid.

    The zip's courses are added or updated; courses and paths it does not hold stay as
    they are. Stored courses take part in validation as stubs, so prerequisites and
    paths.yml may name them.
    """
    archive, problems = upload.check(data, filename, limits)
    if archive is None:
        return Outcome(problems=problems)
    with tempfile.TemporaryDirectory(prefix="repready-upload-") as tmp:
        root = Path(tmp)
        problems = upload.extract(archive, root, limits)
        if problems:
            return Outcome(problems=problems)
        uploaded = _uploaded_slugs(root)
        has_paths = (root / PATHS_FILE).is_file()
        write_stubs(root, live_courses(db.session), skip=uploaded)
        catalog = load_catalog(root)
    if catalog.errors:
        return Outcome(problems=catalog.problems)
    scoped = content.Catalog(
        courses=[c for c in catalog.courses if c.slug in uploaded],
        paths=catalog.paths if has_paths else [],
    )
    with db.writing() as session:
        summary = import_catalog(
            session,
            scoped,
            author_id=author_id,
            retire_missing=False,
            overwrite=overwrite or set(),
        )
    return Outcome(summary, catalog.warnings)


@dataclass
class Checked:
    """An edited module loaded with its course: what reps would see, or what is wrong."""

    course: content.Course | None
    module: content.Module | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is content.Severity.ERROR]


def normalize(source: str) -> str:
    """Browsers send CRLF from a textarea; files use LF."""
    return source.replace("\r\n", "\n").replace("\r", "\n")


def check_edit(
    course: Course, module: Module, source: str, quiz_source: str | None = None
) -> Checked:
    """Load the course from its stored files with this module's file replaced."""
    replace = {f"{course.slug}/{module.filename}": source}
    if quiz_source is not None and module.quiz_file:
        replace[f"{course.slug}/{module.quiz_file}"] = quiz_source
    with tempfile.TemporaryDirectory(prefix="repready-edit-") as tmp:
        root = Path(tmp)
        write_files(root, course_files(db.session, [course], replace))
        write_stubs(root, live_courses(db.session), skip={course.slug})
        catalog = load_catalog(root)
    parsed = next((c for c in catalog.courses if c.slug == course.slug), None)
    edited = None
    if parsed is not None:
        edited = next((m for m in parsed.modules if m.filename == module.filename), None)
    return Checked(parsed, edited, catalog.problems)


def publish(
    course: Course,
    module: Module,
    source: str,
    *,
    base_version: int,
    author_id: int,
    origin: str = "editor",
    quiz_source: str | None = None,
    clear_draft: bool = False,
) -> Outcome:
    """Store an edited module as a new version, exactly as importing the edited file would.

    clear_draft: the text is the module's saved draft, dropped in the same transaction.
    """
    checked = check_edit(course, module, source, quiz_source)
    if checked.errors or checked.course is None:
        return Outcome(problems=checked.problems)
    with db.writing() as session:
        current = session.scalar(select(Module.version).where(Module.id == module.id))
        if current != base_version:
            return Outcome(problems=checked.problems, conflict=current)
        summary = import_catalog(
            session,
            content.Catalog(courses=[checked.course]),
            origin=origin,
            author_id=author_id,
            retire_missing=False,
        )
        if clear_draft:
            stored = session.get(Module, module.id)
            stored.draft_source = stored.draft_saved_at = stored.draft_author_id = None
    return Outcome(summary, checked.problems)


def rollback(course: Course, module: Module, version: ModuleVersion, author_id: int) -> Outcome:
    """Publish an earlier version's text again, as a new version."""
    return publish(
        course,
        module,
        version.source,
        base_version=module.version,
        author_id=author_id,
        origin="rollback",
        quiz_source=version.quiz_source,
    )
