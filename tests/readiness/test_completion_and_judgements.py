"""Completion stays earned when a course gains modules; the rep's home heeds a Not yet."""

import shutil
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from lms.db import db
from lms.models import Course, CourseRecord, Enrollment, User
from tests.conftest import (
    FIXTURE_COURSES,
    finish_basics,
    import_folder,
    submit_quiz,
)
from tests.helpers.sign_in import signed_in_client

NEW_MODULE = """---
title: What changed this quarter
estimated_minutes: 3
---
New pricing, new text.
"""


def text(response) -> str:
    return response.get_data(as_text=True)


def finish_path(client) -> None:
    finish_basics(client)
    deep = "/courses/advanced/deep"
    assert submit_quiz(client, deep, {"deep-one": "Practice helps"}).status_code == 302


def add_module_to_basics(app, tmp_path) -> None:
    """Publish the fixture courses again with one more module in Basics."""
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    (folder / "basics" / "03-extra.md").write_text(NEW_MODULE)
    import_folder(app, folder)


def start_long_ago(app, user_id, days=40) -> None:
    with app.app_context(), db.writing() as session:
        session.execute(
            update(Enrollment)
            .where(Enrollment.user_id == user_id)
            .values(start_date=date.today() - timedelta(days=days))
        )


def require_new_material(app, user_id, due: date) -> None:
    """What the trainer's "reps who finished must do it" choice will store (set directly here).

    Through the ORM, so the write bumps the team's data_version as the app's writes do.
    """
    with app.app_context(), db.writing() as session:
        record = session.scalar(
            select(CourseRecord)
            .join(Course, Course.id == CourseRecord.course_id)
            .where(CourseRecord.user_id == user_id, Course.slug == "basics")
        )
        record.new_material_due = due


@pytest.fixture
def finished(app, org, tmp_path):
    """Ana finished the starter path long ago; then Basics gained a module."""
    rep = signed_in_client(app, "ana@example.com")
    finish_path(rep)
    start_long_ago(app, org["ana"])
    boss = signed_in_client(app, "boss@example.com")
    dashboard = f"/reports/teams/{org['east']}"
    assert "Path complete" in text(boss.get(dashboard))  # cached before the upload
    add_module_to_basics(app, tmp_path)
    return rep, boss, dashboard


def test_a_course_completed_before_a_new_module_stays_complete(app, org, finished):
    rep, boss, dashboard = finished
    page = text(boss.get(dashboard))
    assert "Overdue" not in page.split("<tbody>")[1]
    assert (
        "Path complete: 3 of 4 modules done; 1 new module added since completion, optional" in page
    )
    home = text(rep.get("/"))
    assert "You have completed this path" in home
    assert "1 new module since you completed it: optional." in home
    detail = text(boss.get(f"{dashboard}/reps/{org['ana']}"))
    assert "new material since completion" in detail and "optional" in detail
    # Advanced, which needs Basics, stays open.
    assert rep.get("/courses/advanced/deep").status_code == 200


def test_required_new_material_reads_new_material_not_overdue(app, org, finished):
    rep, boss, dashboard = finished
    require_new_material(app, org["ana"], date.today() + timedelta(days=14))
    page = text(boss.get(dashboard))
    assert "New material since completion: Basics, 1 new module due in 14 days" in page
    assert "was due" not in page and "heat-new-material" in page
    home = text(rep.get("/"))
    assert "1 new module since you completed it, due" in home
    assert "You have completed this path" not in home
    assert "Continue: What changed this quarter" in home

    require_new_material(app, org["ana"], date.today() - timedelta(days=1))
    assert "New material in Basics was due 1 day ago" in text(boss.get(dashboard))

    assert rep.post("/courses/basics/extra/complete").status_code == 302
    assert "Path complete: all 4 modules done" in text(boss.get(dashboard))
    with app.app_context():
        record = db.session.scalar(
            select(CourseRecord)
            .join(Course)
            .where(CourseRecord.user_id == org["ana"], Course.slug == "basics")
        )
        assert record.new_material_due is None and record.completed_version == 1


def test_without_a_record_a_new_module_reopens_the_course(app, org, tmp_path):
    """The record is what keeps completion: a rep who had not finished gets the new module."""
    rep = signed_in_client(app, "bo@example.com")
    assert rep.post("/courses/basics/reading/complete").status_code == 302
    add_module_to_basics(app, tmp_path)
    home = text(rep.get("/"))
    assert "1 of 3 modules" in home


def record_judgement(client, org, verdict, note, shared):
    data = {"verdict": verdict, "note": note}
    if shared:
        data["shared"] = "yes"
    url = f"/reports/teams/{org['east']}/reps/{org['ana']}/judgements"
    assert client.post(url, data=data).status_code == 302


def test_a_not_yet_judgement_stops_the_home_page_claiming_readiness(app, org):
    rep = signed_in_client(app, "ana@example.com")
    finish_path(rep)
    assert "You are ready to sell" in text(rep.get("/"))
    boss = signed_in_client(app, "boss@example.com")
    record_judgement(boss, org, "not yet", "Wants two more practice calls", shared=False)
    home = text(rep.get("/"))
    assert "You are ready to sell" not in home
    assert "Your manager wants more before you sell; ask them what comes next." in home
    assert "practice calls" not in home  # the note was not shared

    record_judgement(boss, org, "not yet", "Wants two more practice calls", shared=True)
    home = text(rep.get("/"))
    assert "Your manager wants more before you sell: “Wants two more practice calls”" in home
    assert "(note shared with the rep)" in text(
        boss.get(f"/reports/teams/{org['east']}/reps/{org['ana']}")
    )

    record_judgement(boss, org, "ready", "", shared=False)
    assert "You are ready to sell" in text(rep.get("/"))


def test_the_judgement_form_offers_sharing_unticked(app, org):
    boss = signed_in_client(app, "boss@example.com")
    page = text(boss.get(f"/reports/teams/{org['east']}/reps/{org['ana']}"))
    assert 'type="checkbox" id="shared" name="shared" value="yes">' in page
    with app.app_context():
        assert db.session.get(User, org["ana"]) is not None
