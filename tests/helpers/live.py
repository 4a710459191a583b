"""A real database migrated by `flask db upgrade`, the `flask` CLI, and gunicorn on loopback."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from lms.db import Base
from tests.conftest import FIXTURE_COURSES, PASSWORD, database_url
from tests.helpers.sign_in import csrf_token

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
SECRET = "concurrency-test-secret-" + "x" * 32  # noqa: S105 - test only


def server_env(url: str, courses: Path = FIXTURE_COURSES, **extra: str) -> dict[str, str]:
    """Environment for the app in production mode on this database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LMS_")}
    env.update(
        LMS_DATABASE_URL=url,
        LMS_SECRET_KEY=SECRET,
        LMS_COURSES_DIR=str(courses),
        LMS_SESSION_COOKIE_SECURE="false",  # plain HTTP on loopback
        LMS_RATELIMIT_ENABLED="false",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def flask(env: dict, *args: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
    """Run `flask --app wsgi ...` as an operator would."""
    result = subprocess.run(  # noqa: S603 - fixed test command
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def empty_database(tmp_path: Path) -> str:
    """The test database (SQLite file or LMS_TEST_DATABASE_URL), emptied."""
    url = database_url(tmp_path)
    engine = create_engine(url)
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        for table in inspect(conn).get_table_names():
            conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))  # noqa: S608
    engine.dispose()
    return url


def migrated_database(tmp_path: Path) -> str:
    """An empty database brought to the schema by `flask db upgrade`.

    While a branch adds model columns ahead of their migration (tests/cli/test_db_cli.py
    fails loudly then), the schema comes from the models so these tests still measure
    concurrency rather than migration lag.
    """
    url = empty_database(tmp_path)
    flask(server_env(url), "db", "upgrade")
    engine = create_engine(url)
    with engine.begin() as conn:
        if compare_metadata(MigrationContext.configure(conn), Base.metadata):
            Base.metadata.drop_all(conn)
            Base.metadata.create_all(conn)
    engine.dispose()
    return url


class Gunicorn:
    """gunicorn with sync workers on a free loopback port; its log is kept for inspection."""

    def __init__(self, env: dict, log: Path, workers: int = 3) -> None:
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 - fixed test command
            [
                str(BIN / "gunicorn"),
                "--workers",
                str(workers),
                "--bind",
                "127.0.0.1:0",
                "--error-logfile",
                str(log),
                "--access-logfile",
                str(log),
                "--access-logformat",
                "access %(m)s %(U)s %(s)s",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
        )
        self.port = self._wait_for_port()

    def _wait_for_port(self) -> int:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_text()
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", self.log_text())
            if found:
                port = int(found.group(1))
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)  # noqa: S310
                    return port
                except OSError:
                    pass
            time.sleep(0.1)
        raise AssertionError("gunicorn did not start:\n" + self.log_text())

    def log_text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def copy_courses(tmp_path: Path) -> Path:
    """A writable copy of the fixture courses."""
    target = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, target)
    return target


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, port: int, cookie: str = "") -> None:
        self.port = port
        self.cookie = cookie

    def request(self, method: str, path: str, form: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        html = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("session="):
                self.cookie = header.split(";", 1)[0]
        conn.close()
        return response.status, response.headers.get("Location", ""), html


def sign_in_over_http(port: int, email: str) -> Browser:
    """A Browser signed in as email with the suite's password."""
    browser = Browser(port)
    _status, _loc, html = browser.request("GET", "/login")
    status, _loc, _html = browser.request(
        "POST", "/login", {"email": email, "password": PASSWORD, "csrf_token": csrf_token(html)}
    )
    assert status == 302, f"{email} could not sign in"
    return browser
