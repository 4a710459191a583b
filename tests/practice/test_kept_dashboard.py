"""The dashboard kept for a manager (lms/web/page_cache.py) follows who may see it and what it counts."""

from __future__ import annotations

from sqlalchemy import select

from lms import clock
from lms.db import db
from lms.models import Module, ModuleProgress, Team, User
from tests.conftest import count_statements
from tests.helpers.practice import hand_in
from tests.helpers.sign_in import signed_in_client


def kept_view(client, url: str) -> tuple[int, str]:
    """Status, page and whether it was the kept copy (one statement)."""
    with count_statements(client.application) as seen:
        response = client.get(url)
    ran = [s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
    return response.status_code, response.get_data(as_text=True), len(ran) == 1


def manager_on(app, org):
    url = f"/reports/teams/{org['east']}"
    boss = signed_in_client(app, "boss@example.com")
    for _ in range(2):
        boss.get(url)
    assert kept_view(boss, url)[2]
    return boss, url


def test_a_manager_taken_off_the_team_is_refused_at_once(app, org):
    boss, url = manager_on(app, org)
    with app.app_context(), db.writing() as session:
        team = session.get(Team, org["east"])
        team.managers.clear()
    assert kept_view(boss, url)[0] == 404


def test_a_renamed_team_of_the_managers_shows_at_once(app, org):
    with app.app_context(), db.writing() as session:
        team = session.get(Team, org["west"])
        team.managers.append(session.get(User, org["boss"]))
    boss, url = manager_on(app, org)
    assert ">West</a>" in kept_view(boss, url)[1]
    with app.app_context(), db.writing() as session:
        team = session.get(Team, org["west"])
        team.name = "West Coast"
    status, page, kept = kept_view(boss, url)
    assert status == 200 and ">West Coast</a>" in page and not kept


def test_practice_handed_in_and_progress_show_at_once(app, org):
    boss, url = manager_on(app, org)
    hand_in(signed_in_client(app, "ana@example.com"), text="My pitch")
    status, page, kept = kept_view(boss, url)
    assert "1 practice review waiting" in page and not kept
    assert kept_view(boss, url)[2]  # kept again until the next change
    with app.app_context(), db.writing() as session:  # bo opens a module
        module = session.scalars(select(Module)).first()
        session.add(ModuleProgress(user_id=org["bo"], module_id=module.id, started_at=clock.now()))
    assert not kept_view(boss, url)[2]


def test_each_manager_has_their_own_kept_dashboard(app, org):
    boss, url = manager_on(app, org)
    admin = signed_in_client(app, "admin@example.com")
    admin.get(url)
    status, page, _kept = kept_view(admin, url)
    assert status == 200 and "All teams" in page and "All teams" not in kept_view(boss, url)[1]
    cy_manager = signed_in_client(app, "wes@example.com")
    assert kept_view(cy_manager, url)[0] == 404


def test_a_kept_review_queue_follows_versions_reps_and_teams(app, org):
    queue = "/practice/reviews"
    trainer = signed_in_client(app, "trainer@example.com")
    for _ in range(2):
        trainer.get(queue)
    assert kept_view(trainer, queue)[2]
    hand_in(signed_in_client(app, "ana@example.com"), text="My pitch")
    status, page, kept = kept_view(trainer, queue)
    assert "1 version waiting" in page and ">Ana</a>" in page and not kept
    assert kept_view(trainer, queue)[2]
    with app.app_context(), db.writing() as session:
        ana = session.get(User, org["ana"])
        ana.name = "Ana Lima"
    assert ">Ana Lima</a>" in kept_view(trainer, queue)[1]
    with app.app_context(), db.writing() as session:
        team = session.get(Team, org["east"])
        team.name = "East Coast"
    assert "<td>East Coast</td>" in kept_view(trainer, queue)[1]
