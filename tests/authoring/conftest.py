"""Authoring fixtures: a signed-in trainer, a statement counter, zips built in the test."""

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
from tests.conftest import make_user

TRAINER = "trainer@example.com"


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
