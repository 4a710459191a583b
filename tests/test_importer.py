"""Storing a catalog: summaries, stable ids, retirement, history kept across edits."""

import shutil

import pytest
from sqlalchemy import func, select

from lms.content import loader
from lms.db import db
from lms.models import Attempt, Course, LearningPath, Module, ModuleProgress, Question
from tests.conftest import FIXTURE_COURSES, import_folder, make_user
from tests.helpers.courses import APP_EDIT, publish_in_app


def copy_courses(tmp_path):
    target = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, target)
    return target


def counts(summary):
    return {kind: dict(counter) for kind, counter in summary.counts.items()}


def test_first_import_adds_everything(app):
    summary = import_folder(app)
    assert counts(summary) == {
        "courses": {"added": 2},
        "modules": {"added": 3},
        "questions": {"added": 4},
    }
    with app.app_context():
        path = db.session.scalar(select(LearningPath))
        assert [(link.course.slug, link.due_day) for link in path.courses] == [
            ("basics", 3),
            ("advanced", 10),
        ]


def test_reimporting_unchanged_files_changes_nothing(app):
    import_folder(app)
    summary = import_folder(app)
    assert not summary.changed_anything
    assert counts(summary)["modules"] == {"unchanged": 3}
    with app.app_context():
        assert db.session.scalar(select(func.max(Module.version))) == 1


def test_editing_a_module_keeps_ids_progress_and_attempt_snapshots(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    user_id = make_user(app)
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "quiz"))
        module_id = module.id
        question_ids = {q.key: q.id for q in db.session.scalars(select(Question))}
        with db.writing() as session:
            session.add(
                ModuleProgress(user_id=user_id, module_id=module_id, best_score=67, attempts=1)
            )
            session.add(
                Attempt(
                    user_id=user_id,
                    module_id=module_id,
                    token="t" * 32,
                    number=1,
                    score=67,
                    passed=True,
                    pass_score=60,
                    snapshot=[{"prompt_html": "old prompt"}],
                )
            )
    quiz = folder / "basics" / "02-quiz.md"
    quiz.write_text(quiz.read_text().replace("capital of France", "capital city of France"))
    summary = import_folder(app, folder)
    assert counts(summary)["modules"] == {"changed": 1, "unchanged": 2}
    assert counts(summary)["questions"] == {"changed": 1, "unchanged": 3}
    with app.app_context():
        module = db.session.get(Module, module_id)
        assert module.version == 2
        assert {q.key: q.id for q in db.session.scalars(select(Question))} == question_ids
        assert db.session.get(ModuleProgress, (user_id, module_id)).best_score == 67
        assert db.session.scalar(select(Attempt)).snapshot == [{"prompt_html": "old prompt"}]


def test_renumbering_a_module_file_keeps_its_slug_and_row(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    with app.app_context():
        before = db.session.scalar(select(Module.id).where(Module.slug == "reading"))
    (folder / "basics" / "01-reading.md").rename(folder / "basics" / "05-reading.md")
    import_folder(app, folder)
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "reading"))
        assert module.id == before
        assert module.position == 2
        assert module.filename == "05-reading.md"


