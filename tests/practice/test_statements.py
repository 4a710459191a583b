"""The review queue and the media endpoint run a fixed number of statements, whatever the data."""

from __future__ import annotations

from sqlalchemy import select

from lms.cache import app_cache
from lms.db import db
from lms.models import PracticeMedia
from lms.web.page_cache import CACHE
from tests.conftest import count_statements, make_user
from tests.helpers.media import webm
from tests.helpers.practice import PEER, hand_in
from tests.helpers.sign_in import signed_in_client

EXPECTED = {
    # a kept page's check of the session; user; trainer-only modules; count; the page of
    # rows; teams; practice modules (rendered: the reviewer's kept copy is dropped first)
    "queue": 1 + 6,
    # user; media with its version, rep and module; the manager's team check
    "media": 3,
}


def statements(client, url: str) -> int:
    app_cache(client.application, CACHE).clear()
    with count_statements(client.application) as seen:
        assert client.get(url).status_code in (200, 206)
    return sum(
        1 for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))
    )


def test_queue_and_media_do_not_grow_with_waiting_versions(app, org):
    hand_in(signed_in_client(app, "ana@example.com"), file=webm())
    boss = signed_in_client(app, "boss@example.com")
    with app.app_context():
        media_id = db.session.scalar(select(PracticeMedia.id))
    small = statements(boss, "/practice/reviews"), statements(boss, f"/practice/media/{media_id}")
    for n in range(6):
        email = f"east{n}@example.com"
        make_user(app, email, team_name="East")
        rep = signed_in_client(app, email)
        hand_in(rep, text=f"Pitch {n}")
        hand_in(rep, PEER, text=f"Role-play {n}")
    large = statements(boss, "/practice/reviews"), statements(boss, f"/practice/media/{media_id}")
    assert "13 versions waiting" in boss.get("/practice/reviews").get_data(as_text=True)
    assert small == large == (EXPECTED["queue"], EXPECTED["media"])


def test_the_peer_queue_does_not_grow_with_waiting_versions(app, org):
    """user; count; the page of rows with their reps, modules and courses."""
    bo = signed_in_client(app, "bo@example.com")
    hand_in(signed_in_client(app, "ana@example.com"), PEER, text="Role-play")
    small = statements(bo, "/practice/peer-reviews")
    for n in range(6):
        email = f"east{n}@example.com"
        make_user(app, email, team_name="East")
        hand_in(signed_in_client(app, email), PEER, text=f"Role-play {n}")
    large = statements(bo, "/practice/peer-reviews")
    assert "7 versions waiting" in bo.get("/practice/peer-reviews").get_data(as_text=True)
    assert small == large == 3
