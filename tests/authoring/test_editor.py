"""The module editor: preview through the import pipeline, problems by line, publish."""

import html
import re
import shutil

import pytest
from sqlalchemy import select

from lms.db import db
from lms.models import Module, ModuleVersion, Question
from tests.authoring.conftest import EDIT, SOURCE, post
from tests.conftest import FIXTURE_COURSES, import_folder
from tests.helpers.sign_in import csrf_token

PREVIEW = "/authoring/courses/basics/quiz/preview"


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def module_row(app, slug="quiz"):
    with app.app_context():
        return db.session.scalar(select(Module).where(Module.slug == slug))


def test_the_editor_shows_the_whole_file_and_the_published_preview(client, trainer):
    page = text(client.get(EDIT))
    assert "title: A quiz module\nmax_attempts: 2" in page.replace("estimated_minutes: 7\n", "")
    assert "```quiz" in page
    assert '<label for="source">' in page
    assert "Right answer:</strong> Paris" in page


def test_preview_marks_right_answers_with_feedback_and_explanations(client, trainer):
    shown = text(post(client, SOURCE.replace("Read this", "Read **this**")))
    assert "<p>Read <strong>this</strong>, then answer.</p>" in shown
    assert re.search(r"Right answer:</strong> Paris\s*<div class=\"feedback\">", shown)
    assert "Wrong:</strong> Lyon" in shown
    assert "Lyon is the third largest city, not the capital." in shown
    assert "<strong>Why:</strong> Paris has been the capital for centuries." in shown
    assert "<code>purchase</code>" in shown and "<code>/buy(ing)?/</code> (pattern)" in shown
    assert "Question 1 of 3" in shown and "<code>[capital]</code>" in shown


def test_preview_is_sanitized_like_an_import(client, trainer):
    shown = post(client, SOURCE + "\n<script>alert(1)</script>\n[x](javascript:alert(1))\n")
    body = shown.get_data(as_text=True)
    assert "<script>alert" not in body
    assert "javascript:" not in body.split('name="source"')[0] + body.split("</textarea>")[1]


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("- [x] Paris", "- [ ] Paris"), 9, "no right answer"),
        (("title: A quiz module", "title: A quiz module\ncolour: red"), 3, 'unknown key "colour"'),
        (("? [colours]", "? [capital]"), 17, 'duplicate question id "capital"'),
    ],
)
def test_problems_are_listed_by_line_and_publish_stores_nothing(
    app, client, trainer, change, line, message
):
    source = SOURCE.replace(*change)
    preview = post(client, source)
    assert preview.status_code == 422
    shown = text(preview)
    assert re.search(
        rf'data-line="{line}">Line {line}</a>[^<]*: [^<]*{re.escape(message)}', shown
    ), shown[shown.find('id="problems"') :][:800]
    published = post(client, source, action="publish")
    assert published.status_code == 422
    assert module_row(app).version == 1
    assert module_row(app).source == SOURCE


def test_publish_keeps_question_ids_and_records_who(app, client, trainer):
    source = SOURCE.replace(
        "Which city is the capital of France?", "Which city is France's capital?"
    )
    response = post(client, source, action="publish")
    assert response.status_code == 302
    assert "Published version 2." in text(client.get(EDIT))
    module = module_row(app)
    assert module.version == 2
    with app.app_context():
        versions = db.session.execute(
            select(ModuleVersion.number, ModuleVersion.origin, ModuleVersion.author_id)
            .where(ModuleVersion.module_id == module.id)
            .order_by(ModuleVersion.number)
        ).all()
        question = db.session.scalar(select(Question).where(Question.key == "capital"))
    assert versions == [(1, "import", None), (2, "editor", trainer)]
    assert (
        "France&#39;s capital" in question.data["prompt_html"]
        or "France's capital" in question.data["prompt_html"]
    )


def test_crlf_from_the_browser_is_stored_as_lf(app, client, trainer):
    post(client, SOURCE.replace("Read this", "Read it").replace("\n", "\r\n"), action="publish")
    assert "\r" not in module_row(app).source


def test_publishing_the_same_text_changes_nothing(app, client, trainer):
    response = post(client, SOURCE, action="publish")
    assert "No changes to publish." in text(client.get(response.location))
    assert module_row(app).version == 1


def test_a_stale_editor_does_not_overwrite_a_newer_version(app, client, trainer):
    post(client, SOURCE.replace("Read this", "First edit"), action="publish")
    response = post(client, SOURCE.replace("Read this", "Second edit"), action="publish", base="1")
    assert response.status_code == 200
    shown = text(response)
    assert "Version 2 was published while you edited: nothing was stored." in shown
    assert "Second edit" in shown  # the trainer's text is kept in the form
    assert 'name="base_version" value="2"' in shown
    assert "First edit" in module_row(app).source


def test_the_preview_endpoint_returns_the_panels_for_the_script(client, trainer):
    response = post(client, SOURCE.replace("Read this", "Live text"), url=PREVIEW)
    assert response.status_code == 200
    shown = text(response)
    assert shown.lstrip().startswith('<div id="problems"')
    assert 'data-errors="0"' in shown and "Live text" in shown
    assert "<html" not in shown


def test_a_retired_module_cannot_be_edited(app, client, trainer, tmp_path):
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    (folder / "basics" / "02-quiz.md").unlink()
    import_folder(app, folder)
    assert client.get(EDIT).status_code == 404
    assert client.get("/authoring/courses/basics/quiz/versions").status_code == 200


def test_the_script_preview_needs_the_csrf_token(app, client, trainer):
    """With CSRF on, as in production, the script's X-CSRFToken header lets it in."""
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(EDIT).get_data(as_text=True)
    token = csrf_token(page)
    assert client.post(PREVIEW, data={"source": SOURCE}).status_code == 400
    answered = client.post(PREVIEW, data={"source": SOURCE}, headers={"X-CSRFToken": token})
    assert answered.status_code == 200
