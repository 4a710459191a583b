"""`flask db backup FILE` copies a database in use; the copy restores and serves the data."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading

import pytest
from sqlalchemy import create_engine, func, make_url, select
from sqlalchemy.orm import Session

from lms import create_app
from lms.models import Course, Team
from tests.conftest import make_user
from tests.helpers.live import (
    copy_courses,
    empty_database,
    flask,
    migrated_database,
    server_env,
)
from tests.helpers.sign_in import sign_in


def keep_writing(url: str, stop: threading.Event, written: list[int]) -> None:
    """A busy app: commit a row after row until told to stop."""
    engine = create_engine(url)
    n = 0
    while not stop.is_set():
        with Session(engine) as session:
            session.add(Team(name=f"busy-{n}"))
            session.commit()
        n += 1
    written.append(n)
    engine.dispose()


def app_on(url: str):
    return create_app(
        {"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False}
    )


def test_backup_while_writing_gives_a_consistent_copy_that_restores(tmp_path):
    url = migrated_database(tmp_path)
    env = server_env(url)
    flask(env, "courses", "import", str(copy_courses(tmp_path)))
    make_user(app_on(url))  # rep@example.com on the starter path

    stop, written = threading.Event(), []
    writer = threading.Thread(target=keep_writing, args=(url, stop, written))
    writer.start()
    try:
        backup = tmp_path / "backup.dump"
        result = flask(env, "db", "backup", str(backup))
    finally:
        stop.set()
        writer.join()
    assert "Backed up the database" in result.stdout
    assert written[0] > 0
    assert flask(env, "db", "backup", str(backup), check=False).returncode != 0  # never overwrites

    if make_url(url).get_backend_name() == "sqlite":
        with sqlite3.connect(backup) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        restored = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        shutil.copy(backup, tmp_path / "restored.sqlite3")  # restore = put the file in place
    else:
        if not shutil.which("pg_restore"):
            pytest.skip("pg_restore is not installed")
        restored = empty_database(tmp_path)
        plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        subprocess.run(  # noqa: S603 - the documented restore command
            ["pg_restore", "--no-owner", f"--dbname={plain}", str(backup)], check=True
        )

    # Point an app at the restored copy: the data is there and people can sign in.
    app = app_on(restored)
    with app.app_context():
        from lms.db import db

        assert db.session.scalar(select(func.count()).select_from(Course)) == 2
        teams = db.session.scalar(select(func.count()).select_from(Team))
        assert 0 < teams <= written[0]  # a snapshot from one moment of the busy writer
    client = app.test_client()
    response = sign_in(client, "rep@example.com")
    assert response.status_code == 302
    assert "Basics" in client.get("/").get_data(as_text=True)
