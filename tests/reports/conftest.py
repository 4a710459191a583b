"""A team with a manager and reps at known stages, another team, ways to add progress, pages."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

import pytest
from sqlalchemy import select

from lms.assessment import attempts as quizzes
from lms.db import db
from lms.models import Judgement, Module, ModuleProgress, Role, Team, User, Verdict
from lms.people.passwords import hash_password
from tests.conftest import PASSWORD, make_user

TODAY = date.today()


def days_ago(n: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=n), time(12), tzinfo=UTC)


def module_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Module.id).where(Module.slug == slug))


def add_progress(app, user_id, slug, done=True, attempts=0, best=None, ago=0):
    """A progress row on a fixture module, finished (or not) `ago` days ago."""
    with app.app_context(), db.writing() as session:
        session.add(
            ModuleProgress(
                user_id=user_id,
                module_id=session.scalar(select(Module.id).where(Module.slug == slug)),
                started_at=days_ago(ago),
                completed_at=days_ago(ago) if done else None,
                attempts=attempts,
                best_score=best,
                last_activity_at=days_ago(ago),
            )
        )


def judge(app, rep_id, manager_id, verdict=Verdict.READY, note=""):
    with app.app_context(), db.writing() as session:
        session.add(Judgement(rep_id=rep_id, manager_id=manager_id, verdict=verdict, note=note))


def team_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Team.id).where(Team.name == name))


@cache
def shared_hash() -> str:
    """One password hash for many reps: hashing each would take a tenth of a second."""
    return hash_password(PASSWORD)


def add_reps(
    app, count: int, team: str = "Atlas", start_ago: int = 2, prefix: str = "rep"
) -> list[int]:
    """`count` reps on the starter path in the team, each with a finished module."""
    ids = [
        make_user(
            app,
            email=f"{prefix}{i}@example.com",
            name=f"{prefix.title()} {i:03}",
            team_name=team,
            start=TODAY - timedelta(days=start_ago),
            password_hash=shared_hash(),
        )
        for i in range(count)
    ]
    for user_id in ids:
        add_progress(app, user_id, "reading", ago=1)
    return ids


@pytest.fixture
def atlas(app, courses):
    """Team Atlas (manager Maya) with three reps, and team Borealis (manager Bo) with one."""
    fast = {"password_hash": shared_hash()}
    ids = {
        "manager": make_user(
            app, "maya@example.com", Role.MANAGER, name="Maya", team_name="Atlas", **fast
        ),
        "other_manager": make_user(
            app, "bo@example.com", Role.MANAGER, name="Bo", team_name="Borealis", **fast
        ),
        "admin": make_user(app, "ada@example.com", Role.ADMIN, name="Ada", **fast),
        "ready": make_user(
            app,
            "rita@example.com",
            name="Rita Ready",
            team_name="Atlas",
            start=TODAY - timedelta(days=20),
            **fast,
        ),
        "overdue": make_user(
            app,
            "otto@example.com",
            name="Otto Overdue",
            team_name="Atlas",
            start=TODAY - timedelta(days=6),
            **fast,
        ),
        "new": make_user(
            app, "nina@example.com", name="Nina New", team_name="Atlas", start=TODAY, **fast
        ),
        "outsider": make_user(
            app, "olga@example.com", name="Olga Other", team_name="Borealis", **fast
        ),
    }
    ids["team"] = team_id(app, "Atlas")
    ids["other_team"] = team_id(app, "Borealis")
    for slug, attempts, best in (("reading", 0, None), ("quiz", 2, 100), ("deep", 1, 80)):
        add_progress(app, ids["ready"], slug, attempts=attempts, best=best, ago=10)
    add_progress(app, ids["overdue"], "reading", ago=1)
    judge(app, ids["ready"], ids["manager"], Verdict.NOT_YET, "Wants another practice call")
    return ids


def rep_name(app, user_id: int) -> str:
    with app.app_context():
        return db.session.get(User, user_id).name


# Pages and attempts the report tests read and make.


def dashboard(client, atlas, **query):
    """The team dashboard's HTML, with the given filters and sorting."""
    response = client.get(f"/reports/teams/{atlas['team']}", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def names_in_order(html: str) -> list[str]:
    """The reps' names in the order the readiness table lists them."""
    table = html.split('class="readiness-table"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', table)


def submit(app, user_id, responses):
    """Record an attempt at the fixture quiz with the given responses."""
    with app.app_context():
        rep = db.session.get(User, user_id)
        module = db.session.scalar(select(Module).where(Module.slug == "quiz"))
        quizzes.submit(rep, module, module.questions, quizzes.new_token(), responses)


def rep_page(client, atlas, who="overdue"):
    """The rep detail page's HTML for one of the atlas reps."""
    response = client.get(f"/reports/teams/{atlas['team']}/reps/{atlas[who]}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def page(client, team: int, suffix: str = "") -> str:
    response = client.get(f"/reports/teams/{team}{suffix}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def row(html: str, name: str) -> str:
    """The dashboard table row of one rep ('' when the rep is not on the page)."""
    found = re.search(rf"<tr[^>]*>\s*<th scope=\"row\"><a [^>]*>{name}</a>.*?</tr>", html, re.S)
    return found.group(0) if found else ""
