"""The dashboard is served from the cache on repeat views, and every relevant write refreshes it."""

import re
import shutil
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from lms.cli.seed import DEMO_PASSWORD
from lms.db import db
from lms.models import Team, User
from lms.reports import views
from tests.conftest import (
    BASICS_QUIZ,
    BASICS_RIGHT,
    FIXTURE_COURSES,
    SHIPPED_COURSES,
    count_statements,
    import_folder,
    make_user,
    submit_quiz,
)
from tests.helpers.sign_in import sign_in
from tests.reports.conftest import TODAY, add_progress, page, row

CSRF_TOKEN = re.compile(r'(name="csrf_token" value=")[^"]+')


def same_page(client, team: int, suffix: str = "") -> str:
    """The dashboard with its CSRF tokens blanked: each is signed with the current second."""
    return CSRF_TOKEN.sub(r"\1-", page(client, team, suffix))


@pytest.fixture
def builds(monkeypatch):
    """How many times the team report was computed (not served from the cache)."""
    calls = []
    real = views.load_team

    def counting(*args, **kwargs):
        calls.append(args[1].id)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "load_team", counting)
    return calls


def as_user(client, auth, email: str, action) -> None:
    """Sign in as someone else, act, and sign back in as the manager."""
    auth.logout()
    auth.login(email)
    action()
    auth.logout()
    auth.login("maya@example.com")


def test_a_second_view_is_served_from_the_cache(client, auth, atlas, builds):
    auth.login("maya@example.com")
    url = f"/reports/teams/{atlas['team']}"
    with count_statements(client.application) as first:
        html = same_page(client, atlas["team"])
    with count_statements(client.application) as second:
        assert same_page(client, atlas["team"]) == html
    assert builds == [atlas["team"]]
    assert len(second) < len(first)
    assert client.get(f"{url}/export.csv").status_code == 200
    assert builds == [atlas["team"]]  # the CSV reads the same cached report


def test_sorting_and_filtering_work_on_the_cached_rows(client, auth, atlas, builds):
    auth.login("maya@example.com")
    by_name = page(client, atlas["team"], "?sort=name")
    by_name_desc = page(client, atlas["team"], "?sort=name&dir=desc")
    assert by_name.index("Nina New") < by_name.index("Rita Ready")
    assert by_name_desc.index("Nina New") > by_name_desc.index("Rita Ready")
    assert len(builds) == 1


def test_the_tables_are_rendered_once_per_version_filter_and_sort(client, auth, atlas):
    from flask import template_rendered

    rendered = []

    def record(_app, template, **_extra):
        rendered.append(template.name)

    template_rendered.connect(record, client.application)
    try:
        auth.login("maya@example.com")
        first = same_page(client, atlas["team"])
        assert same_page(client, atlas["team"]) == first
        page(client, atlas["team"], "?sort=name&dir=desc")
        page(client, atlas["team"], "?sort=name&dir=desc")
    finally:
        template_rendered.disconnect(record, client.application)
    # The first view shows the sign-in's flash; the second is rendered and kept for the
    # manager (lms/web/page_cache.py); the sorted page is rendered once, then kept too.
    assert rendered.count("reports/dashboard.html") == 3
    assert rendered.count("reports/_dashboard_tables.html") == 2


def complete_reading(client):
    assert client.post("/courses/basics/reading/complete").status_code == 302


def pass_quiz(client):
    assert submit_quiz(client, BASICS_QUIZ, BASICS_RIGHT).status_code == 302


@pytest.mark.parametrize("action", [complete_reading, pass_quiz])
def test_a_reps_own_progress_shows_at_once(client, auth, atlas, builds, action):
    auth.login("maya@example.com")
    assert "0/3 modules" in row(page(client, atlas["team"]), "Nina New")
    as_user(client, auth, "nina@example.com", lambda: action(client))
    assert "1/3 modules" in row(page(client, atlas["team"]), "Nina New")
    assert len(builds) == 2


