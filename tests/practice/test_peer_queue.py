"""Reps find their teammates' versions waiting for peer feedback: oldest first, never their own."""

from __future__ import annotations

import pytest

from lms.models import Role
from tests.conftest import make_user
from tests.helpers.practice import EMAIL, PEER, PITCH, hand_in, latest_submission, review
from tests.helpers.sign_in import signed_in_client

QUEUE = "/practice/peer-reviews"


@pytest.mark.parametrize(
    ("email", "status"),
    [
        ("ana@example.com", 200),  # reps: each sees their own team's queue
        ("bo@example.com", 200),
        ("cy@example.com", 200),
        ("boss@example.com", 403),  # managers and trainers review from /practice/reviews
        ("wes@example.com", 403),
        ("trainer@example.com", 403),
        ("admin@example.com", 403),
    ],
)
def test_the_peer_queue_for_every_role(app, org, email, status):
    assert signed_in_client(app, email).get(QUEUE).status_code == status


def test_the_peer_queue_needs_a_sign_in(app, org):
    response = app.test_client().get(QUEUE)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_teammates_versions_oldest_first_never_ones_own_nor_other_teams(app, org):
    make_user(app, "dee@example.com", team_name="East")
    hand_in(signed_in_client(app, "dee@example.com"), PEER, text="Dee first")
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, PEER, text="Ana second")
    hand_in(ana, PITCH, text="A manager-reviewed pitch")  # not a peer module
    hand_in(ana, EMAIL, text="A trainer-reviewed email")
    hand_in(signed_in_client(app, "cy@example.com"), PEER, text="West")

    page = signed_in_client(app, "bo@example.com").get(QUEUE).get_data(as_text=True)
    assert "2 versions waiting for your feedback" in page
    assert page.index(">Dee<") < page.index(">Ana<")  # oldest first
    assert ">Cy<" not in page and "Pitch to a CFO" not in page and "First email" not in page

    own = ana.get(QUEUE).get_data(as_text=True)
    assert ">Dee<" in own and ">Ana<" not in own  # never one's own version
    west = signed_in_client(app, "cy@example.com").get(QUEUE).get_data(as_text=True)
    assert "Nothing is waiting for your feedback" in west  # Cy's only teammate is nobody


def test_a_reviewed_version_leaves_the_peers_queue_and_decided_ones_never_show(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, PEER, text="Objection handled")
    submission = latest_submission(app, org["ana"])
    bo = signed_in_client(app, "bo@example.com")
    assert f"/practice/submissions/{submission.id}" in bo.get(QUEUE).get_data(as_text=True)
    response = review(bo, submission.id, {"research": 4, "value": 4})
    assert response.status_code == 302 and response.headers["Location"] == QUEUE
    assert "Nothing is waiting for your feedback" in bo.get(QUEUE).get_data(as_text=True)

    make_user(app, "dee@example.com", team_name="East")
    dee = signed_in_client(app, "dee@example.com")
    assert ">Ana<" in dee.get(QUEUE).get_data(as_text=True)  # other peers may still help
    review(signed_in_client(app, "boss@example.com"), submission.id, {"research": 3, "value": 3})
    assert "Nothing is waiting" in dee.get(QUEUE).get_data(as_text=True)  # decided: gone


def test_home_and_practice_pages_lead_to_the_queue(app, org):
    bo = signed_in_client(app, "bo@example.com")
    assert 'id="peer-reviews"' not in bo.get("/").get_data(as_text=True)  # nothing waits
    assert f'href="{QUEUE}"' in bo.get(PEER).get_data(as_text=True)  # always on peer modules
    assert f'href="{QUEUE}"' not in bo.get(PITCH).get_data(as_text=True)

    hand_in(signed_in_client(app, "ana@example.com"), PEER, text="Objection handled")
    home = bo.get("/").get_data(as_text=True)
    assert 'id="peer-reviews"' in home and "1 teammate practice version waits" in home
    assert f'href="{QUEUE}"' in home
    assert "1 teammate version waits for your feedback" in bo.get(PEER).get_data(as_text=True)
    ana_home = signed_in_client(app, "ana@example.com").get("/").get_data(as_text=True)
    assert 'id="peer-reviews"' not in ana_home  # her own version is not hers to review


def test_a_rep_without_a_team_has_an_empty_queue(app, org):
    make_user(app, "solo@example.com", role=Role.REP)
    hand_in(signed_in_client(app, "ana@example.com"), PEER, text="Objection handled")
    solo = signed_in_client(app, "solo@example.com")
    assert "Nothing is waiting for your feedback" in solo.get(QUEUE).get_data(as_text=True)
    assert f'href="{QUEUE}"' not in solo.get(PEER).get_data(as_text=True)


def test_a_kept_home_page_follows_teammates_practice(app, org):
    """The rep home is kept per user; a teammate's new version is no write of bo's own."""
    bo = signed_in_client(app, "bo@example.com")
    for _ in range(3):  # rendered, then kept
        assert 'id="peer-reviews"' not in bo.get("/").get_data(as_text=True)
    hand_in(signed_in_client(app, "ana@example.com"), PEER, text="Objection handled")
    for _ in range(2):
        assert "1 teammate practice version waits" in bo.get("/").get_data(as_text=True)
    submission = latest_submission(app, org["ana"])
    review(bo, submission.id, {"research": 4, "value": 4})
    assert 'id="peer-reviews"' not in bo.get("/").get_data(as_text=True)
