"""Issue 4, done when: a trainer fixes a typo from the browser, previews, publishes; a rep's
progress is unchanged."""

import html
import shutil

from sqlalchemy import select

from lms.db import db
from lms.models import Attempt, ModuleProgress, Role
from tests.authoring.conftest import confirm
from tests.conftest import (
    BASICS_QUIZ,
    BASICS_RIGHT,
    FIXTURE_COURSES,
    import_folder,
    make_user,
    submit_quiz,
)
from tests.helpers.learn_pages import module_states, progress
from tests.helpers.sign_in import sign_in

TYPO = "Raed this, then answer."
FIXED = "Read this, then answer."


def progress_of(app, user_id):
    with app.app_context():
        rows = db.session.scalars(select(ModuleProgress).where(ModuleProgress.user_id == user_id))
        attempts = db.session.scalars(select(Attempt).where(Attempt.user_id == user_id))
        return (
            sorted((p.module_id, p.completed_at, p.best_score, p.attempts) for p in rows),
            sorted((a.id, a.score, a.passed, str(a.snapshot)) for a in attempts),
        )


def what_the_rep_sees(client):
    """The course page's module states and progress bar."""
    page = client.get("/courses/basics").get_data(as_text=True)
    return module_states(page), progress(page, "Basics: progress")


def test_trainer_fixes_a_typo_and_the_reps_progress_is_unchanged(app, tmp_path):
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    quiz_file = folder / "basics" / "02-quiz.md"
    quiz_file.write_text(quiz_file.read_text().replace(FIXED, TYPO))
    import_folder(app, folder)

    rep_id = make_user(app)
    rep = app.test_client()
    sign_in(rep, "rep@example.com")
    assert rep.post("/courses/basics/reading/complete").status_code == 302
    assert submit_quiz(rep, BASICS_QUIZ, BASICS_RIGHT).status_code == 302
    before = progress_of(app, rep_id)
    seen_before = what_the_rep_sees(rep)

    make_user(app, email="trainer@example.com", role=Role.TRAINER)
    trainer = app.test_client()
    sign_in(trainer, "trainer@example.com")
    editor = html.unescape(
        trainer.get("/authoring/courses/basics/quiz/edit").get_data(as_text=True)
    )
    assert TYPO in editor
    source = editor.split('name="source"', 1)[1].split(">", 1)[1].split("</textarea>")[0]
    fixed = source.lstrip("\n").replace(TYPO, FIXED)

    preview = trainer.post(
        "/authoring/courses/basics/quiz/edit",
        data={"source": fixed, "base_version": "1", "action": "preview"},
    )
    shown = html.unescape(preview.get_data(as_text=True))
    assert preview.status_code == 200
    assert f'<div class="prose"><p>{FIXED}</p></div>' in shown
    assert "No problems: this text can be published." in shown
    assert quiz_file.read_text().count(TYPO) == 1  # previewing wrote nothing back

    impact = trainer.post(
        "/authoring/courses/basics/quiz/edit",
        data={"source": fixed, "base_version": "1", "action": "publish"},
    )
    # The rep had finished the module: the preview reaches no one in progress.
    assert "<strong>0</strong> rep(s) in progress" in impact.get_data(as_text=True)
    published = trainer.get(confirm(trainer, impact).location)
    assert "Published version 2." in published.get_data(as_text=True)

    module_page = rep.get(BASICS_QUIZ).get_data(as_text=True)
    assert FIXED in module_page and TYPO not in module_page
    assert progress_of(app, rep_id) == before
    assert what_the_rep_sees(rep) == seen_before
    assert seen_before[1] == 100 and len(seen_before[0]) == 2  # complete, and still is
