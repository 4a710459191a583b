"""Quiz submissions are recorded exactly once under double clicks, tabs and several workers.

gunicorn runs 3 sync workers on loopback against a migrated database (SQLite, or
PostgreSQL when LMS_TEST_DATABASE_URL is set); 6 processes post at once.
"""

from __future__ import annotations

import multiprocessing
import random
import re
from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from lms.models import Attempt, Role
from lms.people.users import create_user
from tests.conftest import BASICS_RIGHT, PASSWORD, quiz_form
from tests.helpers.live import (
    Browser,
    Gunicorn,
    copy_courses,
    flask,
    migrated_database,
    server_env,
    sign_in_over_http,
)
from tests.helpers.sign_in import csrf_token

REPS = 4
TABS = 3  # forms (tokens) each rep opens
COPIES = 3  # times each form is sent: a double click, and a back-button resubmit
PROCESSES = 6
QUIZ = "/courses/basics/quiz"


def _post_all(port: int, jobs: list, barrier, results) -> None:
    """One process: wait for the others, then send its submissions as fast as it can."""
    barrier.wait()
    for cookie, token, form in jobs:
        status, location, _html = Browser(port, cookie).request("POST", f"{QUIZ}/quiz", form)
        results.put((token, status, location))


def seed_reps(url: str) -> list[str]:
    """Reps on the starter path; no max_attempts on the quiz, so every tab can count."""
    engine = create_engine(url)
    emails = [f"rep{n}@example.com" for n in range(REPS)]
    with Session(engine) as session:
        for email in emails:
            create_user(
                session,
                email=email,
                name=email,
                role=Role.REP,
                password=PASSWORD,
                start_date=date.today() - timedelta(days=1),
                path_slug="starter",
            )
        session.commit()
    engine.dispose()
    return emails


@pytest.fixture
def server(tmp_path):
    url = migrated_database(tmp_path)
    courses = copy_courses(tmp_path)
    quiz = courses / "basics" / "02-quiz.md"
    quiz.write_text(quiz.read_text().replace("max_attempts: 2\n", ""))
    env = server_env(url, courses)
    flask(env, "courses", "import", str(courses))
    emails = seed_reps(url)
    gunicorn = Gunicorn(env, tmp_path / "gunicorn.log", workers=3)
    yield gunicorn, url, emails
    gunicorn.stop()


def test_each_submission_is_recorded_exactly_once(server):
    gunicorn, url, emails = server
    jobs = []
    for email in emails:
        browser = sign_in_over_http(gunicorn.port, email)
        for _tab in range(TABS):
            _status, _loc, html = browser.request("GET", QUIZ)
            form = {**quiz_form(html, BASICS_RIGHT), "csrf_token": csrf_token(html)}
            jobs += [(browser.cookie, form["token"], form)] * COPIES
    random.Random(5).shuffle(jobs)

    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    workers = [
        context.Process(
            target=_post_all, args=(gunicorn.port, jobs[n::PROCESSES], barrier, results)
        )
        for n in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    answers = [results.get(timeout=120) for _ in jobs]
    for worker in workers:
        worker.join(timeout=60)

    by_token = defaultdict(set)
    for token, status, location in answers:
        assert status == 302, (status, location)
        assert re.fullmatch(r"/attempts/\d+", location), location
        by_token[token].add(location)
    # Every copy of a form leads to one and the same recorded attempt.
    assert all(len(locations) == 1 for locations in by_token.values()), by_token
    assert len(by_token) == REPS * TABS

    engine = create_engine(url)
    with Session(engine) as session:
        counts = session.execute(select(Attempt.token, func.count()).group_by(Attempt.token)).all()
        numbers = session.execute(select(Attempt.user_id, Attempt.number)).all()
    engine.dispose()
    assert sorted(token for token, _n in counts) == sorted(by_token)
    assert all(n == 1 for _token, n in counts)
    assert len(numbers) == len(set(numbers)) == REPS * TABS  # attempt numbers never repeat

    log = gunicorn.log_text()
    assert "database is locked" not in log
    assert "Traceback" not in log
    assert not re.search(r"access POST \S+ 5\d\d", log)

    # A later resubmit (the back button) shows the recorded result, never an error.
    cookie, token, form = jobs[0]
    browser = Browser(gunicorn.port, cookie)
    status, location, _html = browser.request("POST", f"{QUIZ}/quiz", form)
    assert (status, {location}) == (302, by_token[token])
    status, _loc, html = browser.request("GET", location)
    assert status == 200 and "100%" in html
