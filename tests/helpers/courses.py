"""Course folders written for a test, and edits published in the app as a trainer would."""

from __future__ import annotations

from sqlalchemy import select

from lms.db import db
from lms.models import Course, Module

APP_EDIT = "An edit published in the app."


def many_courses(folder, n):
    """Write `n` two-module courses and a path through them all into `folder`."""
    for i in range(n):
        course = folder / f"course-{i}"
        course.mkdir(parents=True)
        (course / "course.md").write_text(f"---\ntitle: Course {i}\ntrack: skills\n---\n")
        (course / "01-one.md").write_text(
            "---\ntitle: One\n---\n```quiz\n? [q] Pick\n- [x] A\n- [ ] B\n```\n"
        )
        (course / "02-two.md").write_text("---\ntitle: Two\n---\nText.\n")
    (folder / "paths.yml").write_text(
        "- slug: all\n  title: All\n  courses:\n"
        + "".join(f"    - course: course-{i}\n      due_day: 5\n" for i in range(n))
    )


def publish_in_app(app, user_id, slug="quiz", rollback_to=None, course="basics"):
    """Publish an edit of a module through the editor's service (or a rollback)."""
    from lms.catalog import publishing as service
    from lms.catalog.versions import version_or_none

    with app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == course))
        module = db.session.scalar(select(Module).where(Module.slug == slug))
        if rollback_to is not None:
            version = version_or_none(db.session, module, rollback_to)
            outcome = service.rollback(course, module, version, user_id, service.Choices())
        else:
            source = module.source + f"\n{APP_EDIT}\n"
            outcome = service.publish(
                course, module, source, base_version=module.version, author_id=user_id
            )
        assert outcome.summary and outcome.summary.changed_anything, outcome.problems
