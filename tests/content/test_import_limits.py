"""Whatever validation accepts, import stores (SQLite and PostgreSQL); stale HTML is redone."""

from __future__ import annotations

import shutil

from sqlalchemy import Integer, String, select, update

from lms.catalog.importer import import_catalog, stored_html
from lms.content import limits
from lms.content.loader import load_catalog
from lms.content.render import RENDERER_VERSION
from lms.db import db
from lms.models import Asset, Course, LearningPath, Module, PathCourse, Question
from tests.conftest import FIXTURE_COURSES, import_folder
from tests.content.content_trees import write_tree


def test_the_columns_are_as_wide_as_the_limits():
    text_columns = {
        limits.MAX_SLUG_CHARS: [Course.slug, Module.slug, Question.key, LearningPath.slug],
        limits.MAX_TITLE_CHARS: [Course.title, Module.title, LearningPath.title],
        limits.MAX_FILE_NAME_CHARS: [Module.filename, Module.quiz_file],
        limits.MAX_ASSET_PATH_CHARS: [Asset.path],
    }
    for most, columns in text_columns.items():
        for column in columns:
            assert isinstance(column.type, String)
            assert column.type.length is None or column.type.length >= most, column
    # Summaries and descriptions are Text: no length to agree with.
    numbers = {
        limits.PASS_SCORE: [Course.pass_score, Module.pass_score],
        limits.MAX_ATTEMPTS: [Module.max_attempts],
        limits.ESTIMATED_MINUTES: [Course.estimated_minutes, Module.estimated_minutes],
        limits.DUE_DAY: [PathCourse.due_day],
    }
    for (_, high), columns in numbers.items():
        for column in columns:
            assert isinstance(column.type, Integer)
            assert high < 2**31  # a 32-bit integer on PostgreSQL


def _largest_tree(root):
    slug = "s" * (limits.MAX_SLUG_CHARS - 2) + "-x"
    title = "é" * limits.MAX_TITLE_CHARS  # two bytes each: characters, not bytes, count
    summary = "ü" * limits.MAX_SUMMARY_CHARS
    asset = "assets/" + "a" * 140 + "/" + "b" * (limits.MAX_ASSET_PATH_CHARS - 148)
    assert len(asset) == limits.MAX_ASSET_PATH_CHARS
    course_md = (
        f"---\ntitle: {title}\ntrack: process\nsummary: {summary}\npass_score: 100\n"
        "estimated_minutes: 10000\n---\nOverview.\n"
    )
    module_md = (
        f"---\ntitle: {title}\nmax_attempts: 1000\npass_score: 100\nestimated_minutes: 10000\n"
        f"---\nText ![x]({asset}).\n\n```quiz\n? [{slug}] Q?\n- [x] a\n- [ ] b\n```\n"
    )
    paths = (
        f"- slug: {slug}\n  title: {title}\n  description: {summary}\n"
        f"  courses:\n    - course: {slug}\n      due_day: 3650\n"
    )
    return write_tree(
        root,
        {
            f"{slug}/course.md": course_md,
            f"{slug}/{'9' * 100}-{slug}.md": module_md,
            f"{slug}/{asset}": b"png",
            "paths.yml": paths,
        },
    )


def test_the_largest_values_validation_accepts_are_stored(app, tmp_path):
    catalog = load_catalog(_largest_tree(tmp_path / "courses"))
    assert [str(p) for p in catalog.errors] == []
    with app.app_context():
        with db.writing() as session:
            import_catalog(session, catalog)
        module = db.session.scalar(select(Module))
        assert (module.max_attempts, module.estimated_minutes) == (1000, 10000)
        assert len(module.title) == limits.MAX_TITLE_CHARS
        assert db.session.scalar(select(PathCourse.due_day)) == 3650
        assert len(db.session.scalar(select(Question.key))) == limits.MAX_SLUG_CHARS


def test_an_import_renders_again_what_an_older_renderer_stored(app, tmp_path):
    folder = shutil.copytree(FIXTURE_COURSES, tmp_path / "courses")
    import_folder(app, folder)
    with app.app_context():
        fresh = dict(db.session.execute(select(Module.slug, Module.body_html)).all())
        assert set(db.session.scalars(select(Module.renderer_version))) == {RENDERER_VERSION}
        with db.writing() as session:
            session.execute(update(Module).values(body_html="stale", renderer_version=0))
            session.execute(update(Course).values(overview_html="stale"))  # current version
        with db.writing() as session:
            summary = import_catalog(session, load_catalog(folder, stored=stored_html(db.session)))
        db.session.expire_all()
        assert dict(db.session.execute(select(Module.slug, Module.body_html)).all()) == fresh
        assert set(db.session.scalars(select(Module.renderer_version))) == {RENDERER_VERSION}
        # The course HTML was stored by this renderer, so it was reused as it is.
        assert set(db.session.scalars(select(Course.overview_html))) == {"stale"}
        assert summary.counts["modules"]["changed"] == len(fresh)


def test_the_import_command_renders_stale_html_again(app, runner, tmp_path):
    import_folder(app)
    with app.app_context(), db.writing() as session:
        session.execute(update(Module).values(body_html="stale", renderer_version=0))
    result = runner.invoke(args=["courses", "import", str(FIXTURE_COURSES)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert "stale" not in set(db.session.scalars(select(Module.body_html)))
