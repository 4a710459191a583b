"""Stored courses back as course-format files: for export, preview and validation."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.content.loader import COURSE_FILE
from lms.models import Asset, Course, LearningPath, LibraryAsset, LibraryItem, Module, PathCourse

Files = dict[str, bytes]  # "slug/01-intro.md" -> contents


def _front_matter(values: dict) -> str:
    dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n"


def stub_course_md(course: Course) -> bytes:
    """A course.md with only what checks across courses need: title, track, prerequisites."""
    values = {"title": course.title, "track": course.track}
    if course.prerequisites:
        values["prerequisites"] = list(course.prerequisites)
    return _front_matter(values).encode()


def course_files(
    session: Session, courses: list[Course], replace: dict[str, str] | None = None
) -> Files:
    """Every file of the courses' live modules, assets and GIFT files, as stored.

    replace maps "slug/filename" to a text that stands in for the stored one (the editor's).
    Three statements whatever the number of courses.
    """
    replace = replace or {}
    ids = [c.id for c in courses]
    by_id = {c.id: c for c in courses}
    files: Files = {f"{c.slug}/{COURSE_FILE}": c.source.encode() for c in courses}
    modules = session.scalars(
        select(Module).where(Module.course_id.in_(ids), Module.retired_at.is_(None))
    )
    for module in modules:
        slug = by_id[module.course_id].slug
        files[f"{slug}/{module.filename}"] = module.source.encode()
        if module.quiz_file and module.quiz_source is not None:
            files[f"{slug}/{module.quiz_file}"] = module.quiz_source.encode()
        rubric = (module.practice or {}).get("rubric")
        if rubric and rubric.get("source") is not None:  # a practice module's rubric file
            files[f"{slug}/{rubric['file']}"] = rubric["source"].encode()
    for course_id, path, data in session.execute(
        select(Asset.course_id, Asset.path, Asset.data).where(Asset.course_id.in_(ids))
    ):
        files[f"{by_id[course_id].slug}/{path}"] = data
    for name, text in replace.items():
        files[name] = text.encode()
    return files


def library_files(session: Session) -> Files:
    """library/ as stored: each live item's file as written, and every asset. Two statements."""
    items = session.execute(
        select(LibraryItem.slug, LibraryItem.source).where(LibraryItem.retired_at.is_(None))
    )
    files: Files = {f"library/{slug}.md": source.encode() for slug, source in items}
    for path, data in session.execute(select(LibraryAsset.path, LibraryAsset.data)):
        files[f"library/{path}"] = data
    return files


def paths_yml(session: Session, course_ids: set[int] | None = None) -> bytes | None:
    """paths.yml for the live paths, or only those that use one of the courses."""
    paths = session.scalars(
        select(LearningPath).where(LearningPath.retired_at.is_(None)).order_by(LearningPath.id)
    ).all()
    links = session.execute(
        select(PathCourse.path_id, Course.id, Course.slug, PathCourse.due_day)
        .join(Course, Course.id == PathCourse.course_id)
        .order_by(PathCourse.path_id, PathCourse.position)
    ).all()
    entries = []
    for path in paths:
        mine = [link for link in links if link.path_id == path.id]
        if course_ids is not None and not any(link.id in course_ids for link in mine):
            continue
        entry = {"slug": path.slug, "title": path.title}
        if path.description:
            entry["description"] = path.description
        entry["courses"] = [{"course": link.slug, "due_day": link.due_day} for link in mine]
        entries.append(entry)
    if not entries:
        return None
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False).encode()


def live_courses(session: Session) -> list[Course]:
    """Every course that is not retired, in title order."""
    return list(
        session.scalars(select(Course).where(Course.retired_at.is_(None)).order_by(Course.title))
    )


def write_files(root: Path, files: Files) -> None:
    """Write files under root, creating folders."""
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write_stubs(
    root: Path, courses: list[Course], skip: set[str], library: tuple[str, ...] = ()
) -> None:
    """A stub folder for each stored course not in skip, so prerequisites and paths resolve;
    a stub library/<slug>.md for each stored library item the folder lacks, so library:
    links resolve."""
    write_files(
        root,
        {f"{c.slug}/{COURSE_FILE}": stub_course_md(c) for c in courses if c.slug not in skip},
    )
    stub = _front_matter({"title": "Stored item", "kind": "other"}).encode()
    write_files(
        root,
        {
            f"library/{slug}.md": stub
            for slug in library
            if not (root / "library" / slug).with_suffix(".md").exists()
        },
    )
