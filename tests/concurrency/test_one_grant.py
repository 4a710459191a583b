"""The last sign-off sent many times at once, by several workers, grants the certificate once.

gunicorn runs 3 sync workers on a migrated database (SQLite, or PostgreSQL when
LMS_TEST_DATABASE_URL is set); 6 processes post the manager's final sign-off at once.
"""

from __future__ import annotations

import multiprocessing
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from lms import create_app
from lms.db import db
from lms.models import Certification, CertificationGrant, Role, UserEvent
from lms.people.users import create_user
from tests.conftest import FIXTURE_COURSES, PASSWORD, finish_basics, submit_quiz
from tests.helpers.certification import EXAM_QUIZ, EXAM_RIGHT, certification_tree
from tests.helpers.live import (
    Browser,
    Gunicorn,
    flask,
    migrated_database,
    server_env,
    sign_in_over_http,
)
from tests.helpers.sign_in import csrf_token
from tests.helpers.sign_in import sign_in as sign_in_client

PROCESSES = 6
COPIES = 2  # each process sends the form twice: a double click


def seed(url: str, root) -> dict[str, int]:
    """Boss manages East; ana, on the certifying path, has done all but the sign-off."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "seed",
            "DATABASE_URL": url,
            "COURSES_DIR": str(root),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    ids = {}
    with app.app_context(), db.writing() as session:
        for email, role in (("boss@example.com", Role.MANAGER), ("ana@example.com", Role.REP)):
            user = create_user(
                session,
                email=email,
                name=email.split("@")[0].title(),
                role=role,
                password=PASSWORD,
                team_name="East",
                start_date=date.today() - timedelta(days=1),
                path_slug="starter" if role is Role.REP else None,
            )
            ids[email.split("@")[0]], ids["east"] = user.id, user.team_id
    client = app.test_client()
    sign_in_client(client, "ana@example.com")
    finish_basics(client)
    submit_quiz(client, "/courses/advanced/deep", {"deep-one": "Practice helps"})
    submit_quiz(client, EXAM_QUIZ, EXAM_RIGHT)
    with app.app_context():
        ids["cert"] = db.session.scalar(select(Certification.id))
        db.session.remove()
        db.engine.dispose()
    return ids


def _post_all(port: int, cookie: str, url: str, form: dict, barrier, results) -> None:
    """One process: wait for the others, then send the sign-off COPIES times."""
    barrier.wait()
    for _copy in range(COPIES):
        status, _location, _html = Browser(port, cookie).request("POST", url, form)
        results.put(status)


@pytest.fixture
def server(tmp_path):
    url = migrated_database(tmp_path)
    root = certification_tree(tmp_path, FIXTURE_COURSES)
    env = server_env(url, root)
    flask(env, "courses", "import", str(root))
    ids = seed(url, root)
    gunicorn = Gunicorn(env, tmp_path / "gunicorn.log", workers=3)
    yield gunicorn, url, ids
    gunicorn.stop()


def test_simultaneous_final_sign_offs_grant_one_certificate(server):
    gunicorn, url, ids = server
    boss = sign_in_over_http(gunicorn.port, "boss@example.com")
    page = f"/reports/teams/{ids['east']}/reps/{ids['ana']}/certifications"
    status, _location, html = boss.request("GET", page)
    assert status == 200
    prefix = f"s{ids['cert']}-standard-demo"
    form = {
        f"{prefix}-confirmed_on": date.today().isoformat(),
        f"{prefix}-note": "Crisp demo",
        "csrf_token": csrf_token(html),
    }
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    workers = [
        context.Process(
            target=_post_all,
            args=(
                gunicorn.port,
                boss.cookie,
                f"{page}/{ids['cert']}/standard-demo",
                form,
                barrier,
                results,
            ),
        )
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    statuses = [results.get(timeout=120) for _ in range(PROCESSES * COPIES)]
    for worker in workers:
        worker.join(timeout=60)
    # Confirmed (302), or no longer asked once the certificate is granted (404); never a 500.
    assert set(statuses) <= {302, 404} and 302 in statuses, statuses

    engine = create_engine(url)
    with Session(engine) as session:
        grants = session.scalar(
            select(func.count()).where(CertificationGrant.user_id == ids["ana"])
        )
        events = session.scalar(
            select(func.count()).where(
                UserEvent.user_id == ids["ana"], UserEvent.kind == "certification_granted"
            )
        )
    engine.dispose()
    assert (grants, events) == (1, 1)
    assert "Traceback" not in gunicorn.log_text()
