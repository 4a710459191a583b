"""`flask courses validate|import|export`."""

import io
import shutil
import zipfile

from sqlalchemy import func, select

from lms.catalog.export import export_zip
from lms.catalog.files import live_courses
from lms.db import db
from lms.models import Course, Module
from tests.conftest import FIXTURE_COURSES, SHIPPED_COURSES, make_user
from tests.helpers.courses import APP_EDIT, publish_in_app


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
    assert all(len(m.questions) >= 3 for m in modules if m.practice is None)
    assert len([m for m in modules if m.practice]) >= 3  # a pitch, a role-play, an email
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
    import lms.catalog.importer

    original = lms.catalog.importer._Importer._paths

    def explode(self, paths):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(lms.catalog.importer._Importer, "_paths", explode)
    result = runner.invoke(args=["courses", "import", str(FIXTURE_COURSES)])
    assert result.exit_code != 0
    monkeypatch.setattr(lms.catalog.importer._Importer, "_paths", original)
    with app.app_context():
        db.session.remove()
        assert db.session.scalar(select(func.count()).select_from(Course)) == 0


# Conflicts with edits made in the app, and `flask courses export`.


def edited_in_app(app, runner, tmp_path):
    """The fixture courses imported from a copy, then the quiz module edited in the app."""
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    assert runner.invoke(args=["courses", "import", str(folder)]).exit_code == 0
    publish_in_app(app, make_user(app, email="tess@example.com", name="Tess Trainer"))
    return folder


def quiz_source(app):
    with app.app_context():
        return db.session.scalar(select(Module.source).where(Module.slug == "quiz"))


def test_import_lists_conflicts_exits_3_and_overwrite_replaces(app, runner, tmp_path):
    folder = edited_in_app(app, runner, tmp_path)
    result = runner.invoke(args=["courses", "import", str(folder)])
    assert result.exit_code == 3
    assert "modules: 0 added, 0 changed, 2 unchanged" in result.output
    assert "1 module(s) were published in the app since their last import" in result.output
    assert "basics/quiz: version 2 was published in the app by Tess Trainer" in result.output
    assert "--overwrite" in result.output and "flask courses export" in result.output
    assert APP_EDIT in quiz_source(app)
    result = runner.invoke(args=["courses", "import", "--overwrite", str(folder)])
    assert result.exit_code == 0, result.output
    assert "modules: 0 added, 1 changed, 2 unchanged" in result.output
    assert APP_EDIT not in quiz_source(app)


def test_export_then_import_shows_no_conflict_and_no_change(app, runner, tmp_path):
    folder = edited_in_app(app, runner, tmp_path)
    result = runner.invoke(args=["courses", "export", "basics", str(folder)])
    assert result.exit_code == 0, result.output
    assert APP_EDIT in (folder / "basics" / "02-quiz.md").read_text()
    assert (folder / "paths.yml").read_bytes() == (FIXTURE_COURSES / "paths.yml").read_bytes()
    result = runner.invoke(args=["courses", "import", str(folder)])
    assert result.exit_code == 0, result.output
    assert "modules: 0 added, 0 changed, 3 unchanged" in result.output
    assert "courses: 0 added, 0 changed, 2 unchanged" in result.output


def test_export_all_writes_what_the_zip_export_holds(app, runner, tmp_path):
    edited_in_app(app, runner, tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(args=["courses", "export", "--all", str(out)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        data = export_zip(db.session, live_courses(db.session), True)
    archive = zipfile.ZipFile(io.BytesIO(data))
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == set(archive.namelist())
    assert all((out / name).read_bytes() == archive.read(name) for name in written)


def test_export_names_stale_files_and_refuses_unknown_courses(app, runner, tmp_path):
    folder = edited_in_app(app, runner, tmp_path)
    (folder / "basics" / "09-old.md").write_text("old\n")
    result = runner.invoke(args=["courses", "export", "basics", str(folder)])
    assert "basics/09-old.md: not in the app, left in place" in result.output
    result = runner.invoke(args=["courses", "export", "nonsense", str(folder)])
    assert result.exit_code == 1 and 'no course "nonsense"' in result.output
    result = runner.invoke(args=["courses", "export", str(folder)])
    assert result.exit_code == 2 and "give COURSE DIR, or --all DIR" in result.output