def test_removed_module_and_course_are_retired_not_deleted(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    (folder / "basics" / "01-reading.md").unlink()
    shutil.rmtree(folder / "advanced")
    (folder / "paths.yml").write_text(
        "- slug: starter\n  title: Starter path\n  courses:\n    - course: basics\n      due_day: 3\n"
    )
    summary = import_folder(app, folder)
    assert counts(summary)["courses"]["retired"] == 1
    assert counts(summary)["modules"]["retired"] == 2
    assert counts(summary)["questions"]["retired"] == 1
    with app.app_context():
        retired = db.session.scalars(select(Module).where(Module.retired_at.is_not(None))).all()
        assert {m.slug for m in retired} == {"reading", "deep"}
        advanced = db.session.scalar(select(Course).where(Course.slug == "advanced"))
        assert advanced.retired_at is not None
    shutil.copytree(FIXTURE_COURSES / "advanced", folder / "advanced")
    shutil.copy(FIXTURE_COURSES / "paths.yml", folder / "paths.yml")
    summary = import_folder(app, folder)
    assert counts(summary)["courses"] == {"changed": 1, "unchanged": 1}
    assert counts(summary)["modules"] == {"changed": 1, "unchanged": 1}
    with app.app_context():
        assert db.session.scalar(select(Course).where(Course.slug == "advanced")).retired_at is None


def test_assets_are_stored_and_follow_the_files(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    (folder / "advanced" / "assets" / "diagram.png").write_bytes(b"\x89PNG new bytes")
    summary = import_folder(app, folder)
    assert counts(summary)["courses"] == {"changed": 1, "unchanged": 1}


@pytest.fixture
def renders(monkeypatch):
    """Count the loader's Markdown renderings."""
    calls = []
    real = loader.render_markdown

    def counting(text, asset_base):
        calls.append(text)
        return real(text, asset_base)

    monkeypatch.setattr(loader, "render_markdown", counting)
    return calls


def cli_import(runner, folder, *options):
    result = runner.invoke(args=["courses", "import", *options, str(folder)])
    assert result.exit_code == 0, result.output
    return result.output


def test_unchanged_reimport_renders_nothing(app, runner, tmp_path, renders):
    folder = copy_courses(tmp_path)
    cli_import(runner, folder)
    assert len(renders) == 5  # 2 course.md + 3 modules
    renders.clear()
    output = cli_import(runner, folder)
    assert renders == []
    assert "modules: 0 added, 0 changed, 3 unchanged" in output


def test_reimport_renders_only_the_changed_file(app, runner, tmp_path, renders):
    folder = copy_courses(tmp_path)
    cli_import(runner, folder)
    module = sorted((folder / "basics").glob("0*.md"))[0]
    module.write_text(module.read_text() + "\nA new closing line.\n")
    renders.clear()
    output = cli_import(runner, folder)
    assert len(renders) == 1 and "A new closing line." in renders[0]
    assert "modules: 0 added, 1 changed, 2 unchanged" in output
    with app.app_context():
        html = db.session.scalar(select(Module.body_html).where(Module.filename == module.name))
    assert "A new closing line." in html


def test_rerender_renders_every_file(app, runner, tmp_path, renders):
    folder = copy_courses(tmp_path)
    cli_import(runner, folder)
    renders.clear()
    cli_import(runner, folder, "--rerender")
    assert len(renders) == 5


def test_unchanged_reimport_still_reports_errors(app, runner, tmp_path):
    folder = copy_courses(tmp_path)
    cli_import(runner, folder)
    paths = folder / "paths.yml"
    paths.write_text(paths.read_text() + "    - course: nonsense\n")
    result = runner.invoke(args=["courses", "import", str(folder)])
    assert result.exit_code == 1
    assert "paths.yml" in result.output and "nonsense" in result.output


# Edits made in the app are never replaced by an import of older files.


def importing(app, folder, overwrite=False):
    """Import a valid folder with the given overwrite; return the summary."""
    from lms.catalog.importer import import_catalog

    with app.app_context():
        catalog = loader.load_catalog(folder)
        assert not catalog.errors, [str(p) for p in catalog.errors]
        with db.writing() as session:
            return import_catalog(session, catalog, overwrite=overwrite)


def module_state(app, slug="quiz"):
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == slug))
        return module.version, module.source, module.retired_at, module.edited_in_app_at


