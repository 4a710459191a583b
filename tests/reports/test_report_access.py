"""Every report page and the export: the team's manager and admins only; 404 for other teams."""

import pytest

from lms.db import db
from lms.models import Judgement

PAGES = [
    "/reports/teams/{team}",
    "/reports/teams/{team}/export.csv",
    "/reports/teams/{team}/reps/{ready}",
    "/reports/teams/{team}/insights",
    "/reports/teams/{team}/ramp",
]


def url(template, atlas):
    return template.format(**atlas)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("email", "status"),
    [
        ("maya@example.com", 200),  # manages Atlas
        ("ada@example.com", 200),  # admin
        ("bo@example.com", 404),  # manages Borealis only
        ("rita@example.com", 403),  # a rep, even the rep the page is about
        ("olga@example.com", 403),  # a rep of another team
    ],
)
def test_who_may_open_each_page(client, auth, atlas, page, email, status):
    auth.login(email)
    assert client.get(url(page, atlas)).status_code == status


@pytest.mark.parametrize("page", PAGES)
def test_signed_out_visitors_are_sent_to_sign_in(client, atlas, page):
    response = client.get(url(page, atlas))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/reports/teams/{team}/reps/{outsider}",  # a rep of another team, through my team's URL
        "/reports/teams/{team}/reps/{manager}",  # not a rep
        "/reports/teams/{team}/reps/999999",
        "/reports/teams/999999",
    ],
)
def test_ids_outside_the_team_are_404(client, auth, atlas, path):
    auth.login("maya@example.com")
    assert client.get(url(path, atlas)).status_code == 404


def test_another_teams_manager_cannot_record_a_judgement(client, auth, atlas):
    auth.login("bo@example.com")
    response = client.post(
        f"/reports/teams/{atlas['team']}/reps/{atlas['ready']}/judgements",
        data={"verdict": "ready"},
    )
    assert response.status_code == 404
    with client.application.app_context():
        assert db.session.query(Judgement).count() == 1  # only the fixture's


def test_a_team_page_never_shows_another_teams_rep(client, auth, atlas):
    auth.login("bo@example.com")
    for page in ("/reports/teams/{other_team}", "/reports/teams/{other_team}/export.csv"):
        body = client.get(url(page, atlas)).get_data(as_text=True)
        assert "Olga Other" in body
        assert "Rita Ready" not in body and "Otto Overdue" not in body
