"""The rep hears of each review of their practice: in the app and by email, as they chose."""

from __future__ import annotations

from sqlalchemy import select

from lms.db import db
from lms.messaging import events, outbox
from lms.models import Notification
from tests.helpers.practice import PEER, PITCH, hand_in, latest_submission, review
from tests.helpers.sign_in import signed_in_client


def _messages(app, user_id: int) -> list[Notification]:
    with app.app_context():
        rows = db.session.scalars(
            select(Notification).where(Notification.user_id == user_id).order_by(Notification.id)
        ).all()
        db.session.expunge_all()
        return list(rows)


def test_a_review_that_asks_for_another_try_reaches_the_inbox_and_the_outbox(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, text="My pitch")
    submission = latest_submission(app, org["ana"])
    boss = signed_in_client(app, "boss@example.com")
    review(boss, submission.id, {"research": 2, "value": 3})

    found = _messages(app, org["ana"])
    assert {m.channel for m in found} == {outbox.APP, outbox.EMAIL}
    assert all(m.kind == "practice_review" for m in found)
    in_app = next(m for m in found if m.channel == outbox.APP)
    email = next(m for m in found if m.channel == outbox.EMAIL)
    assert in_app.subject == "Your practice needs another try: Pitch to a CFO"
    assert "scored 2.33; 3.5 passes" in in_app.body_text
    assert in_app.link == f"/practice/submissions/{submission.id}"
    assert email.status == outbox.PENDING  # the sender delivers it
    assert f"/practice/submissions/{submission.id}" in email.body_text
    assert f"/practice/submissions/{submission.id}" in email.body_html
    # Nobody else hears of it: not the reviewer, not the teammate.
    assert _messages(app, org["boss"]) == [] and _messages(app, org["bo"]) == []

    inbox = ana.get("/notifications").get_data(as_text=True)
    assert f'href="/practice/submissions/{submission.id}"' in inbox
    assert "Your practice needs another try" in inbox
    assert ana.get(in_app.link).status_code == 200


def test_a_pass_says_so(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, text="My pitch")
    submission = latest_submission(app, org["ana"])
    review(signed_in_client(app, "boss@example.com"), submission.id, {"research": 4, "value": 4})
    subjects = {m.subject for m in _messages(app, org["ana"])}
    assert subjects == {"Your practice passed: Pitch to a CFO"}


def test_a_peer_review_says_it_is_not_confirmed_and_never_names_the_peer(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, PEER, text="Price objection handled")
    submission = latest_submission(app, org["ana"])
    review(signed_in_client(app, "bo@example.com"), submission.id, {"research": 5, "value": 5})
    found = _messages(app, org["ana"])
    assert len(found) == 2
    for message in found:
        assert message.subject == "A teammate reviewed your practice: Peer role-play"
        assert "not confirmed yet" in message.body_text
        assert "Bo" not in message.body_text + message.body_html
        assert "passed" not in message.subject
    # The manager's deciding review is a second message, not a repeat of the first.
    review(signed_in_client(app, "boss@example.com"), submission.id, {"research": 3, "value": 3})
    subjects = [m.subject for m in _messages(app, org["ana"])]
    assert subjects.count("Your practice passed: Peer role-play") == 2  # app and email


def test_the_reps_choices_are_respected(app, org):
    with app.app_context(), db.writing() as session:
        events.set_choice(session, org["ana"], "practice_review", outbox.EMAIL, enabled=False)
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, PITCH, text="My pitch")
    submission = latest_submission(app, org["ana"])
    review(signed_in_client(app, "boss@example.com"), submission.id, {"research": 4, "value": 4})
    assert [m.channel for m in _messages(app, org["ana"])] == [outbox.APP]


def test_reps_may_turn_review_notices_off_on_their_settings_page(app, org):
    ana = signed_in_client(app, "ana@example.com")
    page = ana.get("/notifications/settings").get_data(as_text=True)
    assert 'value="practice_review:app"' in page and "Reviews of your practice" in page
    boss = signed_in_client(app, "boss@example.com")
    assert "practice_review" not in boss.get("/notifications/settings").get_data(as_text=True)


def test_a_refused_review_tells_nobody(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, text="My pitch")
    submission = latest_submission(app, org["ana"])
    response = review(signed_in_client(app, "boss@example.com"), submission.id, {"research": 9})
    assert response.status_code == 422
    assert _messages(app, org["ana"]) == []