def test_an_import_leaves_a_module_edited_in_the_app_and_applies_the_rest(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    user_id = make_user(app, email="tess@example.com", name="Tess Trainer")
    publish_in_app(app, user_id)
    reading = folder / "basics" / "01-reading.md"
    reading.write_text(reading.read_text() + "\nChanged in git.\n")
    quiz = folder / "basics" / "02-quiz.md"
    quiz.write_text(quiz.read_text().replace("capital of France", "capital city of France"))

    summary = importing(app, folder)

    [conflict] = summary.conflicts
    assert (conflict.course, conflict.module, conflict.version) == ("basics", "quiz", 2)
    assert conflict.author == "Tess Trainer <tess@example.com>" and not conflict.removed
    assert str(conflict).startswith("basics/quiz: version 2 was published in the app by Tess")
    version, source, _, flagged = module_state(app)
    assert version == 2 and APP_EDIT in source and flagged is not None
    assert "capital of France" in source
    assert "Changed in git." in module_state(app, "reading")[1]
    assert counts(summary)["modules"] == {"changed": 1, "unchanged": 1}
    with app.app_context():  # the held module's questions were not touched by the files
        prompt = db.session.scalar(select(Question.data).where(Question.key == "capital"))
        assert "capital of France" in str(prompt)


def test_overwrite_replaces_the_app_edit_and_later_imports_apply_again(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    publish_in_app(app, make_user(app, email="tess@example.com"))
    summary = importing(app, folder, overwrite=True)
    assert summary.conflicts == []
    version, source, _, flagged = module_state(app)
    assert version == 3 and APP_EDIT not in source and flagged is None
    quiz = folder / "basics" / "02-quiz.md"
    quiz.write_text(quiz.read_text() + "\nLater, in git.\n")
    assert importing(app, folder).conflicts == []
    assert "Later, in git." in module_state(app)[1]


def test_overwrite_can_name_the_modules_it_may_replace(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    user_id = make_user(app, email="tess@example.com")
    publish_in_app(app, user_id, "quiz")
    publish_in_app(app, user_id, "reading")
    summary = importing(app, folder, overwrite={"basics/reading"})
    assert [c.key for c in summary.conflicts] == ["basics/quiz"]
    assert APP_EDIT in module_state(app, "quiz")[1]
    assert APP_EDIT not in module_state(app, "reading")[1]


def test_files_that_hold_the_app_edit_are_no_conflict_and_no_change(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    publish_in_app(app, make_user(app, email="tess@example.com"))
    app_source = module_state(app)[1]
    (folder / "basics" / "02-quiz.md").write_text(app_source)
    summary = importing(app, folder)
    assert summary.conflicts == [] and not summary.changed_anything
    assert module_state(app)[0] == 2 and module_state(app)[3] is None
    # The files caught up, so the next change in git is imported as usual.
    (folder / "basics" / "02-quiz.md").write_text(app_source + "\nNext, in git.\n")
    assert importing(app, folder).conflicts == []
    assert module_state(app)[0] == 3


def test_a_rollback_in_the_app_is_protected_too(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    user_id = make_user(app, email="tess@example.com")
    publish_in_app(app, user_id)
    importing(app, folder, overwrite=True)  # version 3: the files again
    publish_in_app(app, user_id, rollback_to=2)
    [conflict] = importing(app, folder).conflicts
    assert conflict.version == 4
    assert APP_EDIT in module_state(app)[1]


def test_removing_the_file_of_an_app_edited_module_does_not_retire_it(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    publish_in_app(app, make_user(app, email="tess@example.com"), "reading")
    (folder / "basics" / "01-reading.md").unlink()
    [conflict] = importing(app, folder).conflicts
    assert conflict.removed and "removed from the files" in str(conflict)
    assert module_state(app, "reading")[2] is None
    importing(app, folder, overwrite=True)
    assert module_state(app, "reading")[2] is not None


def test_removing_the_folder_of_a_course_with_an_app_edit_does_not_retire_it(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    publish_in_app(app, make_user(app, email="tess@example.com"), "deep", course="advanced")
    shutil.rmtree(folder / "advanced")
    (folder / "paths.yml").write_text(
        "- slug: starter\n  title: Starter path\n  courses:\n    - course: basics\n      due_day: 3\n"
    )
    summary = importing(app, folder)
    assert [(c.key, c.removed) for c in summary.conflicts] == [("advanced/deep", True)]
    with app.app_context():
        advanced = db.session.scalar(select(Course).where(Course.slug == "advanced"))
        assert advanced.retired_at is None
    assert module_state(app, "deep")[2] is None
    summary = importing(app, folder, overwrite=True)
    assert counts(summary)["courses"]["retired"] == 1
    assert module_state(app, "deep")[2] is not None


def test_editing_in_the_app_does_not_flag_the_course_s_other_modules(app, tmp_path):
    folder = copy_courses(tmp_path)
    import_folder(app, folder)
    publish_in_app(app, make_user(app, email="tess@example.com"), "quiz")
    assert module_state(app, "reading")[3] is None
    reading = folder / "basics" / "01-reading.md"
    reading.write_text(reading.read_text() + "\nChanged in git.\n")
    assert [c.key for c in importing(app, folder).conflicts] == ["basics/quiz"]
