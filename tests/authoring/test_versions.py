"""Versions: who and when, an accessible diff against the one before, and rollback."""

import html

from sqlalchemy import select

from lms.catalog.versions import diff_lines
from lms.db import db
from lms.models import Module, ModuleVersion
from tests.authoring.conftest import confirm, confirmed
from tests.conftest import FIXTURE_COURSES

EDIT = "/authoring/courses/basics/quiz/edit"
VERSIONS = "/authoring/courses/basics/quiz/versions"
SOURCE = (FIXTURE_COURSES / "basics" / "02-quiz.md").read_text()


def publish(client, source, base):
    """Publish from the editor and confirm the impact preview."""
    preview = client.post(EDIT, data={"source": source, "base_version": base, "action": "publish"})
    if preview.status_code != 200 or b'name="digest"' not in preview.data:
        return preview
    return confirm(client, preview)


def history(app):
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "quiz"))
        rows = db.session.execute(
            select(ModuleVersion.number, ModuleVersion.origin, ModuleVersion.source)
            .where(ModuleVersion.module_id == module.id)
            .order_by(ModuleVersion.number)
        ).all()
        return module.version, rows


def test_each_import_adds_a_first_version(app, courses):
    version, rows = history(app)
    assert version == 1
    assert [(n, origin) for n, origin, _ in rows] == [(1, "import")]
    assert rows[0][2] == SOURCE


def test_the_versions_page_shows_who_when_and_an_escaped_diff(app, client, trainer):
    publish(client, SOURCE.replace("Read this, then answer.", "Read <b>this</b> & answer."), 1)
    page = client.get(VERSIONS).get_data(as_text=True)
    assert "Version 2 (current)" in page
    assert "published in the editor · by Tess Trainer" in page
    assert "imported from files · by a file import" in page
    assert '<span class="diff-remove">-Read this, then answer.</span>' in page
    assert '<span class="diff-add">+Read &lt;b&gt;this&lt;/b&gt; &amp; answer.</span>' in page
    assert "lines starting with <code>+</code> were added" in page


def test_rolling_back_publishes_the_old_text_as_a_new_version(app, client, trainer):
    publish(client, SOURCE.replace("Read this", "Changed text"), 1)
    response = confirmed(client, f"{VERSIONS}/1/rollback", follow_redirects=True)
    assert "Rolled back: version 3 has the text of version 1." in html.unescape(
        response.get_data(as_text=True)
    )
    version, rows = history(app)
    assert version == 3 == rows[-1][0]
    assert [origin for _, origin, _ in rows] == ["import", "editor", "rollback"]
    assert rows[-1][2] == SOURCE
    assert "Read this, then answer." in client.get("/courses/basics/quiz").get_data(as_text=True)


def test_rolling_back_to_the_current_text_changes_nothing(app, client, trainer):
    publish(client, SOURCE.replace("Read this", "Changed text"), 1)
    publish(client, SOURCE, 2)
    confirmed(client, f"{VERSIONS}/1/rollback")
    assert history(app)[0] == 3


def test_a_file_import_that_changes_a_module_is_a_version_too(app, tmp_path, courses):
    import shutil

    from tests.conftest import import_folder

    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    quiz = folder / "basics" / "02-quiz.md"
    quiz.write_text(quiz.read_text().replace("Read this", "Read that"))
    import_folder(app, folder)
    import_folder(app, folder)  # unchanged: no new version
    version, rows = history(app)
    assert version == 2 == len(rows)
    assert rows[-1][1] == "import" and "Read that" in rows[-1][2]


def test_the_diff_breaks_lines_at_lf_crlf_and_cr_only():
    lines = [d.text for d in diff_lines("a\u2028b\nsame\n", "a\u2028c\r\nsame\n", "v1", "v2")]
    assert "-a\u2028b" in lines
    assert "+a\u2028c" in lines
    assert " same" in lines


def test_rolling_back_shows_its_impact_and_stores_nothing_before_the_confirm(app, client, trainer):
    # A rollback is a publish: it went live at once, without the preview publishing shows.
    publish(client, SOURCE.replace("Read this", "Changed text"), 1)
    preview = client.post(f"{VERSIONS}/1/rollback")
    assert preview.status_code == 200
    assert "Nothing is stored until you confirm." in preview.get_data(as_text=True)
    assert history(app)[0] == 2
    confirm(client, preview)
    assert history(app)[0] == 3
