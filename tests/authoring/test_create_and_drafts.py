"""Creating courses, modules and paths in the app, and module drafts: through the importer."""

import html
import io
import zipfile

import pytest
from sqlalchemy import func, select

from lms.catalog import publishing as service
from lms.db import db
from lms.models import Course, LearningPath, Module, ModuleProgress, ModuleVersion, Role
from lms.progress.remedies import live_courses as assignable_courses
from tests.authoring.conftest import TRAINER, confirm, confirmed
from tests.conftest import FIXTURE_COURSES, make_user

REP = "rep@example.com"
QUIZ_EDIT = "/authoring/courses/basics/quiz/edit"
QUIZ_SOURCE = (FIXTURE_COURSES / "basics" / "02-quiz.md").read_text()


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def row(app, model, **where):
    with app.app_context():
        return db.session.scalar(select(model).filter_by(**where))


@pytest.fixture
def rep_id(app, trainer):
    """A rep on the starter path (the trainer stays signed in)."""
    return make_user(app, email=REP)


def as_rep(client, auth, url):
    auth.login(REP)
    response = client.get(url)
    auth.logout()
    auth.login(TRAINER)
    return response


def new_course(client, **fields):
    data = {"slug": "objections", "title": "Handling objections", "track": "skills"}
    data |= {"summary": "Answer the five usual objections.", "pass_score": "70", "draft": "y"}
    return client.post("/authoring/courses/new", data=data | fields)


def exported(client) -> dict[str, bytes]:
    data = client.get("/authoring/export.zip").data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def reimport(app, client, tmp_path):
    """Import the app's own export as a courses folder: the same files change nothing."""
    for name, data in exported(client).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    with app.app_context():
        outcome = service.import_directory(tmp_path, None, service.Choices())
    assert not outcome.errors, outcome.problems
    return outcome.summary


def test_a_new_course_is_its_course_md_imported_and_stays_a_draft(app, client, auth, rep_id):
    response = new_course(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/authoring/courses/objections/modules/new")
    course = row(app, Course, slug="objections")
    assert course.draft and course.track == "skills" and course.pass_score == 70
    assert course.source.startswith("---\ntitle: Handling objections\ntrack: skills\n")
    assert as_rep(client, auth, "/courses/objections").status_code == 404
    with app.app_context():
        assert "Handling objections" not in [t for _, t in assignable_courses(db.session)]
    assert "Draft: reps do not see it" in text(client.get("/authoring/courses/objections"))
    assert client.post("/authoring/courses/objections/publish").status_code == 302
    assert not row(app, Course, slug="objections").draft
    assert as_rep(client, auth, "/courses/objections").status_code == 200


def test_new_course_problems_are_shown_and_nothing_is_stored(app, client, trainer):
    taken = new_course(client, slug="basics")
    assert taken.status_code == 422
    assert "basics/course.md:1: a course with this slug exists already" in text(taken)
    bad = new_course(client, slug="Not A Slug", pass_score="140")
    assert bad.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Course)) == 2


def test_a_new_module_is_a_draft_until_published(app, client, auth, rep_id, tmp_path):
    response = client.post(
        "/authoring/courses/basics/modules/new", data={"slug": "follow-up", "title": "Follow up"}
    )
    assert response.headers["Location"].endswith("/authoring/courses/basics/follow-up/edit")
    module = row(app, Module, slug="follow-up")
    assert module.filename == "03-follow-up.md" and module.retired_at is not None
    assert module.draft_source.startswith("---\ntitle: Follow up\n---")
    assert as_rep(client, auth, "/courses/basics/follow-up").status_code == 404
    assert "Follow up" not in text(as_rep(client, auth, "/courses/basics"))
    editor = text(client.get("/authoring/courses/basics/follow-up/edit"))
    assert "Unpublished new module" in editor and "Write the module here." in editor

    published = confirmed(client, "/authoring/courses/basics/follow-up/draft/publish")
    assert published.status_code == 302
    module = row(app, Module, slug="follow-up")
    assert module.retired_at is None and module.draft_source is None
    assert module.edited_in_app_at is not None and module.position == 3
    assert as_rep(client, auth, "/courses/basics/follow-up").status_code == 200
    assert "basics/03-follow-up.md" in exported(client)
    summary = reimport(app, client, tmp_path)
    assert not summary.changed_anything and not summary.conflicts


