"""Every route x every persona against the allow-table: forbidden is 403 or 404, never 200 or 500.

The table is ALLOW in tests/security/route_table.py; a route missing from it fails here.
"""

from __future__ import annotations

import pytest

from tests.helpers.world import (
    ADMIN,
    ANONYMOUS,
    MANAGER,
    OTHER_MANAGER,
    OTHER_REP,
    PERSONAS,
    REP,
    TRAINER,
    build_world,
    client_for,
    drop_world,
)
from tests.security import route_table
from tests.security.route_table import ALLOW, STATE_CHANGING, methods, rules, url_for_rule


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_world(tmp_path_factory.mktemp("route-table"))
    yield built
    drop_world(built)


def test_every_route_is_in_the_allow_table(world):
    endpoints = {rule.endpoint for rule in world.app.url_map.iter_rules()}
    missing = sorted(endpoints - ALLOW.keys())
    assert not missing, f"add these endpoints to ALLOW in {route_table.__file__}: {missing}"
    assert not sorted(ALLOW.keys() - endpoints), "ALLOW names endpoints that no longer exist"


def cases():
    """(endpoint, persona) pairs, computed from the table so new entries are tested too."""
    return [(endpoint, persona) for endpoint in sorted(ALLOW) for persona in PERSONAS]


@pytest.mark.parametrize(("endpoint", "persona"), cases())
def test_route_answers_only_the_allowed(world, endpoint, persona):
    route = ALLOW[endpoint]
    for rule in (r for r in rules(world.app) if r.endpoint == endpoint):
        url = url_for_rule(world, rule)
        for method in methods(rule):
            client = client_for(world, persona)
            data = route.data if method in STATE_CHANGING else None
            response = client.open(url, method=method, data=data)
            status = response.status_code
            where = f"{persona} {method} {url} -> {status}"
            assert status != 500, where
            location = response.headers.get("Location", "")
            sent_to_sign_in = status == 302 and location.startswith("/login")
            if persona in route.allowed:
                assert status in route.ok, where
                assert persona == ANONYMOUS or route.signs_out or not sent_to_sign_in, where
            elif persona == ANONYMOUS:
                assert status in (403, 404) or sent_to_sign_in, where
            else:
                assert status in (403, 404), where


@pytest.mark.parametrize("persona", [OTHER_REP, MANAGER, OTHER_MANAGER, TRAINER, ADMIN])
def test_an_attempt_is_shown_only_to_its_rep(world, persona):
    url = f"/attempts/{world.ids['attempt_id']}"
    assert client_for(world, REP).get(url).status_code == 200
    response = client_for(world, persona).get(url)
    assert response.status_code == 404
    assert "Something went wrong" not in response.get_data(as_text=True)


def test_neighbouring_attempt_ids_do_not_leak(world):
    client = client_for(world, OTHER_REP)
    for attempt_id in range(world.ids["attempt_id"] - 2, world.ids["attempt_id"] + 3):
        assert client.get(f"/attempts/{attempt_id}").status_code == 404


def test_another_reps_submission_token_is_refused(world):
    """other_rep replays the token of rep's recorded attempt: no attempt of theirs, no leak."""
    from lms.db import db
    from lms.models import Attempt

    with world.app.app_context():
        token = db.session.get(Attempt, world.ids["attempt_id"]).token
    client = client_for(world, OTHER_REP)
    response = client.post("/courses/basics/quiz/quiz", data={"token": token})
    assert response.status_code in (400, 422)
    assert f"/attempts/{world.ids['attempt_id']}" not in response.headers.get("Location", "")
