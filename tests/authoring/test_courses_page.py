"""The courses page: every course with its counts, in a fixed number of statements."""

import html

import pytest

from lms.analytics.activity import activity_cache
from lms.models import Role
from tests.authoring.conftest import count_statements, row
from tests.conftest import BASICS_QUIZ, import_folder, make_user, submit_quiz
from tests.helpers.courses import many_courses
from tests.helpers.sign_in import sign_in


def test_each_course_shows_state_version_counts_and_reps_in_progress(app, client, trainer):
    rep = app.test_client()
    make_user(app, email="r1@example.com")
    make_user(app, email="r2@example.com")
    sign_in(rep, "r1@example.com")
    rep.post("/courses/basics/reading/complete")  # started basics: 1 of 2 modules done
    other = app.test_client()
    sign_in(other, "r2@example.com")
    other.post("/courses/basics/reading/complete")
    submit_quiz(
        other, BASICS_QUIZ, {"capital": "Paris", "colours": ["Red", "Blue"], "funnel": "purchase"}
    )
    page = html.unescape(client.get("/authoring/courses").get_data(as_text=True))
    basics = row(page, "Basics")
    assert basics[:4] == ["Published", "1", "2", "3"]
    assert basics[5] == "1"  # r2 completed everything; r1 is in progress
    assert row(page, "Advanced")[:5][:4] == ["Published", "1", "1", "1"]


def test_a_retired_course_is_listed_as_retired(app, client, trainer, tmp_path):
    import shutil

    from tests.conftest import FIXTURE_COURSES

    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    shutil.rmtree(folder / "advanced")
    (folder / "paths.yml").write_text(
        (folder / "paths.yml").read_text().split("    - course: advanced")[0]
    )
    import_folder(app, folder)
    page = client.get("/authoring/courses").get_data(as_text=True)
    assert row(page, "Advanced")[0] == "Retired"


@pytest.mark.parametrize("url", ["/authoring/courses"])
def test_statements_do_not_grow_with_courses_or_reps(app, client, auth, tmp_path, url):
    def measure(n):
        folder = tmp_path / f"c{n}"
        many_courses(folder, n)
        import_folder(app, folder)
        activity_cache(app).clear()  # count reps in progress on this view too
        with count_statements(app) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    make_user(app, email="t@example.com", role=Role.TRAINER, path=None)
    auth.login("t@example.com")
    small = measure(2)
    for i in range(5):
        make_user(app, email=f"rep{i}@example.com", path="all")
    large = measure(20)
    assert small == large == 5, (small, large)


def test_reps_in_progress_leaves_out_inactive_reps_and_other_roles(app, client, trainer):
    from sqlalchemy import select

    from lms.db import db
    from lms.models import Module, ModuleProgress, User

    make_user(app, email="r1@example.com")
    make_user(app, email="gone@example.com")
    make_user(app, email="boss@example.com", role=Role.MANAGER)
    with app.app_context():
        reading = db.session.scalar(select(Module).where(Module.slug == "reading"))
        users = db.session.scalars(select(User).where(User.email.like("%@example.com"))).all()
        with db.writing() as session:
            for user in users:
                if user.email != "trainer@example.com":
                    session.add(ModuleProgress(user_id=user.id, module_id=reading.id))
                if user.email == "gone@example.com":
                    session.get(User, user.id).active = False
    page = html.unescape(client.get("/authoring/courses").get_data(as_text=True))
    assert row(page, "Basics")[5] == "1"  # only r1: not the inactive rep, not the manager