def test_a_judgement_shows_at_once(client, auth, atlas, builds):
    auth.login("maya@example.com")
    assert "None yet" in row(page(client, atlas["team"]), "Nina New")
    url = f"/reports/teams/{atlas['team']}/reps/{atlas['new']}/judgements"
    assert client.post(url, data={"verdict": "ready", "note": ""}).status_code == 302
    assert "Ready" in row(page(client, atlas["team"]), "Nina New")


def test_an_assigned_path_shows_at_once(app, client, auth, atlas, builds):
    pia = make_user(app, "pia@example.com", name="Pia Pathless", team_name="Atlas", path=None)
    auth.login("maya@example.com")
    assert "No path assigned yet" in row(page(client, atlas["team"]), "Pia Pathless")
    data = {"path": "starter", "rep": str(pia), "start_date": TODAY.isoformat()}
    assert client.post(f"/teams/{atlas['team']}/assign", data=data).status_code == 302
    assert "0/3 modules" in row(page(client, atlas["team"]), "Pia Pathless")


def move_by_id(user: User, team: Team) -> None:
    user.team_id = team.id


def move_by_relationship(user: User, team: Team) -> None:
    user.team = team


@pytest.mark.parametrize("move", [move_by_id, move_by_relationship])
def test_a_rep_moved_to_another_team_leaves_one_dashboard_and_joins_the_other(
    app, client, auth, atlas, builds, move
):
    auth.login("ada@example.com")
    assert row(page(client, atlas["team"]), "Nina New")
    assert not row(page(client, atlas["other_team"]), "Nina New")
    with app.app_context(), db.writing() as session:
        move(session.get(User, atlas["new"]), session.get(Team, atlas["other_team"]))
    assert not row(page(client, atlas["team"]), "Nina New")
    assert row(page(client, atlas["other_team"]), "Nina New")


def test_a_deactivated_rep_leaves_the_dashboard(client, auth, atlas, builds):
    auth.login("ada@example.com")
    assert row(page(client, atlas["team"]), "Nina New")
    assert client.post(f"/admin/users/{atlas['new']}/deactivate").status_code == 302
    assert not row(page(client, atlas["team"]), "Nina New")


def test_a_reimported_course_with_a_new_module_shows_at_once(app, client, auth, atlas, tmp_path):
    auth.login("maya@example.com")
    assert "0/3 modules" in row(page(client, atlas["team"]), "Nina New")
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    extra = (folder / "basics" / "01-reading.md").read_text().replace("Reading only", "More")
    (folder / "basics" / "03-more.md").write_text(extra)
    import_folder(app, folder)
    assert "0/4 modules" in row(page(client, atlas["team"]), "Nina New")


def versions(app) -> dict[int, int]:
    with app.app_context():
        return dict(db.session.execute(select(Team.id, Team.data_version)).all())


def test_a_write_on_another_team_keeps_the_cache(app, client, auth, atlas, builds):
    auth.login("ada@example.com")
    html = page(client, atlas["team"])
    before = versions(app)
    add_progress(app, atlas["outsider"], "reading")
    assert page(client, atlas["team"]) == html
    assert builds == [atlas["team"]]
    after = versions(app)
    assert after[atlas["team"]] == before[atlas["team"]]
    assert after[atlas["other_team"]] != before[atlas["other_team"]]


def test_a_new_day_recomputes(client, auth, atlas, builds, freeze_clock):
    auth.login("maya@example.com")
    page(client, atlas["team"])
    page(client, atlas["team"])
    freeze_clock(datetime.combine(TODAY + timedelta(days=1), time(9), tzinfo=UTC))
    page(client, atlas["team"])
    assert len(builds) == 2


def test_bulk_seeded_reps_show_at_once(app, client, runner):
    import_folder(app, SHIPPED_COURSES)
    assert runner.invoke(args=["demo", "--reps", "3"]).exit_code == 0
    sign_in(client, "manager@example.com", DEMO_PASSWORD)
    with app.app_context():
        team = db.session.scalar(select(Team.id).where(Team.name == "Org team 001"))
    assert page(client, team, "/export.csv").count("rep-0") == 3
    assert runner.invoke(args=["demo", "--reps", "5"]).exit_code == 0
    assert page(client, team, "/export.csv").count("rep-0") == 5
