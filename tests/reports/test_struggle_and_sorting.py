"""The dashboard shows struggle (first-attempt average), sorts "Never" as oldest, and future starts."""

import csv
import io
import secrets
from datetime import timedelta

import pytest

from lms.db import db
from lms.models import Attempt
from tests.conftest import make_user
from tests.reports.conftest import TODAY, dashboard, module_id, names_in_order


def add_attempt(app, user_id, slug, number, score):
    """One recorded attempt at a fixture module's quiz."""
    with app.app_context(), db.writing() as session:
        session.add(
            Attempt(
                user_id=user_id,
                module_id=module_id(app, slug),
                token=secrets.token_urlsafe(24),
                number=number,
                score=score,
                passed=score >= 60,
                pass_score=60,
                snapshot=[],
            )
        )


@pytest.fixture
def struggled(app, atlas):
    """Rita reached 100% on the quiz at her second go after 40% at her first; 80% on deep."""
    add_attempt(app, atlas["ready"], "quiz", 1, 40)
    add_attempt(app, atlas["ready"], "quiz", 2, 100)
    add_attempt(app, atlas["ready"], "deep", 1, 80)
    return atlas


def rep_row(html: str, name: str) -> str:
    return next(row for row in html.split("<tr") if f">{name}</a>" in row)


def test_first_attempt_average_shows_beside_the_best_score(client, auth, struggled):
    auth.login("maya@example.com")
    row = rep_row(dashboard(client, struggled), "Rita Ready")
    assert "90%" in row
    assert '<small class="first-try">first try 60%</small>' in row
    assert "first try" not in rep_row(dashboard(client, struggled), "Otto Overdue")


def test_the_csv_carries_the_first_attempt_average(client, auth, struggled):
    auth.login("maya@example.com")
    text = client.get(f"/reports/teams/{struggled['team']}/export.csv").get_data(as_text=True)
    rows = {r["rep"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["Rita Ready"]["average_best_score"] == "90"
    assert rows["Rita Ready"]["first_attempt_average"] == "60"
    assert rows["Otto Overdue"]["first_attempt_average"] == ""


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("asc", ["Nina New", "Rita Ready", "Otto Overdue"]),
        ("desc", ["Otto Overdue", "Rita Ready", "Nina New"]),
    ],
)
def test_never_sorts_as_the_oldest_activity(client, auth, atlas, direction, expected):
    auth.login("maya@example.com")
    html = dashboard(client, atlas, sort="activity", dir=direction)
    assert names_in_order(html) == expected


def test_a_future_starter_starts_in_days_never_day_minus(app, client, auth, atlas):
    make_user(
        app,
        "fay@example.com",
        name="Fay Future",
        team_name="Atlas",
        start=TODAY + timedelta(days=3),
    )
    auth.login("maya@example.com")
    row = rep_row(dashboard(client, atlas), "Fay Future")
    assert "starts in 3 days" in row
    assert "day -" not in row
