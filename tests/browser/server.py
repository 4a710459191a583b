"""A real RepReady server for the browser: gunicorn on a free loopback port, its own database."""

from __future__ import annotations

import itertools
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from lms import create_app
from lms.catalog.importer import import_catalog
from lms.cli.seed import (
    DEMO_PASSWORD,
    DEMO_PATH,
    _work_through,
    right_answers,
    seed_demo,
    wrong_answers,
)
from lms.content.loader import load_catalog
from lms.db import Base, db
from lms.models import Course, LearningPath, Module, Notification, PathCourse, Role, Team, User
from lms.people.users import create_user

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHIPPED_COURSES = PROJECT_ROOT / "courses"
SECRET_KEY = "browser-tests-only-secret"  # noqa: S105 - a throwaway server's key
STARTUP_SECONDS = 20


def free_port() -> int:
    """A port nobody listens on right now, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    """The shipped courses and the demo accounts, served by gunicorn as in production."""

    folder: Path
    port: int = 0
    process: subprocess.Popen | None = None

    def __post_init__(self) -> None:
        self.database_url = f"sqlite:///{self.folder / 'browser.sqlite3'}"
        self.app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": SECRET_KEY,
                "DATABASE_URL": self.database_url,
                "COURSES_DIR": str(SHIPPED_COURSES),
                "ALLOW_DEMO_ACCOUNTS": True,
                "PRACTICE_MEDIA_DIR": str(self.folder / "practice-media"),
            }
        )
        self._emails = itertools.count(1)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def seed(self) -> None:
        """Create the tables, import courses/ and create the demo accounts."""
        with self.app.app_context():
            Base.metadata.create_all(db.engine)
            catalog = load_catalog(SHIPPED_COURSES)
            assert not catalog.errors, [str(p) for p in catalog.errors]
            with db.writing() as session:
                import_catalog(session, catalog)
            seed_demo()

    def start(self) -> None:
        """Serve wsgi:app with gunicorn and wait until it answers."""
        self.port = free_port()
        env = {
            **os.environ,
            "LMS_SECRET_KEY": SECRET_KEY,
            "LMS_DATABASE_URL": self.database_url,
            "LMS_COURSES_DIR": str(SHIPPED_COURSES),
            # Plain HTTP on loopback: a Secure-only cookie would never come back.
            "LMS_SESSION_COOKIE_SECURE": "false",
            # One address signs many accounts in within a minute; the limits have their own tests.
            "LMS_RATELIMIT_ENABLED": "false",
            # Links in emails point at this server, as LMS_BASE_URL does in production.
            "LMS_BASE_URL": self.url,
            "LMS_PRACTICE_MEDIA_DIR": str(self.folder / "practice-media"),
        }
        command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind"]
        command += [f"127.0.0.1:{self.port}", "--log-level", "warning", "wsgi:app"]
        self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the live server did not answer on {self.url}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()

    def make_user(self, role: Role = Role.REP, **kw) -> str:
        """A fresh account (a rep on the demo path, starting today, by default); its email."""
        email = f"{role.value}{next(self._emails)}@browser.example.com"
        with self.app.app_context(), db.writing() as session:
            create_user(
                session,
                email=email,
                name=kw.pop("name", f"New {role.value.title()} {email.split('@')[0][-1]}"),
                role=role,
                password=DEMO_PASSWORD,
                start_date=kw.pop("start_date", date.today()),
                path_slug=kw.pop("path_slug", DEMO_PATH if role is Role.REP else None),
                **kw,
            )
        return email

    def answers(self, course_slug: str, module_slug: str, right: bool) -> dict[str, object]:
        """Question key to the choice keys (a set) or text that answer it right, or wrong."""
        pick = right_answers if right else wrong_answers
        with self.app.app_context():
            module = db.session.scalar(
                select(Module)
                .join(Course)
                .where(Course.slug == course_slug, Module.slug == module_slug)
            )
            return {q.key: pick(q) for q in module.questions}

    def emailed_link(self, email: str, kind: str) -> str:
        """The link in the newest email of this kind to this address, as the outbox keeps it."""
        with self.app.app_context():
            body = db.session.scalar(
                select(Notification.body_text)
                .join(User, User.id == Notification.user_id)
                .where(
                    User.email == email,
                    Notification.kind == kind,
                    Notification.channel == "email",
                )
                .order_by(Notification.id.desc())
                .limit(1)
            )
        assert body, f"no {kind} email to {email}"
        found = re.search(rf"{re.escape(self.url)}/\S+", body)
        assert found, f"no link to {self.url} in the {kind} email"
        return found.group(0)

    def user_id(self, email: str) -> int:
        with self.app.app_context():
            return db.session.scalar(select(User.id).where(User.email == email))

    def team_id(self, name: str) -> int:
        with self.app.app_context():
            return db.session.scalar(select(Team.id).where(Team.name == name))

    def stuck_on_last_quiz(self, email: str) -> tuple[str, str, str]:
        """Work the rep through every module of the demo path but one limited quiz, which
        they fail until no attempt is left; returns its course slug, slug and title."""
        with self.app.app_context():
            rep = db.session.scalar(select(User).where(User.email == email))
            modules = list(
                db.session.scalars(
                    select(Module)
                    .join(PathCourse, PathCourse.course_id == Module.course_id)
                    .join(LearningPath, LearningPath.id == PathCourse.path_id)
                    .where(LearningPath.slug == DEMO_PATH, Module.retired_at.is_(None))
                    .order_by(PathCourse.due_day, Module.position)
                )
            )
            limited = next(m for m in modules if m.max_attempts)
            others = [m for m in modules if m.id != limited.id]
            _work_through(rep, others, len(others), set(), None)
            _work_through(rep, [limited], 0, set(), 0)
            return limited.course.slug, limited.slug, limited.title
