"""The dashboard, the export and the rep detail run the same number of statements for 5 or 50 reps."""

import pytest

from tests.conftest import count_statements
from tests.reports.conftest import add_progress, add_reps, team_id


def statements_for(client, url: str) -> int:
    with count_statements(client.application) as statements:
        assert client.get(url).status_code == 200
    return len(statements)


@pytest.mark.parametrize("page", ["", "/export.csv", "/insights", "/ramp", "?sort=score&dir=desc"])
def test_team_pages_do_not_grow_with_the_team(client, auth, atlas, page):
    app = client.application
    add_reps(app, 5, team="Small", prefix="small")
    add_reps(app, 50, team="Large", prefix="large")
    auth.login("ada@example.com")
    small = statements_for(client, f"/reports/teams/{team_id(app, 'Small')}{page}")
    large = statements_for(client, f"/reports/teams/{team_id(app, 'Large')}{page}")
    assert small == large


def test_rep_detail_does_not_grow_with_the_reps_history(client, auth, atlas):
    app = client.application
    url = f"/reports/teams/{atlas['team']}/reps/{atlas['overdue']}"
    auth.login("maya@example.com")
    client.get(url)  # course outlines are read once per course version, then kept
    before = statements_for(client, url)
    add_progress(app, atlas["overdue"], "quiz", attempts=1, best=100)
    add_progress(app, atlas["overdue"], "deep", done=False, attempts=1, best=0)
    assert statements_for(client, url) == before
