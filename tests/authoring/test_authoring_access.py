"""Only trainers and admins reach authoring; others get 403, the anonymous the login page."""

import pytest

from lms.models import Role
from tests.conftest import make_user

GETS = [
    "/authoring/courses",
    "/authoring/courses/basics",
    "/authoring/courses/basics/export.zip",
    "/authoring/export.zip",
    "/authoring/courses/basics/quality",
    "/authoring/courses/basics/quiz/edit",
    "/authoring/courses/basics/quiz/versions",
]
POSTS = [
    "/authoring/import",
    "/authoring/upload",
    "/authoring/import/confirm",
    "/authoring/upload/confirm",
    "/authoring/courses/basics/quiz/edit",
    "/authoring/courses/basics/quiz/publish",
    "/authoring/courses/basics/quiz/preview",
    "/authoring/courses/basics/quiz/versions/1/rollback",
]


@pytest.mark.parametrize("url", GETS)
def test_anonymous_is_sent_to_login(client, courses, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", [Role.REP, Role.MANAGER])
def test_reps_and_managers_are_refused(app, client, courses, auth, role):
    make_user(app, email="someone@example.com", role=role)
    auth.login("someone@example.com")
    statuses = {url: client.get(url).status_code for url in GETS}
    statuses |= {f"POST {url}": client.post(url).status_code for url in POSTS}
    assert set(statuses.values()) == {403}, statuses


@pytest.mark.parametrize("role", [Role.TRAINER, Role.ADMIN])
def test_trainers_and_admins_see_every_page(app, client, courses, auth, role):
    make_user(app, email="staff@example.com", role=role)
    auth.login("staff@example.com")
    statuses = {url: client.get(url).status_code for url in GETS}
    assert set(statuses.values()) == {200}, statuses


@pytest.mark.parametrize(
    "url",
    [
        "/authoring/courses/nope",
        "/authoring/courses/nope/export.zip",
        "/authoring/courses/basics/nope/edit",
        "/authoring/courses/basics/nope/versions",
        "/authoring/courses/basics/quiz/versions/99/rollback",
    ],
)
def test_unknown_course_module_or_version_is_404(client, trainer, url):
    method = client.post if url.endswith("rollback") else client.get
    assert method(url).status_code == 404


def test_the_courses_link_shows_for_trainers_only(app, client, courses, auth):
    make_user(app)
    auth.login()
    assert 'href="/authoring/courses"' not in client.get("/").get_data(as_text=True)
    auth.logout()
    make_user(app, email="t@example.com", role=Role.TRAINER)
    auth.login("t@example.com")
    assert ">Courses</a>" in client.get("/", follow_redirects=True).get_data(as_text=True)
