"""Rep pages kept per user and session (lms/web/page_cache.py) never outlive what they show."""

import re
import shutil

import pytest
from sqlalchemy import select, update

from lms.db import db
from lms.messaging.outbox import APP, Message, enqueue
from lms.models import Module, SiteState, User
from lms.models.site import SITE_ROW
from tests.conftest import (
    BASICS_QUIZ,
    FIXTURE_COURSES,
    count_statements,
    finish_basics,
    form_token,
    import_folder,
    make_user,
    quiz_form,
)
from tests.helpers.sign_in import sign_in

PAGES = ("/", "/courses/basics", BASICS_QUIZ)
DEEP = "/courses/advanced/deep"
WRONG = {"capital": "Lyon", "colours": ["Red"], "funnel": "nothing"}


def view(client, url: str) -> tuple[str, int]:
    """The page and the statements its view ran, BEGIN and COMMIT aside."""
    with count_statements(client.application) as seen:
        response = client.get(url)
    assert response.status_code == 200, url
    ran = [s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
    return response.get_data(as_text=True), len(ran)


def without_quiz_token(html: str) -> str:
    return re.sub(r'name="token" value="[^"]+"', "", html)


def test_a_page_viewed_again_is_the_kept_one(client, rep):
    for url in PAGES:
        view(client, url)  # the first view of a module records "started"
        rendered, _ = view(client, url)
        kept, ran = view(client, url)
        assert ran == 1, url  # the user, with the site's page version
        assert without_quiz_token(kept) == without_quiz_token(rendered)


def test_each_view_of_a_kept_quiz_gets_its_own_token_and_each_counts(client, rep):
    view(client, BASICS_QUIZ)
    first, _ = view(client, BASICS_QUIZ)
    second, ran = view(client, BASICS_QUIZ)
    assert ran == 1 and form_token(first) != form_token(second)
    answers = [
        client.post(f"{BASICS_QUIZ}/quiz", data=quiz_form(page, WRONG)) for page in (first, second)
    ]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0].headers["Location"] != answers[1].headers["Location"]


def test_progress_shows_at_once_on_every_kept_page(client, rep):
    for url in PAGES:
        view(client, url)
        view(client, url)
    assert "0 of 3 modules done" in view(client, "/")[0]
    finish_basics(client)
    home, ran = view(client, "/")
    assert "2 of 3 modules done" in home and ran > 1
    module, _ = view(client, BASICS_QUIZ)
    assert "Your latest" in module or "attempt" in module.lower()
    assert "Passed" in module or "passed" in module


def test_a_flash_shows_once_and_is_never_kept(client, rep):
    view(client, "/courses/basics")
    view(client, "/courses/basics")
    response = client.post("/courses/basics/reading/complete", follow_redirects=True)
    assert "is complete" in response.get_data(as_text=True)
    after, _ = view(client, response.request.path)
    assert "is complete" not in after


def test_an_import_shows_at_once_on_a_kept_module_page(app, client, rep, tmp_path):
    view(client, "/courses/basics/reading")
    view(client, "/courses/basics/reading")
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    reading = folder / "basics" / "01-reading.md"
    reading.write_text(reading.read_text().replace("title: Reading only", "title: Read me first"))
    import_folder(app, folder)
    page, ran = view(client, "/courses/basics/reading")
    assert "Read me first" in page and ran > 1


def test_a_bulk_update_around_the_orm_marks_every_page_stale(app, client, rep):
    view(client, "/courses/basics/reading")
    view(client, "/courses/basics/reading")
    with app.app_context(), db.writing() as session:
        before = session.scalar(select(SiteState.page_version))
        session.execute(update(Module).where(Module.slug == "reading").values(title="Renamed"))
    with app.app_context():
        assert (
            db.session.scalar(select(SiteState.page_version).where(SiteState.id == SITE_ROW))
            != before
        )
    assert "Renamed" in view(client, "/courses/basics/reading")[0]


def test_a_new_notification_shows_at_once(app, client, rep):
    view(client, "/")
    view(client, "/")
    with app.app_context(), db.writing() as session:
        stored = enqueue(
            session,
            Message(rep, "test", APP, "page-cache-test", "Hello", "A new message for you."),
        )
        assert stored
    home, _ = view(client, "/")
    assert re.search(r'class="badge">1<span class="visually-hidden"> unread', home)


def test_each_session_of_a_user_has_its_own_kept_page_and_csrf_token(app, client, rep):
    view(client, "/")
    laptop, _ = view(client, "/")
    phone = app.test_client()
    sign_in(phone, "rep@example.com")
    view(phone, "/")  # shows the sign-in's flash
    view(phone, "/")
    on_phone, ran = view(phone, "/")
    assert ran == 1
    tokens = [
        re.search(r'name="csrf_token" value="([^"]+)"', p).group(1) for p in (laptop, on_phone)
    ]
    assert tokens[0] != tokens[1]


def test_another_users_write_leaves_a_kept_page_kept(app, client, rep):
    view(client, "/")
    view(client, "/")
    other = app.test_client()
    make_user(app, email="other@example.com")
    sign_in(other, "other@example.com")
    finish_basics(other)
    assert view(client, "/")[1] == 1


def test_a_shuffled_quiz_is_never_kept(client, rep):
    finish_basics(client)
    view(client, DEEP)
    first, _ = view(client, DEEP)
    second, ran = view(client, DEEP)
    assert ran > 1 and form_token(first) != form_token(second)


def test_a_write_to_a_users_rows_gives_that_user_alone_a_new_page_version(app, client, rep):
    other = make_user(app, email="other@example.com")
    with app.app_context():
        before = dict(db.session.execute(select(User.id, User.page_version)).all())
    client.post("/courses/basics/reading/complete")
    with app.app_context():
        after = dict(db.session.execute(select(User.id, User.page_version)).all())
    assert after[rep] != before[rep] and after[other] == before[other]


def test_the_check_leaves_sqlite_connections_taking_their_own_begins(app, client, rep):
    """pysqlite must stay out of transaction handling (lms/db.py) after a kept page's read."""
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("pysqlite only")
    for _ in range(3):
        view(client, "/courses/basics")
    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            assert raw.driver_connection.isolation_level is None
        finally:
            raw.close()
