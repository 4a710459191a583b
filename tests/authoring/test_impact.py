"""Impact before publishing: a preview of every import, upload and publish; confirm applies it."""

import html
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from lms.db import db
from lms.models import Course, CourseRecord, Enrollment, Module
from tests.authoring.conftest import confirm, confirm_form, upload, zip_folder
from tests.conftest import FIXTURE_COURSES, finish_basics, submit_quiz
from tests.helpers.sign_in import signed_in_client

EXTRA = "---\ntitle: What changed this quarter\nestimated_minutes: 3\n---\nNew pricing.\n"
QUESTION = "Which city is the capital of France?"


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def module_slugs(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Module.slug).where(Module.retired_at.is_(None))))


def new_material_due(app, user_id):
    with app.app_context():
        return db.session.scalar(
            select(CourseRecord.new_material_due)
            .join(Course, Course.id == CourseRecord.course_id)
            .where(CourseRecord.user_id == user_id, Course.slug == "basics")
        )


@pytest.fixture
def scene(app, org, tmp_path):
    """Ana finished the path long ago; Bo failed the Basics quiz once; the folder has changed.

    The folder gains basics/extra and rewords the capital question of basics/quiz.
    """
    ana = signed_in_client(app, "ana@example.com")
    finish_basics(ana)
    deep = "/courses/advanced/deep"
    assert submit_quiz(ana, deep, {"deep-one": "Practice helps"}).status_code == 302
    bo = signed_in_client(app, "bo@example.com")
    assert bo.post("/courses/basics/reading/complete").status_code == 302
    wrong = {"capital": "Lyon", "colours": ["Red"], "funnel": "nothing"}
    assert submit_quiz(bo, "/courses/basics/quiz", wrong).status_code in (200, 302)
    with app.app_context(), db.writing() as session:
        session.execute(
            update(Enrollment)
            .where(Enrollment.user_id == org["ana"])
            .values(start_date=date.today() - timedelta(days=40))
        )
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    (folder / "basics" / "03-extra.md").write_text(EXTRA)
    quiz = folder / "basics" / "02-quiz.md"
    quiz.write_text(quiz.read_text().replace(QUESTION, "Which city is France's capital?"))
    app.config["COURSES_DIR"] = str(folder)
    return {"folder": folder, "trainer": signed_in_client(app, "trainer@example.com")}


def test_the_import_preview_lists_changes_and_reps_and_stores_nothing(app, scene):
    response = scene["trainer"].post("/authoring/import")
    page = text(response)
    assert response.status_code == 200
    assert "basics/extra</code>: module added" in page
    assert "basics/quiz</code>: module changed (text)" in page
    assert "questions: 0 added, 1 changed" in page
    assert "<strong>1</strong> rep(s) completed a course that gains modules" in page
    assert "<strong>1</strong> rep(s) in progress on a changed or retired module" in page
    assert "<strong>2</strong> attempt(s) hold a question" in page
    assert 'name="new_material" value="required"' in page
    assert "extra" not in module_slugs(app)  # nothing stored before the confirm


def test_confirm_applies_and_new_modules_stay_optional_by_default(app, org, scene):
    preview = scene["trainer"].post("/authoring/import")
    assert confirm(scene["trainer"], preview).status_code == 302
    assert "extra" in module_slugs(app)
    assert new_material_due(app, org["ana"]) is None
    boss = signed_in_client(app, "boss@example.com")
    page = text(boss.get(f"/reports/teams/{org['east']}"))
    assert "1 new module added since completion, optional" in page
    assert "Overdue" not in page.split("<tbody>")[1]


def test_required_new_material_gets_a_date_and_reads_new_material(app, org, scene):
    app.config["NEW_MATERIAL_GRACE_DAYS"] = 7
    preview = scene["trainer"].post("/authoring/import")
    response = confirm(scene["trainer"], preview, new_material="required")
    assert response.status_code == 302
    assert new_material_due(app, org["ana"]) == date.today() + timedelta(days=7)
    assert new_material_due(app, org["bo"]) is None  # Bo had not completed Basics
    boss = signed_in_client(app, "boss@example.com")
    page = text(boss.get(f"/reports/teams/{org['east']}"))
    assert "New material since completion: Basics, 1 new module due in 7 days" in page
    assert "Overdue" not in page.split("<tbody>")[1]


