"""A refusal that escapes a view: the friendly page with its message and status, nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lms.assessment.attempts import AttemptsExhausted, TokenTaken
from lms.db import db
from lms.models import Team
from lms.people.user_import import ImportRefused
from lms.people.users import UserError
from lms.progress.judgements import JudgementError
from lms.progress.remedies import RemedyError
from lms.refusals import Refusal


@pytest.fixture
def seen_at_teardown(app):
    """Test-only routes that stage a team, then are refused; and the teams each request saw last.

    A teardown hook runs before the session is removed, so it sees what the request left in
    its transaction: a flushed row there would mean the refusal handler did not roll back.
    """
    seen: list[int] = []

    def refused_after_a_flush():
        db.session.add(Team(name="Half stored"))
        db.session.flush()
        raise Refusal("That team cannot be made now: <ask> your admin.", status=409)

    def refused_as_a_user_error():
        db.session.add(Team(name="Half stored"))
        db.session.flush()
        raise UserError("Team name must not be empty.", "name")

    app.add_url_rule("/test-refusal", "test_refusal", refused_after_a_flush)
    app.add_url_rule("/test-user-error", "test_user_error", refused_as_a_user_error)
    app.teardown_request(lambda _exc: seen.append(db.session.scalar(select(func.count(Team.id)))))
    return seen


def test_an_escaping_refusal_shows_its_message_and_status_and_stores_nothing(
    app, client, seen_at_teardown, caplog
):
    response = client.get("/test-refusal")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "That could not be done" in html
    assert "That team cannot be made now: &lt;ask&gt; your admin." in html  # escaped
    assert "Error 409" in html and "Back to RepReady" in html
    assert seen_at_teardown == [0]
    assert "unhandled error" not in caplog.text  # a refusal is not a crash
    with app.app_context():
        assert db.session.scalar(select(func.count(Team.id))) == 0


def test_a_domain_error_is_a_refusal_with_the_default_status(client, seen_at_teardown):
    response = client.get("/test-user-error")
    assert response.status_code == 422
    assert "Team name must not be empty." in response.get_data(as_text=True)
    assert seen_at_teardown == [0]


def test_every_user_facing_error_is_a_refusal_with_a_message_for_the_person():
    refusals = [
        UserError("Name must not be empty.", "name"),
        ImportRefused(["line 2: no email"]),
        JudgementError("Choose Ready or Not yet."),
        RemedyError("Say why."),
        AttemptsExhausted(2),
        TokenTaken(),
    ]
    for refusal in refusals:
        assert isinstance(refusal, Refusal)
        assert refusal.message and str(refusal) == refusal.message
        assert 400 <= refusal.status < 500
    assert "all 2 attempts" in AttemptsExhausted(2).message
    assert ImportRefused(["a", "b"]).errors == ["a", "b"]
