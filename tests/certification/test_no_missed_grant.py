"""The last two steps of a certification at the same moment still grant it, once."""

from __future__ import annotations

import threading

from sqlalchemy import select

from lms.certification.grants import grant_earned, sign_off
from lms.db import db
from lms.models import Certification, CertificationGrant, Course, Module, User
from lms.progress.records import progress_row, record_course_completion
from tests.conftest import finish_basics, submit_quiz
from tests.helpers.certification import DEEP_QUIZ, cert_id
from tests.helpers.locks import wait_for_lock_waiter
from tests.helpers.sign_in import sign_in


def test_the_exam_pass_and_the_sign_off_at_once_grant_once(app, client, cert_org, start):
    """Each write alone sees the other's step missing; the later one must wait and grant."""
    sign_in(client, "ana@example.com")
    finish_basics(client)
    submit_quiz(client, DEEP_QUIZ, {"deep-one": "Practice helps"})
    certification = cert_id(app)
    signed, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def manager_signs_off() -> None:
        try:
            with app.app_context(), db.writing() as session:
                rep = session.get(User, cert_org["ana"])
                manager = session.get(User, cert_org["boss"])
                cert = session.get(Certification, certification)
                today = start.date()
                sign_off(session, manager, rep, cert, "standard-demo", today, "", start, today)
                signed.set()  # no exam pass yet, so no grant: hold the write open
                assert release.wait(90)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
            signed.set()

    def rep_passes_the_exam() -> None:
        # What a passing exam attempt writes (lms/assessment/attempts.py), then its grant check.
        try:
            with app.app_context(), db.writing() as session:
                rep = session.get(User, cert_org["ana"])
                exam = session.scalar(
                    select(Module).join(Module.course).where(Course.slug == "final-exam")
                )
                progress_row(session, rep, exam).completed_at = start
                session.flush()
                record_course_completion(session, rep, exam.course, start)
                grant_earned(session, rep, start)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    manager = threading.Thread(target=manager_signs_off)
    manager.start()
    assert signed.wait(30)
    rep = threading.Thread(target=rep_passes_the_exam)
    rep.start()
    # The exam pass reached the grant check and waits for the sign-off's write to end.
    waited = wait_for_lock_waiter(app, seconds=60)
    release.set()
    manager.join(60)
    rep.join(60)
    assert not errors, errors
    assert waited, "the exam pass did not wait for the open sign-off"
    with app.app_context():
        granted = db.session.scalars(select(CertificationGrant)).all()
    assert len(granted) == 1
