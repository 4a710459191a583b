"""`flask courses validate|import`."""

import shutil

from sqlalchemy import func, select

from lms.db import db
from lms.models import Course, Module
from tests.conftest import FIXTURE_COURSES, SHIPPED_COURSES


def test_shipped_courses_validate(runner):
    result = runner.invoke(args=["courses", "validate", str(SHIPPED_COURSES)])
    assert result.exit_code == 0, result.output
    assert "OK: " in result.output


def test_shipped_courses_cover_the_issue(runner):
    from lms.content.loader import load_catalog

    catalog = load_catalog(SHIPPED_COURSES)
    modules = [m for c in catalog.courses for m in c.modules]
    kinds = {q.kind.value for m in modules for q in m.questions}
    assert len(catalog.courses) >= 3 and len(modules) >= 12
    assert all(len(m.questions) >= 3 for m in modules)
    assert kinds == {"single", "multiple", "short"}
    assert [p.slug for p in catalog.paths] == ["new-account-executive"]


def broken_copy(tmp_path):
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    (folder / "basics" / "03-broken.md").write_text("---\ntitle: Broken\ncolour: red\n---\nText\n")
    return folder


def test_validate_prints_path_line_message_relative_to_dir_and_exits_1(runner, tmp_path):
    result = runner.invoke(args=["courses", "validate", str(broken_copy(tmp_path))])
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if ".md:" in line]
    assert problems and all(line.startswith("basics/03-broken.md:") for line in problems)
    assert any(line.startswith("basics/03-broken.md:3: ") for line in problems)


def test_import_refuses_a_folder_with_errors_and_stores_nothing(app, runner, tmp_path):
    result = runner.invoke(args=["courses", "import", str(broken_copy(tmp_path))])
    assert result.exit_code == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Course)) == 0


def test_import_prints_a_summary_and_reimport_changes_nothing(app, runner):
    first = runner.invoke(args=["courses", "import", str(FIXTURE_COURSES)])
    assert first.exit_code == 0, first.output
    assert "courses: 2 added, 0 changed, 0 unchanged, 0 retired" in first.output
    assert "questions: 4 added" in first.output
    second = runner.invoke(args=["courses", "import"])  # defaults to COURSES_DIR
    assert "modules: 0 added, 0 changed, 3 unchanged, 0 retired" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Module)) == 3


def test_import_rolls_back_everything_when_storing_fails(app, runner, monkeypatch):
    """A failure halfway through storing leaves the database as it was."""
    import lms.importer

    original = lms.importer._Importer._paths

    def explode(self, paths):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(lms.importer._Importer, "_paths", explode)
    result = runner.invoke(args=["courses", "import", str(FIXTURE_COURSES)])
    assert result.exit_code != 0
    monkeypatch.setattr(lms.importer._Importer, "_paths", original)
    with app.app_context():
        db.session.remove()
        assert db.session.scalar(select(func.count()).select_from(Course)) == 0
