"""Create courses, modules and paths in the app: write the files they would be, then import."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select

from lms import clock
from lms.catalog.files import course_files, live_courses, paths_yml, write_files, write_stubs
from lms.catalog.importer import import_catalog
from lms.catalog.library import live_item_slugs
from lms.catalog.publishing import Outcome
from lms.content import model as content
from lms.content.loader import COURSE_FILE, load_catalog
from lms.content.model import Problem
from lms.content.paths import PATHS_FILE
from lms.db import db
from lms.models import Course, LearningPath, Module

_NUMBER = re.compile(r"^(\d+)-")


def front_matter(values: dict, body: str) -> str:
    """A Markdown file with YAML front matter, as a trainer would write it."""
    dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n\n{body.strip()}\n"


def _load(files: dict[str, bytes], skip: set[str]) -> content.Catalog:
    """Load the files beside stubs of every other stored course, as an upload is checked."""
    with tempfile.TemporaryDirectory(prefix="repready-create-") as tmp:
        root = Path(tmp)
        write_files(root, files)
        write_stubs(root, live_courses(db.session), skip=skip, library=live_item_slugs(db.session))
        return load_catalog(root)


def _store(catalog: content.Catalog, author_id: int, after=None) -> Outcome:
    """Import what was loaded (nothing else retired), then after(session), in one transaction."""
    if catalog.errors:
        return Outcome(problems=catalog.problems)
    with db.writing() as session:
        summary = import_catalog(
            session, catalog, origin="editor", author_id=author_id, retire_missing=False
        )
        if after is not None:
            after(session)
    return Outcome(summary, catalog.warnings)


@dataclass
class NewCourse:
    slug: str
    title: str
    track: str
    summary: str = ""
    pass_score: int | None = None
    draft: bool = True


def create_course(form: NewCourse, author_id: int) -> Outcome:
    """Write slug/course.md from the form and import it; a draft stays hidden from reps."""
    where = f"{form.slug}/{COURSE_FILE}"
    if db.session.scalar(select(Course.id).where(Course.slug == form.slug)) is not None:
        return Outcome(problems=[Problem(where, 1, "a course with this slug exists already")])
    values: dict = {"title": form.title, "track": form.track}
    if form.summary:
        values["summary"] = form.summary
    if form.pass_score is not None:
        values["pass_score"] = form.pass_score
    source = front_matter(values, form.summary or form.title)
    catalog = _load({where: source.encode()}, skip={form.slug})
    mine = content.Catalog(courses=[c for c in catalog.courses if c.slug == form.slug])
    mine.problems = catalog.problems

    def mark_draft(session) -> None:
        course = session.scalar(select(Course).where(Course.slug == form.slug))
        course.draft = form.draft

    return _store(mine, author_id, mark_draft)


def next_filename(course: Course, slug: str) -> str:
    """NN-slug.md numbered after the course's last module file, live or not."""
    names = db.session.scalars(select(Module.filename).where(Module.course_id == course.id))
    numbers = [int(m.group(1)) for n in names if (m := _NUMBER.match(n))]
    return f"{max(numbers, default=0) + 1:02d}-{slug}.md"


def create_module(course: Course, slug: str, title: str, author_id: int) -> Outcome:
    """Import a new module file into the course, kept unpublished with its text as a draft.

    The row is what importing the file gives; it stays retired (unseen by reps) until its
    draft is published from the editor.
    """
    existing = db.session.scalar(
        select(Module.id).where(Module.course_id == course.id, Module.slug == slug)
    )
    filename = next_filename(course, slug)
    where = f"{course.slug}/{filename}"
    if existing is not None:
        return Outcome(problems=[Problem(where, 1, "a module with this slug exists already")])
    source = front_matter({"title": title}, "Write the module here.")
    files = course_files(db.session, [course], {where: source})
    catalog = _load(files, skip={course.slug})
    mine = content.Catalog(courses=[c for c in catalog.courses if c.slug == course.slug])
    mine.problems = catalog.problems

    def keep_as_draft(session) -> None:
        module = session.scalar(
            select(Module).where(Module.course_id == course.id, Module.slug == slug)
        )
        module.retired_at = module.draft_saved_at = clock.now()
        module.draft_source, module.draft_author_id = source, author_id

    return _store(mine, author_id, keep_as_draft)


@dataclass
class PathForm:
    slug: str
    title: str
    description: str
    courses: list[tuple[str, int]]  # (course slug, due_day) in order


def _path_entry(form: PathForm) -> dict:
    entry: dict = {"slug": form.slug, "title": form.title}
    if form.description:
        entry["description"] = form.description
    entry["courses"] = [{"course": c, "due_day": d} for c, d in form.courses]
    return entry


def _draft_course_problems(source: str, slugs: set[str]) -> list[Problem]:
    """A draft course named in paths.yml, at the line that names it."""
    problems = []
    for number, line in enumerate(source.splitlines(), start=1):
        name = line.strip().removeprefix("- ").removeprefix("course:").strip()
        if line.strip().startswith(("- course:", "course:")) and name in slugs:
            message = f'course "{name}" is a draft: publish it before putting it on a path'
            problems.append(Problem(PATHS_FILE, number, message))
    return problems


def save_path(form: PathForm, author_id: int, new: bool) -> Outcome:
    """Rebuild paths.yml from the stored paths with this one added or replaced, and import it."""
    exists = db.session.scalar(
        select(LearningPath.id).where(
            LearningPath.slug == form.slug, LearningPath.retired_at.is_(None)
        )
    )
    if new and exists is not None:
        return Outcome(problems=[Problem(PATHS_FILE, 1, f'path "{form.slug}" exists already')])
    stored = yaml.safe_load(paths_yml(db.session) or b"[]")
    entries = [e for e in stored if e["slug"] != form.slug] + [_path_entry(form)]
    source = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
    catalog = _load({PATHS_FILE: source.encode()}, skip=set())
    drafts = set(db.session.scalars(select(Course.slug).where(Course.draft.is_(True))))
    problems = catalog.problems + _draft_course_problems(source, drafts)
    mine = content.Catalog(paths=[p for p in catalog.paths if p.slug == form.slug])
    mine.problems = problems
    return _store(mine, author_id)
