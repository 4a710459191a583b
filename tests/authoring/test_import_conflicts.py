"""The Import button and the zip upload leave modules edited in the app alone until confirmed."""

import html
import shutil

import pytest
from sqlalchemy import select

from lms.db import db
from lms.models import Module, Role
from tests.authoring.conftest import TRAINER, confirm, upload, zip_folder
from tests.conftest import (
    FIXTURE_COURSES,
    build_app,
    drop_app,
    import_folder,
    make_user,
)
from tests.helpers.courses import APP_EDIT, publish_in_app
from tests.helpers.sign_in import sign_in

QUESTION = "These modules were edited in the app: overwrite them?"


@pytest.fixture
def folder(tmp_path):
    """A copy of the fixture courses: COURSES_DIR of the app under test."""
    target = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, target)
    return target


def edit_in_app(app, trainer_id):
    """Publish an edit of basics/quiz as the trainer."""
    publish_in_app(app, trainer_id)


def quiz_source(app) -> str:
    with app.app_context():
        return db.session.scalar(select(Module.source).where(Module.slug == "quiz"))


def reading_source(app) -> str:
    with app.app_context():
        return db.session.scalar(select(Module.source).where(Module.slug == "reading"))


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_the_import_preview_lists_the_conflict_and_stores_nothing(app, client, trainer, folder):
    app.config["COURSES_DIR"] = str(folder)
    edit_in_app(app, trainer)
    reading = folder / "basics" / "01-reading.md"
    reading.write_text(reading.read_text() + "\nChanged in git.\n")
    response = client.post("/authoring/import")
    page = text(response)
    assert response.status_code == 200
    assert QUESTION in page
    assert "basics/quiz</code>: version 2, published by Tess Trainer" in page
    assert 'name="overwrite" value="basics/quiz"' in page
    assert "modules: 0 added, 1 changed, 1 unchanged" in page
    assert "Changed in git." not in reading_source(app)  # a preview stores nothing
    confirm(client, response)
    assert "Changed in git." in reading_source(app)
    assert APP_EDIT in quiz_source(app)  # unticked: left as it is
    assert "left as they are: basics/quiz" in text(client.get("/authoring/courses"))


def test_confirming_overwrites_only_the_ticked_modules(app, client, trainer, folder):
    app.config["COURSES_DIR"] = str(folder)
    edit_in_app(app, trainer)
    response = confirm(client, client.post("/authoring/import"), overwrite=["basics/quiz"])
    assert response.status_code == 302
    assert APP_EDIT not in quiz_source(app)
    assert QUESTION not in text(client.get("/authoring/courses"))


def test_an_upload_asks_too_and_overwrites_when_confirmed(app, client, trainer, folder):
    edit_in_app(app, trainer)
    data = zip_folder(folder / "basics", "basics/")
    preview = upload(client, data, preview_only=True)
    assert QUESTION in text(preview)
    assert APP_EDIT in quiz_source(app)
    response = confirm(client, preview, overwrite="basics/quiz")
    assert response.status_code == 302
    assert APP_EDIT not in quiz_source(app)


def test_the_exported_zip_uploads_without_a_conflict(app, client, trainer, tmp_path):
    edit_in_app(app, trainer)
    exported = client.get("/authoring/courses/basics/export.zip").data
    response = upload(client, exported, "basics.zip")
    assert response.status_code == 302
    assert QUESTION not in text(client.get("/authoring/courses"))
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "quiz"))
        assert module.version == 2 and module.edited_in_app_at is None


def test_the_confirmation_needs_the_csrf_token(tmp_path, folder):
    app = build_app(tmp_path, WTF_CSRF_ENABLED=True, COURSES_DIR=str(folder))
    try:
        import_folder(app, folder)
        trainer_id = make_user(app, email=TRAINER, role=Role.TRAINER)
        edit_in_app(app, trainer_id)
        client = app.test_client()
        sign_in(client, TRAINER)
        assert client.get("/authoring/courses").status_code == 200
        response = client.post("/authoring/import/confirm", data={"overwrite": "basics/quiz"})
        assert response.status_code == 400
        assert APP_EDIT in quiz_source(app)
    finally:
        drop_app(app)
