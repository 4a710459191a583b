"""A review of a rep's practice reaches them by email through the outbox, like every kind."""

from __future__ import annotations

import re

import pytest

from tests.conftest import import_folder
from tests.helpers.practice import PEER, hand_in, latest_submission, review
from tests.helpers.sign_in import signed_in_client
from tests.notifications.conftest import link_in, parts, send
from tests.practice.conftest import PRACTICE_COURSES


@pytest.fixture
def courses(app):
    """The practice courses instead of the notification tests' own."""
    return import_folder(app, PRACTICE_COURSES)


def test_the_rep_gets_an_email_that_links_to_the_review(app, org, smtp):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, text="My pitch")
    submission = latest_submission(app, org["ana"])
    review(signed_in_client(app, "boss@example.com"), submission.id, {"research": 2, "value": 2})
    send(app)
    [message] = smtp.to("ana@example.com")
    assert message["Subject"] == "Your practice needs another try: Pitch to a CFO"
    assert message["List-Unsubscribe"]  # an optional kind: one click turns it off
    assert link_in(message, "/practice/submissions/") == f"/practice/submissions/{submission.id}"
    assert smtp.to("boss@example.com") == []


def test_a_peers_email_says_the_review_is_not_confirmed(app, org, smtp):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, PEER, text="Objection handled")
    submission = latest_submission(app, org["ana"])
    review(signed_in_client(app, "bo@example.com"), submission.id, {"research": 5, "value": 5})
    send(app)
    [message] = smtp.to("ana@example.com")
    text, html = parts(message)
    assert message["Subject"] == "A teammate reviewed your practice: Peer role-play"
    assert "not confirmed yet" in text and "not confirmed yet" in html
    # The peer is never named. Links are left out first: a signed token can hold "Bo".
    for part in (text, html):
        assert "Bo" not in re.sub(r"https?://[^\s\"<>]+", "", part)
