"""Import folders and uploads, check and publish edits: everything through load_catalog."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.catalog import upload
from lms.catalog.files import course_files, live_courses, write_files, write_stubs
from lms.catalog.impact import Impact, folder_digest, measure, plan_digest, rehearsal
from lms.catalog.importer import ImportSummary, import_catalog, stored_html
from lms.catalog.library import live_item_slugs
from lms.content import model as content
from lms.content.library import LIBRARY_DIR, Library
from lms.content.loader import load_catalog
from lms.content.model import Problem
from lms.content.paths import PATHS_FILE
from lms.db import db
from lms.models import Course, Module, ModuleVersion


@dataclass
class Outcome:
    """What an import or a publish did: a summary when stored, a preview, or the problems."""

    summary: ImportSummary | None = None
    problems: list[Problem] = field(default_factory=list)
    conflict: int | None = None  # the version someone else published meanwhile
    impact: Impact | None = None  # a preview: what confirming would do; nothing was stored
    digest: str = ""  # the preview's files and stored content, for the confirm form
    stale: bool = False  # a confirm found them changed since its preview: nothing stored

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is content.Severity.ERROR]


@dataclass(frozen=True)
class Choices:
    """What the trainer confirmed on a preview; digest None applies without a preview (CLI)."""

    digest: str | None = None
    overwrite: frozenset[str] = frozenset()
    new_material_due: date | None = None


# Runs the importer in a session with the overwrite keys and the new-material date.
Run = Callable[[Session, set[str], date | None], ImportSummary]


def _settle(inputs: str, choices: Choices | None, run: Run, warnings: list[Problem]) -> Outcome:
    """Apply what was previewed when nothing changed since; else preview (again)."""
    if choices is not None:
        with db.writing() as session:
            if choices.digest is None or plan_digest(session, inputs) == choices.digest:
                summary = run(session, set(choices.overwrite), choices.new_material_due)
                return Outcome(summary, warnings)
    with rehearsal() as session:
        digest = plan_digest(session, inputs)
        impact = measure(session, run(session, set(), None))
    return Outcome(problems=warnings, impact=impact, digest=digest, stale=choices is not None)


def import_directory(
    directory: Path, author_id: int | None, choices: Choices | None = None
) -> Outcome:
    """Validate a whole courses folder and preview its import, or apply a confirmed preview.

    Modules edited in the app are left alone (listed in summary.conflicts) unless their
    "course/module" key is in choices.overwrite.
    """
    if not directory.is_dir():
        return Outcome(problems=[Problem(str(directory), 1, "COURSES_DIR is not a folder")])
    inputs = folder_digest(directory)
    catalog = load_catalog(directory, stored=stored_html(db.session))
    if catalog.errors:
        return Outcome(problems=catalog.problems)

    def run(session: Session, overwrite: set[str], due: date | None) -> ImportSummary:
        return import_catalog(
            session, catalog, author_id=author_id, overwrite=overwrite, new_material_due=due
        )

    return _settle(inputs, choices, run, catalog.warnings)


def _uploaded_slugs(root: Path) -> set[str]:
    return {
        d.name
        for d in root.iterdir()
        if d.is_dir() and not d.name.startswith((".", "_")) and d.name != LIBRARY_DIR
    }


def _uploaded_items(root: Path) -> set[str] | None:
    """The slugs of the library items the zip holds; None when it has no library/."""
    folder = root / LIBRARY_DIR
    if not folder.is_dir():
        return None
    return {f.stem for f in folder.iterdir() if f.suffix == ".md"}


def _scoped_library(library: Library | None, items: set[str] | None) -> Library | None:
    """The zip's own items and assets, without the stubs that stand in for stored items."""
    if library is None or items is None:
        return None
    return Library([i for i in library.items if i.slug in items], library.assets)


def import_upload(
    data: bytes,
    filename: str,
    author_id: int | None,
    limits: upload.Limits,
    choices: Choices | None = None,
) -> Outcome:
    """Check, unpack and validate a .zip beside the stored courses; preview or apply it.

    The zip's courses and library items (with library/assets/) are added or updated;
    courses, paths and items it does not hold stay as they are. Stored courses and items
    take part in validation as stubs, so prerequisites, paths.yml and library: links may
    name them.
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
        items = _uploaded_items(root)
        has_paths = (root / PATHS_FILE).is_file()
        write_stubs(
            root, live_courses(db.session), skip=uploaded, library=live_item_slugs(db.session)
        )
        catalog = load_catalog(root)
    if catalog.errors:
        return Outcome(problems=catalog.problems)
    scoped = content.Catalog(
        courses=[c for c in catalog.courses if c.slug in uploaded],
        paths=catalog.paths if has_paths else [],
        library=_scoped_library(catalog.library, items),
    )

    def run(session: Session, overwrite: set[str], due: date | None) -> ImportSummary:
        return import_catalog(
            session,
            scoped,
            author_id=author_id,
            retire_missing=False,
            overwrite=overwrite,
            new_material_due=due,
        )

    return _settle(hashlib.sha256(data).hexdigest(), choices, run, catalog.warnings)


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
        write_stubs(
            root, live_courses(db.session), skip={course.slug}, library=live_item_slugs(db.session)
        )
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
    choices: Choices | None = Choices(),
    clear_draft: bool = False,
) -> Outcome:
    """Store an edited module as a new version, exactly as importing the edited file would.

    choices None previews the publish; a confirmed preview's choices apply it.
    clear_draft: the module's saved draft is dropped in the same transaction.
    """
    checked = check_edit(course, module, source, quiz_source)
    if checked.errors or checked.course is None:
        return Outcome(problems=checked.problems)
    parsed = content.Catalog(courses=[checked.course])
    inputs = hashlib.sha256(f"{base_version}:{source}:{quiz_source}".encode()).hexdigest()

    def run(session: Session, _overwrite: set[str], due: date | None) -> ImportSummary:
        current = session.scalar(select(Module.version).where(Module.id == module.id))
        if current != base_version:
            raise _Moved(current)  # checked in the transaction that would store it
        summary = import_catalog(
            session,
            parsed,
            origin=origin,
            author_id=author_id,
            retire_missing=False,
            new_material_due=due,
        )
        if clear_draft:
            stored = session.get(Module, module.id)
            stored.draft_source = stored.draft_saved_at = stored.draft_author_id = None
        return summary

    try:
        return _settle(inputs, choices, run, checked.problems)
    except _Moved as moved:
        return Outcome(problems=checked.problems, conflict=moved.version)


class _Moved(Exception):
    """Someone published another version of the module meanwhile."""

    def __init__(self, version: int | None) -> None:
        super().__init__(version)
        self.version = version


def rollback(
    course: Course,
    module: Module,
    version: ModuleVersion,
    author_id: int,
    choices: Choices | None = None,
) -> Outcome:
    """Preview publishing an earlier version's text again (choices None), or apply it."""
    return publish(
        course,
        module,
        version.source,
        base_version=module.version,
        author_id=author_id,
        origin="rollback",
        quiz_source=version.quiz_source,
        choices=choices,
    )
