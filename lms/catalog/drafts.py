"""Module drafts and draft courses: saved aside, previewed, then published through the importer."""

from __future__ import annotations

from sqlalchemy import update

from lms import clock
from lms.catalog import publishing as service
from lms.db import db
from lms.models import Course, Module


def save_draft(module: Module, source: str, author_id: int) -> service.Checked:
    """Keep the text as the module's draft, even with errors; reps keep the published text."""
    checked = service.check_edit(module.course, module, source)
    with db.writing() as session:
        session.execute(
            update(Module)
            .where(Module.id == module.id)
            .values(draft_source=source, draft_saved_at=clock.now(), draft_author_id=author_id)
        )
    return checked


def discard_draft(module: Module) -> None:
    """Drop the draft; a module never published stays unpublished."""
    with db.writing() as session:
        session.execute(
            update(Module)
            .where(Module.id == module.id)
            .values(draft_source=None, draft_saved_at=None, draft_author_id=None)
        )


def publish_draft(
    module: Module, author_id: int, choices: service.Choices | None = None
) -> service.Outcome:
    """Preview publishing the saved draft (choices None), or apply a confirmed preview.

    Published, it is a new version, as importing the file would make: an app edit.
    """
    return service.publish(
        module.course,
        module,
        module.draft_source or "",
        base_version=module.version,
        author_id=author_id,
        choices=choices,
        clear_draft=True,
    )


def publish_course(course: Course) -> None:
    """Make a draft course visible to reps and assignable."""
    with db.writing() as session:
        session.execute(update(Course).where(Course.id == course.id).values(draft=False))