def test_a_saved_draft_leaves_the_live_version_and_previews_as_a_rep(app, client, auth, rep_id):
    draft = QUIZ_SOURCE.replace("Read this", "Read the DRAFT")
    saved = client.post(QUIZ_EDIT, data={"source": draft, "base_version": "1", "action": "draft"})
    assert saved.status_code == 302
    module = row(app, Module, slug="quiz")
    assert module.draft_source == draft and module.version == 1 and "DRAFT" not in module.source
    assert "DRAFT" not in text(as_rep(client, auth, "/courses/basics/quiz"))
    assert "Read the DRAFT" in text(client.get(QUIZ_EDIT))  # the editor opens on the draft

    preview = client.get("/authoring/courses/basics/quiz/draft")
    shown = text(preview)
    assert preview.status_code == 200
    assert "Draft preview." in shown and "Read the DRAFT" in shown
    assert "Check your understanding" in shown and "Right answer" not in shown
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(ModuleProgress))
    client.get("/authoring/courses/basics/quiz/draft")
    with app.app_context():
        after = db.session.scalar(select(func.count()).select_from(ModuleProgress))
    assert after == before  # previewing records nothing

    confirmed(client, "/authoring/courses/basics/quiz/draft/publish")
    module = row(app, Module, slug="quiz")
    assert module.version == 2 and "Read the DRAFT" in module.source
    assert module.draft_source is None and module.edited_in_app_at is not None
    version = row(app, ModuleVersion, module_id=module.id, number=2)
    assert version.origin == "editor" and version.source == draft
    assert "DRAFT" in text(as_rep(client, auth, "/courses/basics/quiz"))


def test_a_published_draft_is_an_app_edit_an_import_leaves_alone(app, client, trainer):
    draft = QUIZ_SOURCE.replace("Read this", "Read the DRAFT")
    client.post(QUIZ_EDIT, data={"source": draft, "base_version": "1", "action": "draft"})
    confirmed(client, "/authoring/courses/basics/quiz/draft/publish")
    with app.app_context():
        outcome = service.import_directory(FIXTURE_COURSES, None, service.Choices())
    assert [c.key for c in outcome.summary.conflicts] == ["basics/quiz"]
    assert "DRAFT" in row(app, Module, slug="quiz").source


def test_discarding_a_draft_keeps_the_published_text(app, client, trainer):
    client.post(QUIZ_EDIT, data={"source": "broken", "base_version": "1", "action": "draft"})
    assert row(app, Module, slug="quiz").draft_source == "broken"
    refused = confirmed(client, "/authoring/courses/basics/quiz/draft/publish", True)
    assert "The draft cannot be published: basics/02-quiz.md:1:" in text(refused)
    assert row(app, Module, slug="quiz").version == 1
    assert client.post("/authoring/courses/basics/quiz/draft/discard").status_code == 302
    module = row(app, Module, slug="quiz")
    assert module.draft_source is None and module.source == QUIZ_SOURCE
    assert client.get("/authoring/courses/basics/quiz/draft").status_code == 404


def test_a_new_path_goes_through_paths_yml_and_exports(app, client, trainer, tmp_path):
    response = client.post(
        "/authoring/paths/new",
        data={"slug": "fast", "title": "Fast track", "courses": "advanced 2\nbasics 5"},
    )
    assert response.status_code == 302
    with app.app_context():
        path = db.session.scalar(select(LearningPath).filter_by(slug="fast"))
        links = [(link.course.slug, link.due_day) for link in path.courses]
    assert links == [("advanced", 2), ("basics", 5)]
    assert (
        b"- slug: fast\n  title: Fast track\n  courses:\n  - course: advanced"
        in (exported(client)["paths.yml"])
    )
    assert not reimport(app, client, tmp_path).changed_anything


