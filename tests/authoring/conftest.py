"""Authoring fixtures: a signed-in trainer, statement counts, zips, the editor, course rows."""

from __future__ import annotations

import html
import io
import re
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event

from lms.db import db
from lms.models import Role
from tests.conftest import FIXTURE_COURSES, make_user

TRAINER = "trainer@example.com"
EDIT = "/authoring/courses/basics/quiz/edit"
SOURCE = (FIXTURE_COURSES / "basics" / "02-quiz.md").read_text()


@pytest.fixture
def trainer(app, courses, auth):
    """A trainer, signed in, with the fixture courses imported; returns the user id."""
    user_id = make_user(app, email=TRAINER, role=Role.TRAINER, name="Tess Trainer")
    auth.login(TRAINER)
    return user_id


@contextmanager
def count_statements(app):
    """Count the SQL statements run inside the block."""
    seen: list[str] = []

    def _count(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", _count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", _count)


def zip_of(files: dict[str, bytes | str]) -> bytes:
    """A .zip holding the files (name -> contents)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_folder(folder: Path, prefix: str = "") -> bytes:
    """A .zip of a folder's files, with paths starting at prefix."""
    files = {
        prefix + file.relative_to(folder).as_posix(): file.read_bytes()
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }
    return zip_of(files)


def confirm_form(page: str) -> tuple[str, dict[str, str]]:
    """The preview's confirm form: where it posts and its hidden fields."""
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form, "no confirm form on the page"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[2]))
    return html.unescape(form[1]), {k: html.unescape(v) for k, v in fields.items()}


def confirm(client, preview, **choices):
    """Confirm a preview as shown, with the trainer's choices (overwrite, new_material)."""
    assert preview.status_code == 200, preview.status_code
    action, fields = confirm_form(preview.get_data(as_text=True))
    return client.post(action, data={**fields, **choices})


def confirmed(client, url: str, follow_redirects: bool = False, **data):
    """Post an action that shows its impact preview first, and confirm the preview."""
    preview = client.post(url, data=data)
    if preview.status_code != 200 or b'name="digest"' not in preview.data:
        return client.get(preview.headers["Location"]) if follow_redirects else preview
    done = confirm(client, preview)
    if follow_redirects and done.status_code == 302:
        return client.get(done.headers["Location"])
    return done


def upload(client, data: bytes, name: str = "course.zip", preview_only: bool = False):
    """Post a .zip to the upload form and confirm its preview (unless preview_only)."""
    response = client.post(
        "/authoring/upload",
        data={"archive": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    if preview_only or response.status_code != 200 or b'name="digest"' not in response.data:
        return response
    return confirm(client, response)


def post(client, source, action="preview", base="1", url=EDIT):
    """Post the editor; a publish is confirmed on its impact preview, as the trainer would."""
    response = client.post(url, data={"source": source, "base_version": base, "action": action})
    if action == "publish" and response.status_code == 200 and b'name="digest"' in response.data:
        return confirm(client, response)
    return response


def row(page: str, title: str) -> list[str]:
    """The cells of a course's row, as text."""
    found = re.search(
        rf"<tr>\s*<th scope=\"row\"><a [^>]*>{re.escape(title)}</a>.*?</tr>", page, re.S
    )
    cells = re.findall(r"<td>(.*?)</td>", found.group(0), re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
