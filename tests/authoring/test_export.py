"""Export: a course as a .zip in the course format, which imports back to the same course."""

import io
import zipfile

import yaml
from sqlalchemy import select

from lms.db import Base, db
from lms.models import Course, LearningPath, Module, Question, Role
from tests.authoring.conftest import upload
from tests.conftest import make_user


def catalog_of(app):
    """Everything a rep would see, comparable across databases."""
    with app.app_context():
        courses = db.session.scalars(select(Course).order_by(Course.slug)).all()
        modules = db.session.scalars(select(Module).order_by(Module.course_id, Module.position))
        questions = db.session.scalars(select(Question).order_by(Question.key))
        paths = [
            (
                p.slug,
                p.title,
                p.description,
                [(link.course.slug, link.due_day) for link in p.courses],
            )
            for p in db.session.scalars(select(LearningPath).order_by(LearningPath.slug))
        ]
        return (
            paths,
            [
                (
                    c.slug,
                    c.title,
                    c.summary,
                    c.track,
                    c.pass_score,
                    c.prerequisites,
                    c.overview_html,
                )
                for c in courses
            ],
            [
                (m.slug, m.filename, m.title, m.body_html, m.toc_html, m.source, m.max_attempts)
                for m in modules
            ],
            [(q.key, q.kind, q.data) for q in questions],
        )


def names(data: bytes) -> list[str]:
    return sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())


def test_a_course_exports_as_its_folder_and_the_paths_that_use_it(client, trainer):
    response = client.get("/authoring/courses/advanced/export.zip")
    assert response.headers["Content-Type"] == "application/zip"
    assert 'filename="advanced.zip"' in response.headers["Content-Disposition"]
    assert names(response.data) == [
        "advanced/01-deep.md",
        "advanced/assets/diagram.png",
        "advanced/course.md",
        "paths.yml",
    ]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    paths = yaml.safe_load(archive.read("paths.yml"))
    assert paths == [
        {
            "slug": "starter",
            "title": "Starter path",
            "description": "A small path for tests.",
            "courses": [{"course": "basics", "due_day": 3}, {"course": "advanced", "due_day": 10}],
        }
    ]


def test_re_uploading_an_exported_course_changes_nothing(client, trainer, app):
    before = catalog_of(app)
    data = client.get("/authoring/courses/basics/export.zip").data
    response = upload(client, data, "basics.zip")
    assert response.status_code == 302
    page = client.get("/authoring/courses").get_data(as_text=True)
    assert "courses: 0 added, 0 changed, 1 unchanged" in page
    assert catalog_of(app) == before


def test_exporting_everything_round_trips_into_a_fresh_database(app, client, trainer, auth):
    data = client.get("/authoring/export.zip").data
    assert "paths.yml" in names(data)
    before = catalog_of(app)
    assert len(before[3]) == 4 and before[0]  # the round trip carries questions, not only titles

    with app.app_context():  # a fresh, empty database
        db.session.remove()
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)
    assert catalog_of(app) == ([], [], [], [])
    make_user(app, email="t2@example.com", role=Role.TRAINER)
    auth.login("t2@example.com")

    assert upload(client, data, "courses.zip").status_code == 302
    assert catalog_of(app) == before
