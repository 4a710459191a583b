"""The importer stores each practice block and its rubric with the module; export gives them back."""

from __future__ import annotations

from sqlalchemy import select

from lms.catalog.files import course_files
from lms.content.loader import load_catalog
from lms.db import db
from lms.models import Course, Module
from tests.conftest import import_folder
from tests.content.content_trees import write_tree
from tests.practice.conftest import PRACTICE_COURSES


def test_practice_and_rubric_are_stored_and_reimport_changes_nothing(app, courses):
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "pitch"))
        assert module.is_practice and not module.has_quiz
        practice = module.practice
        assert practice["submit"] == ["video", "audio", "text"]
        assert practice["pass_mark"] == 3.5 and practice["max_minutes"] == 2
        assert practice["rubric"]["levels"] == [[1, "Missing"], [3, "Adequate"], [5, "Exemplary"]]
        assert [c["id"] for c in practice["rubric"]["criteria"]] == ["research", "value"]
    again = import_folder(app, PRACTICE_COURSES)
    assert again.counts["modules"] == {"unchanged": 3}


def test_export_writes_the_rubric_back(app, courses, tmp_path):
    with app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == "pitching"))
        files = course_files(db.session, [course])
    assert "pitching/rubrics/pitch.yml" in files
    folder = write_tree(tmp_path / "out", {k: v for k, v in files.items()})
    assert load_catalog(folder).problems == []