def test_path_problems_are_reported_by_line(app, client, trainer):
    data = {"slug": "fast", "title": "Fast", "courses": "basics 2\nnope 3"}
    unknown = client.post("/authoring/paths/new", data=data)
    assert unknown.status_code == 422
    assert 'paths.yml:14: course "nope" does not exist' in text(unknown)
    malformed = client.post("/authoring/paths/new", data=data | {"courses": "basics two"})
    assert "courses:1: write the course slug and its due day" in text(malformed)
    taken = client.post("/authoring/paths/new", data=data | {"slug": "starter"})
    assert 'paths.yml:1: path "starter" exists already' in text(taken)
    assert row(app, LearningPath, slug="fast") is None


def test_a_draft_course_cannot_go_on_a_path(app, client, trainer):
    new_course(client)
    data = {"slug": "fast", "title": "Fast", "courses": "objections 2"}
    response = client.post("/authoring/paths/new", data=data)
    assert response.status_code == 422
    assert 'course "objections" is a draft: publish it before' in text(response)


def test_editing_a_path_changes_its_courses_and_due_days(app, client, trainer):
    form = text(client.get("/authoring/paths/starter/edit"))
    assert "basics 3\nadvanced 10" in form
    data = {"slug": "starter", "title": "Starter path", "courses": "basics 4"}
    assert client.post("/authoring/paths/starter/edit", data=data).status_code == 302
    with app.app_context():
        path = db.session.scalar(select(LearningPath).filter_by(slug="starter"))
        assert [(link.course.slug, link.due_day) for link in path.courses] == [("basics", 4)]
    assert client.get("/authoring/paths/nope/edit").status_code == 404


NEW_GETS = ["/authoring/courses/new", "/authoring/courses/basics/modules/new", "/authoring/paths"]
NEW_GETS += ["/authoring/paths/new", "/authoring/paths/starter/edit"]
NEW_POSTS = NEW_GETS[:2] + NEW_GETS[3:] + ["/authoring/courses/basics/publish"]
NEW_POSTS += [f"/authoring/courses/basics/quiz/draft/{a}" for a in ("publish", "discard")]


@pytest.mark.parametrize("role", [Role.REP, Role.MANAGER])
def test_reps_and_managers_cannot_create_or_publish(app, client, courses, auth, role):
    make_user(app, email="someone@example.com", role=role)
    auth.login("someone@example.com")
    statuses = {url: client.get(url).status_code for url in NEW_GETS}
    statuses["draft"] = client.get("/authoring/courses/basics/quiz/draft").status_code
    statuses |= {f"POST {url}": client.post(url).status_code for url in NEW_POSTS}
    assert set(statuses.values()) == {403}, statuses


@pytest.mark.parametrize("role", [Role.TRAINER, Role.ADMIN])
def test_trainers_and_admins_reach_the_forms(app, client, courses, auth, role):
    make_user(app, email="staff@example.com", role=role)
    auth.login("staff@example.com")
    assert {client.get(url).status_code for url in NEW_GETS} == {200}


def test_publishing_from_the_editor_drops_the_saved_draft(app, client, trainer):
    draft = QUIZ_SOURCE.replace("Read this", "Read the DRAFT")
    client.post(QUIZ_EDIT, data={"source": draft, "base_version": "1", "action": "draft"})
    final = QUIZ_SOURCE.replace("Read this", "Read the FINAL")
    preview = client.post(
        QUIZ_EDIT, data={"source": final, "base_version": "1", "action": "publish"}
    )
    assert confirm(client, preview).status_code == 302  # published once the impact is seen
    module = row(app, Module, slug="quiz")
    assert "FINAL" in module.source and module.draft_source is None and module.version == 2


def test_publishing_a_draft_shows_its_impact_and_stores_nothing_before_the_confirm(
    app, client, trainer
):
    # The draft's own Publish button went live at once, skipping the preview every other
    # publish shows; a trainer could not see whom it reaches before it did.
    draft = QUIZ_SOURCE.replace("Read this", "Read the DRAFT")
    client.post(QUIZ_EDIT, data={"source": draft, "base_version": "1", "action": "draft"})
    preview = client.post("/authoring/courses/basics/quiz/draft/publish")
    assert preview.status_code == 200
    page = text(preview)
    assert "Nothing is stored until you confirm." in page and "Confirm and apply" in page
    module = row(app, Module, slug="quiz")
    assert module.version == 1 and module.draft_source == draft
    confirm(client, preview)
    module = row(app, Module, slug="quiz")
    assert module.version == 2 and module.draft_source is None