def test_files_changed_since_the_preview_are_previewed_again(app, scene):
    preview = scene["trainer"].post("/authoring/import")
    (scene["folder"] / "basics" / "04-later.md").write_text(EXTRA.replace("quarter", "month"))
    response = confirm(scene["trainer"], preview)
    page = text(response)
    assert response.status_code == 409
    assert "changed since the preview: nothing was stored" in page
    assert "basics/later</code>: module added" in page
    assert {"extra", "later"}.isdisjoint(module_slugs(app))
    action, fields = confirm_form(response.get_data(as_text=True))
    assert scene["trainer"].post(action, data=fields).status_code == 302
    assert {"extra", "later"} <= module_slugs(app)


def test_an_upload_is_previewed_then_applied_and_only_by_its_trainer(app, org, scene):
    data = zip_folder(scene["folder"] / "basics", "basics/")
    preview = upload(scene["trainer"], data, "basics.zip", preview_only=True)
    assert "basics/extra</code>: module added" in text(preview)
    assert "extra" not in module_slugs(app)
    waiting = list(Path(app.config["UPLOAD_STASH_DIR"]).glob("*.zip"))
    assert len(waiting) == 1 and waiting[0].stat().st_mode & 0o777 == 0o600
    admin = signed_in_client(app, "admin@example.com")
    action, fields = confirm_form(preview.get_data(as_text=True))
    stolen = admin.post(action, data=fields)
    assert stolen.status_code == 422 and "no longer here" in text(stolen)
    assert "extra" not in module_slugs(app)
    assert confirm(scene["trainer"], preview, new_material="required").status_code == 302
    assert "extra" in module_slugs(app)
    assert new_material_due(app, org["ana"]) == date.today() + timedelta(days=14)
    assert not waiting[0].exists()  # applied: the zip is gone


def test_an_editor_publish_is_previewed_then_applied(app, org, scene):
    edit = "/authoring/courses/basics/quiz/edit"
    source = (scene["folder"] / "basics" / "02-quiz.md").read_text()
    preview = scene["trainer"].post(
        edit, data={"source": source, "base_version": "1", "action": "publish"}
    )
    page = text(preview)
    assert "basics/quiz</code>: module changed (text)" in page
    assert "<strong>1</strong> rep(s) in progress" in page
    assert 'name="new_material"' not in page  # no course gains modules
    with app.app_context():
        assert db.session.scalar(select(Module.version).where(Module.slug == "quiz")) == 1
    assert confirm(scene["trainer"], preview).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Module.version).where(Module.slug == "quiz")) == 2


def test_the_cli_dry_run_prints_the_impact_and_stores_nothing(app, org, scene, runner):
    folder = str(scene["folder"])
    result = runner.invoke(args=["courses", "import", "--dry-run", folder])
    assert result.exit_code == 0, result.output
    assert "nothing was stored" in result.output
    assert "module basics/extra: added" in result.output
    assert "Reps who completed a course that gains modules: 1" in result.output
    assert "Reps in progress on a changed or retired module: 1" in result.output
    assert "Attempts holding a changed or retired question: 2" in result.output
    assert "extra" not in module_slugs(app)
    result = runner.invoke(
        args=["courses", "import", "--dry-run", "--require-new-material", folder]
    )
    assert "1 rep(s) who had completed a course must do its new modules by" in result.output
    assert new_material_due(app, org["ana"]) is None and "extra" not in module_slugs(app)


def test_the_cli_requires_new_material_only_when_asked(app, org, scene, runner):
    folder = scene["folder"]
    result = runner.invoke(args=["courses", "import", str(folder)])
    assert "New modules are optional for reps who had completed their course" in result.output
    assert new_material_due(app, org["ana"]) is None
    (folder / "basics" / "04-later.md").write_text(EXTRA.replace("quarter", "month"))
    result = runner.invoke(args=["courses", "import", "--require-new-material", str(folder)])
    assert result.exit_code == 0, result.output
    assert new_material_due(app, org["ana"]) == date.today() + timedelta(days=14)
