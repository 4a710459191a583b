"""The outbox's guarantees: transactional, idempotent, retried with backoff, crash-safe."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from lms import clock
from lms.db import db
from lms.messaging import outbox
from lms.messaging.sender import send_batch
from lms.models import Notification
from tests.conftest import make_user
from tests.helpers.sign_in import sign_in
from tests.notifications.conftest import send


def message(user_id: int, key: str = "k1", kind: str = "test") -> outbox.Message:
    return outbox.Message(
        user_id=user_id,
        kind=kind,
        channel=outbox.EMAIL,
        key=key,
        subject=f"Subject {key}",
        body_text=f"Text {key}",
        body_html=f"<p>HTML {key}</p>",
    )


def stored(app) -> list[Notification]:
    with app.app_context():
        rows = db.session.scalars(select(Notification).order_by(Notification.id)).all()
        db.session.commit()
        return rows


def test_a_rolled_back_transaction_enqueues_nothing(app):
    rep = make_user(app, path=None)
    with app.app_context(), pytest.raises(RuntimeError), db.writing() as session:
        outbox.enqueue(session, message(rep))
        raise RuntimeError("the event failed")
    assert stored(app) == []


def test_the_same_key_is_stored_once(app):
    rep = make_user(app, path=None)
    with app.app_context():
        with db.writing() as session:
            assert outbox.enqueue(session, message(rep)) is True
            assert outbox.enqueue(session, message(rep)) is False
        with db.writing() as session:  # and again in a later transaction
            assert outbox.enqueue(session, message(rep)) is False
    assert [n.key for n in stored(app)] == ["k1"]


def enqueue(app, rep, *keys):
    with app.app_context(), db.writing() as session:
        for key in keys:
            outbox.enqueue(session, message(rep, key))


def test_sent_messages_are_marked_sent_with_their_parts(app, smtp):
    rep = make_user(app, path=None)
    enqueue(app, rep, "a", "b")
    result = send(app)
    assert len(result.sent) == 2
    assert [m["Subject"] for m in smtp.messages] == ["Subject a", "Subject b"]
    assert all(n.status == "sent" and n.sent_at and n.attempts == 1 for n in stored(app))
    assert send(app).sent == []  # nothing is sent twice


def test_a_refused_message_retries_with_backoff_then_fails_and_can_be_retried(app, smtp):
    rep = make_user(app, path=None)
    smtp.refuse.add("rep@example.com")
    enqueue(app, rep, "a")
    waits = []
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        before = clock.now()
        result = send(app)
        [row] = stored(app)
        assert row.attempts == attempt
        assert "550" in row.last_error
        if attempt < outbox.MAX_ATTEMPTS:
            assert result.retrying == [row.id] and row.status == "pending"
            waits.append(round((row.next_attempt_at - before).total_seconds() / 60))
            assert send(app).retrying == []  # not due yet
            with app.app_context(), db.writing() as session:  # let the wait pass
                session.execute(update(Notification).values(next_attempt_at=clock.now()))
        else:
            assert result.failed == [row.id] and row.status == "failed"
    assert waits == [1, 2, 4, 8]
    assert smtp.messages == []

    # The admin sees it on the outbox page and retries it.
    from lms.models import Role

    make_user(app, email="admin@example.com", role=Role.ADMIN)
    client = app.test_client()
    sign_in(client, "admin@example.com")
    page = client.get("/admin/outbox?status=failed").get_data(as_text=True)
    assert "Subject a" in page and "550 mailbox unavailable" in page
    assert client.post(f"/admin/outbox/{row.id}/retry").status_code == 302
    assert client.post(f"/admin/outbox/{row.id}/retry").status_code == 404  # no longer failed
    smtp.refuse.clear()
    assert send(app).sent == [row.id]
    assert smtp.messages[0]["Subject"] == "Subject a"


def test_an_unreachable_server_leaves_every_message_to_retry(app, smtp):
    rep = make_user(app, path=None)
    enqueue(app, rep, "a", "b")
    app.config["SMTP_PORT"] = 1  # nothing listens there
    result = send(app)
    assert len(result.retrying) == 2
    assert all(n.status == "pending" and "connection" in n.last_error for n in stored(app))


def test_a_sender_killed_mid_batch_loses_nothing_and_resends_the_same_message(app, smtp):
    rep = make_user(app, path=None)
    enqueue(app, rep, "a", "b")
    # A sender claims the batch, and dies before sending or recording anything.
    with app.app_context(), db.writing() as session:
        _token, claimed = outbox.claim(session, 10)
    assert len(claimed) == 2
    assert send(app).sent == []  # its lease still holds: no one else sends them
    with app.app_context(), db.writing() as session:  # the lease runs out
        session.execute(update(Notification).values(lease_until=clock.now() - timedelta(seconds=1)))
    assert len(send(app).sent) == 2
    first_ids = [m["Message-ID"] for m in smtp.messages]

    # Killed after the server accepted but before "sent" was recorded: the retry carries the
    # same Message-ID, so the receiving side can tell it is the same message.
    with app.app_context(), db.writing() as session:
        session.execute(
            update(Notification).values(status="sending", lease_until=clock.now() - timedelta(1))
        )
    send(app)
    assert [m["Message-ID"] for m in smtp.messages[2:]] == first_ids


def test_a_deactivated_recipient_gets_nothing(app, smtp):
    rep = make_user(app, path=None)
    enqueue(app, rep, "a")
    from lms.models import User

    with app.app_context(), db.writing() as session:
        session.get(User, rep).active = False
    assert len(send(app).failed) == 1
    assert smtp.messages == []


def test_two_senders_never_send_the_same_message(app, smtp):
    rep = make_user(app, path=None)
    enqueue(app, rep, *[f"m{i}" for i in range(40)])
    results, barrier = [], threading.Barrier(2)

    def sender():
        with app.app_context():
            barrier.wait()
            for _ in range(10):
                results.append(send_batch(limit=5))
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sent = [i for r in results for i in r.sent]
    assert len(sent) == len(set(sent)) == 40
    subjects = [m["Subject"] for m in smtp.messages]
    assert len(subjects) == len(set(subjects)) == 40
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(Notification.status == "sent")) == 40


def test_without_smtp_emails_are_written_as_private_files(tmp_path):
    from tests.conftest import build_app, drop_app

    app = build_app(tmp_path)
    app.instance_path = str(tmp_path / "instance")
    try:
        rep = make_user(app, path=None)
        enqueue(app, rep, "a")
        assert len(send(app).sent) == 1
        [eml] = (tmp_path / "instance" / "mail").glob("*.eml")
        assert eml.stat().st_mode & 0o777 == 0o600
        assert b"Subject: Subject a" in eml.read_bytes()
    finally:
        drop_app(app)


def test_a_sender_killed_by_sigkill_loses_nothing(app, smtp):
    import signal
    import subprocess
    import sys
    from pathlib import Path

    rep = make_user(app, path=None)
    enqueue(app, rep, "a", "b", "c")
    script = Path(__file__).with_name("killed_sender.py")
    root = Path(__file__).parents[2]
    child = subprocess.run(
        [sys.executable, str(script), app.config["DATABASE_URL"], str(smtp.port)],
        cwd=root,
        env={**__import__("os").environ, "PYTHONPATH": str(root)},
        capture_output=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert [m["Subject"] for m in smtp.messages] == ["Subject a"]  # accepted, not recorded
    assert {n.status for n in stored(app)} == {"sending"}
    assert send(app).sent == []  # the dead sender's lease still holds
    with app.app_context(), db.writing() as session:
        session.execute(update(Notification).values(lease_until=clock.now() - timedelta(seconds=1)))
    assert len(send(app).sent) == 3
    assert all(n.status == "sent" for n in stored(app))
    # "a" went twice (at-least-once), under one Message-ID; "b" and "c" once each.
    ids = [m["Message-ID"] for m in smtp.messages]
    assert [m["Subject"] for m in smtp.messages] == [
        "Subject a",
        "Subject a",
        "Subject b",
        "Subject c",
    ]
    assert ids[0] == ids[1] and len(set(ids)) == 3
