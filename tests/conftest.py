"""Fixtures: an app on a fresh database per test, a client, signed-in users, content."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from lms import clock, create_app
from lms.catalog.importer import import_catalog
from lms.content.loader import load_catalog
from lms.db import Base, db
from lms.models import Role
from lms.people.users import create_user
from tests.helpers.fresh_db import copy_sqlite_template, empty_postgres
from tests.helpers.sign_in import PASSWORD, sign_in
from tests.helpers.speed import TEMPLATES, make_setup_cheap

make_setup_cheap()

FIXTURE_COURSES = Path(__file__).parent / "fixtures" / "courses"
SHIPPED_COURSES = Path(__file__).parent.parent / "courses"


def database_url(tmp_path: Path) -> str:
    """SQLite in the test's folder, or the PostgreSQL given by LMS_TEST_DATABASE_URL."""
    return os.environ.get("LMS_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"


def build_app(tmp_path, **config):
    """An app on an empty database with the tables created; `config` overrides the defaults."""
    url = config.pop("DATABASE_URL", None) or database_url(tmp_path)
    sqlite_file = tmp_path / "test.sqlite3"
    copied = url == f"sqlite:///{sqlite_file}" and not sqlite_file.exists()
    if copied:
        copy_sqlite_template(sqlite_file)
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": url,
            "COURSES_DIR": str(FIXTURE_COURSES),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "UPLOAD_STASH_DIR": str(tmp_path / "uploads"),
            # Scheduled emails leave at once, whatever the hour the suite runs at; the
            # sending hour's own tests set it.
            "SEND_HOUR": 0,
            **config,
        }
    )
    app.jinja_env.bytecode_cache = TEMPLATES
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            empty_postgres(db.engine)
        elif not copied:
            Base.metadata.drop_all(db.engine)
            Base.metadata.create_all(db.engine)
    return app


def drop_app(app) -> None:
    """Close the app's connections; the next app empties the tables (tests/helpers/fresh_db)."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(tmp_path):
    """An app on an empty database with the tables created."""
    app = build_app(tmp_path)
    yield app
    drop_app(app)


@pytest.fixture
def freeze_clock(monkeypatch):
    """Stop the app's one clock at an aware instant: lms.clock.now and today follow it."""

    def freeze(instant: datetime) -> None:
        assert instant.tzinfo is not None, "freeze the clock at an aware instant"
        monkeypatch.setattr(clock, "wall_clock", lambda: instant)

    return freeze


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def import_folder(app, folder: Path = FIXTURE_COURSES):
    """Import a courses folder that must be valid; return the summary."""
    with app.app_context():
        catalog = load_catalog(folder)
        assert not catalog.errors, [str(p) for p in catalog.errors]
        with db.writing() as session:
            return import_catalog(session, catalog)


@pytest.fixture
def courses(app):
    """The fixture courses, imported."""
    return import_folder(app)


def make_user(app, email="rep@example.com", role=Role.REP, start=None, path="starter", **kw):
    """Create a user (a rep on the starter path by default); return its id."""
    with app.app_context(), db.writing() as session:
        user = create_user(
            session,
            email=email,
            name=kw.pop("name", email.split("@")[0].title()),
            role=role,
            password=PASSWORD,
            start_date=start or clock.today() - timedelta(days=1),
            path_slug=path if role is Role.REP else None,
            **kw,
        )
        return user.id


class AuthActions:
    """Sign in and out through the real login form."""

    def __init__(self, client):
        self.client = client

    def login(self, email="rep@example.com", password=PASSWORD):
        return sign_in(self.client, email, password)

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def rep(app, courses, auth):
    """A rep on the starter path, signed in; returns the user id."""
    user_id = make_user(app)
    auth.login()
    return user_id


def form_token(html: str) -> str:
    """The quiz submission token in a rendered module page."""
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def choice_key(html: str, question: str, label: str) -> str:
    """The value of the choice whose label text is `label` in question `question`."""
    pattern = rf'name="q-{question}" value="([0-9a-f-]+)"[^>]*>\s*<span>{re.escape(label)}</span>'
    return re.search(pattern, html).group(1)


# Answering quizzes through the real pages (used by tests/learn and tests/quizzes).

BASICS_QUIZ = "/courses/basics/quiz"
BASICS_RIGHT = {"capital": "Paris", "colours": ["Red", "Blue"], "funnel": "purchase"}


def quiz_form(html: str, answers: dict, token: str | None = None) -> dict:
    """Form data for a module page's quiz: a label (single), labels (select-all) or text."""
    data = {"token": token or form_token(html)}
    for question, answer in answers.items():
        if f'type="text" id="q-{question}"' in html:
            data[f"q-{question}"] = answer
        elif isinstance(answer, list):
            data[f"q-{question}"] = [choice_key(html, question, label) for label in answer]
        else:
            data[f"q-{question}"] = choice_key(html, question, answer)
    return data


def submit_quiz(client, url: str, answers: dict):
    """Open a module page and submit its quiz with the given answers; return the response."""
    html = client.get(url).get_data(as_text=True)
    return client.post(f"{url}/quiz", data=quiz_form(html, answers))


def finish_basics(client) -> None:
    """Complete the basics course: read the first module, pass the quiz of the second."""
    assert client.post("/courses/basics/reading/complete").status_code == 302
    assert submit_quiz(client, BASICS_QUIZ, BASICS_RIGHT).status_code == 302


# People and teams for the admin and assignment pages (tests/admin, tests/assignments).

import functools  # noqa: E402 - appended section; the file's top belongs to everyone

ORG = [
    # (email, role, team); reps go on the starter path
    ("admin@example.com", Role.ADMIN, None),
    ("boss@example.com", Role.MANAGER, "East"),
    ("ana@example.com", Role.REP, "East"),
    ("bo@example.com", Role.REP, "East"),
    ("wes@example.com", Role.MANAGER, "West"),
    ("cy@example.com", Role.REP, "West"),
    ("trainer@example.com", Role.TRAINER, None),
]


@pytest.fixture
def org(app, courses):
    """Team East (boss; reps ana, bo), team West (wes; rep cy), an admin and a trainer.

    Returns ids by the part of the email before the @, and "east"/"west" for the teams.
    """
    ids = {}
    with app.app_context(), db.writing() as session:
        for email, role, team in ORG:
            user = create_user(
                session,
                email=email,
                name=email.split("@")[0].title(),
                role=role,
                password_hash=password_hash(),
                team_name=team,
                start_date=clock.today() - timedelta(days=1),
                path_slug="starter" if role is Role.REP else None,
            )
            ids[email.split("@")[0]] = user.id
            if team:
                ids[team.lower()] = user.team_id
    return ids


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed once: argon2 takes a tenth of a second per hash."""
    from lms.people.passwords import hash_password

    return hash_password(PASSWORD)


@contextmanager
def count_statements(app):
    """Collect every SQL statement the app runs inside the block."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def listener(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)
