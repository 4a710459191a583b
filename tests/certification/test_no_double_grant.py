"""One grant per round: the database refuses a second, and the granting code loses quietly."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lms.certification import grants as grants_module
from lms.certification.grants import sign_off
from lms.certification.standing import FIRST, Step, load_standings
from lms.db import db
from lms.models import Certification, CertificationGrant, SignOff, User, UserEvent
from tests.conftest import finish_basics, submit_quiz
from tests.helpers.certification import EXAM_QUIZ, EXAM_RIGHT, cert_id, certified
from tests.helpers.certification import grant_row as row
from tests.helpers.locks import wait_for_lock_waiter
from tests.helpers.sign_in import sign_in


def test_the_database_allows_one_first_grant_and_one_grant_after_each(app, cert_org, start):
    cert, ana = cert_id(app), cert_org["ana"]
    with app.app_context(), db.writing() as session:
        first = row(cert, ana, start)
        session.add(first)
        session.flush()
        session.add(row(cert, ana, start + timedelta(days=300), previous_id=first.id))
    for previous in (None, "first"):
        with app.app_context(), pytest.raises(IntegrityError), db.writing() as session:
            found = session.scalar(select(CertificationGrant.id).order_by(CertificationGrant.id))
            session.add(row(cert, ana, start, previous_id=found if previous else None))
    # Another rep has a first grant of their own.
    with app.app_context(), db.writing() as session:
        session.add(row(cert, cert_org["bo"], start))
    with app.app_context():
        bo_grant = select(CertificationGrant.id).where(CertificationGrant.user_id == cert_org["bo"])
        assert db.session.scalar(bo_grant) is not None


def test_losing_the_race_grants_nothing_and_keeps_the_callers_write(
    app, client, cert_org, start, monkeypatch
):
    grant = certified(app, client, cert_org)  # granted by the sign-off
    with app.app_context():
        session = db.session
        ana = session.get(User, cert_org["ana"])
        # What a second worker read before the first committed: no grant yet.
        stale = load_standings(session, ana, start)
        for standing in stale:
            standing.grant, standing.round, standing.since = None, FIRST, None
            standing.steps, standing.sign_offs = [Step("Basics", True, "basics")], []
        session.commit()
    monkeypatch.setattr(grants_module, "load_standings", lambda *_args: stale)
    with app.app_context(), db.writing() as session:
        ana = session.get(User, cert_org["ana"])
        session.add(UserEvent(user_id=ana.id, kind="marker", details={}))
        assert grants_module.grant_earned(session, ana, start) == []
    with app.app_context():
        found = db.session.scalars(select(CertificationGrant)).all()
        assert [g.id for g in found] == [grant.id]
        kinds = db.session.scalars(
            select(UserEvent.kind).where(UserEvent.user_id == cert_org["ana"])
        ).all()
        assert "marker" in kinds  # the caller's write survived the lost race
        assert kinds.count("certification_granted") == 1


def test_two_workers_signing_off_at_once_grant_once(app, client, cert_org, start):
    sign_in(client, "ana@example.com")
    finish_basics(client)
    submit_quiz(client, "/courses/advanced/deep", {"deep-one": "Practice helps"})
    submit_quiz(client, EXAM_QUIZ, EXAM_RIGHT)
    certification = cert_id(app)  # read here: a nested app context would end the write's session
    first_flushed, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def worker(first: bool) -> None:
        try:
            with app.app_context(), db.writing() as session:
                rep = session.get(User, cert_org["ana"])
                manager = session.get(User, cert_org["boss"])
                cert = session.get(Certification, certification)
                sign_off(
                    session,
                    manager,
                    rep,
                    cert,
                    "standard-demo",
                    start.date(),
                    "",
                    start,
                    start.date(),
                )
                if first:
                    first_flushed.set()  # granted, not committed: hold until the other waits
                    assert release.wait(90)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
            first_flushed.set()

    one = threading.Thread(target=worker, args=(True,))
    one.start()
    assert first_flushed.wait(20)
    two = threading.Thread(target=worker, args=(False,))
    two.start()
    # The second worker read no grant and now waits for the first one's write to end.
    waited = wait_for_lock_waiter(app, seconds=60)
    release.set()
    one.join(60)
    two.join(60)
    assert not errors, errors
    assert waited
    with app.app_context():
        granted = db.session.scalars(select(CertificationGrant)).all()
        signed = db.session.scalars(select(SignOff)).all()
    assert len(granted) == 1 and len(signed) == 2  # both sign-offs kept, one certificate
