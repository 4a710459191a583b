"""CSRF: every state-changing route refuses a request without the form's token; no GET writes.

The walk covers every route on a shared world; the flows below follow one rep through the
real pages, with answers a walk cannot check (still signed in, no attempt recorded).
"""

from __future__ import annotations

import pytest

from lms import create_app
from tests.conftest import BASICS_QUIZ, PASSWORD, form_token, make_user
from tests.helpers.sign_in import csrf_token, sign_in
from tests.helpers.world import ANONYMOUS, PERSONAS, build_world, client_for, drop_world, snapshot
from tests.security.route_table import ALLOW, STATE_CHANGING, methods, url_for_rule

# The one GET that writes: opening a module records "started" for the viewer (see
# docs/security.md): an idempotent fact about the viewer alone, no score, no completion.
# Opening a module records it as started, which bumps the team's dashboard version and the
# rep's page version (lms/progress/freshness.py).
GET_WRITES = {"learn.module": {"module_progress", "teams", "users"}}
# RFC 8058 one-click unsubscribe: mail clients POST without a form of ours; the URL's signed
# token is the proof (tests/notifications/test_inbox.py checks a forged one is refused).
SIGNED_URL_POSTS = {"notifications.unsubscribe"}


def assert_friendly_400(response, where: str = "") -> None:
    """A plain 400 page: our message, no traceback."""
    assert response.status_code == 400, f"{where} -> {response.status_code}"
    html = response.get_data(as_text=True)
    assert "Something in that request was not right" in html, where
    assert "Traceback" not in html, where


# The walk over the URL map, on one world shared by the module.


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_world(tmp_path_factory.mktemp("csrf"), WTF_CSRF_ENABLED=True)
    yield built
    drop_world(built)


def routes(world, wanted):
    """(endpoint, rule, method) for every route answering one of the wanted methods."""
    return [
        (rule.endpoint, rule, method)
        for rule in sorted(world.app.url_map.iter_rules(), key=lambda r: r.rule)
        for method in methods(rule)
        if method in wanted and rule.endpoint in ALLOW and rule.endpoint not in SIGNED_URL_POSTS
    ]


def who_may(endpoint: str) -> list[str]:
    """Anonymous, and the first signed-in persona the route allows."""
    allowed = [p for p in PERSONAS if p in ALLOW[endpoint].allowed and p != ANONYMOUS]
    return [ANONYMOUS, *allowed[:1]]


def test_the_walk_finds_state_changing_routes(world):
    assert {"auth.login", "auth.logout", "quizzes.submit", "learn.complete"} <= {
        endpoint for endpoint, _rule, _m in routes(world, STATE_CHANGING)
    }


def test_every_state_changing_route_refuses_a_request_without_a_token(world):
    for endpoint, rule, method in routes(world, STATE_CHANGING):
        url = url_for_rule(world, rule)
        for persona in who_may(endpoint):
            client = client_for(world, persona)
            before = snapshot(world)
            response = client.open(url, method=method, data=ALLOW[endpoint].data)
            where = f"{persona} {method} {url}"
            assert_friendly_400(response, where)
            assert snapshot(world) == before, f"{where} changed the database"


def test_a_token_from_another_session_is_refused(world):
    thief = client_for(world, ANONYMOUS)
    stolen = csrf_token(thief.get("/login").get_data(as_text=True))
    victim = client_for(world, "rep")
    response = victim.post("/courses/basics/reading/complete", data={"csrf_token": stolen})
    assert response.status_code == 400


def test_no_get_changes_state(world):
    for endpoint, rule, method in routes(world, {"GET"}):
        url = url_for_rule(world, rule)
        for persona in sorted(ALLOW[endpoint].allowed):
            client = client_for(world, persona)
            before = snapshot(world)
            client.open(url, method=method)
            after = snapshot(world)
            changed = {table for table in after if after[table] != before[table]}
            assert changed <= GET_WRITES.get(endpoint, set()), f"{persona} GET {url}: {changed}"


# One rep through the real pages, on a fresh database per test.


@pytest.fixture
def csrf_client(app, courses):
    """A client of an app created with CSRF protection on, on the same database."""
    make_user(app)
    protected = create_app({**app.config, "WTF_CSRF_ENABLED": True})
    return protected.test_client()


def test_login_without_token_is_refused(csrf_client):
    response = csrf_client.post("/login", data={"email": "rep@example.com", "password": PASSWORD})
    assert_friendly_400(response)
    assert csrf_client.get("/").status_code == 302


def test_login_with_token_works(csrf_client):
    assert sign_in(csrf_client).status_code == 302
    assert csrf_client.get("/").status_code == 200


def test_logout_without_token_is_refused(csrf_client):
    assert sign_in(csrf_client).status_code == 302
    assert_friendly_400(csrf_client.post("/logout"))
    assert csrf_client.get("/").status_code == 200


def test_quiz_submit_with_a_real_quiz_token_but_no_csrf_token_is_refused(csrf_client):
    """The walk posts a made-up quiz token; here the quiz's own token is not enough either."""
    assert sign_in(csrf_client).status_code == 302
    html = csrf_client.get(BASICS_QUIZ).get_data(as_text=True)
    response = csrf_client.post(f"{BASICS_QUIZ}/quiz", data={"token": form_token(html)})
    assert_friendly_400(response)
    assert "Your attempts" not in csrf_client.get(BASICS_QUIZ).get_data(as_text=True)
