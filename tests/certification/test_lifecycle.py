"""A certification over months: granted, a course changes, renewal, reminders, expiry."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from lms.certification.grants import grant_earned, sign_off
from lms.certification.standing import FIRST, RECERTIFY, load_standings
from lms.db import db
from lms.models import CertificationGrant, Notification, User
from tests.conftest import FIXTURE_COURSES, finish_basics, import_folder, submit_quiz
from tests.helpers.certification import EXAM_RIGHT, certification_tree, change_module
from tests.helpers.sign_in import sign_in

DEEP_QUIZ = "/courses/advanced/deep"
EXAM_QUIZ = "/courses/final-exam/exam"


def at(freeze_clock, *when: int) -> datetime:
    instant = datetime(*when, 9, 0, tzinfo=UTC)
    freeze_clock(instant)
    return instant


def standing(app, user_id: int, now: datetime):
    with app.app_context():
        (found,) = load_standings(db.session, db.session.get(User, user_id), now)
        return found


def finish_path_and_exam(client) -> None:
    finish_basics(client)
    assert submit_quiz(client, DEEP_QUIZ, {"deep-one": "Practice helps"}).status_code == 302
    assert submit_quiz(client, EXAM_QUIZ, EXAM_RIGHT).status_code == 302


def confirm(app, manager_id: int, rep_id: int, now: datetime) -> None:
    with app.app_context(), db.writing() as session:
        rep, manager = session.get(User, rep_id), session.get(User, manager_id)
        cert = load_standings(session, rep, now)[0].certification
        sign_off(
            session, manager, rep, cert, "standard-demo", now.date(), "Good demo", now, now.date()
        )


def grants(app, rep_id: int) -> list[CertificationGrant]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(CertificationGrant)
                .where(CertificationGrant.user_id == rep_id)
                .order_by(CertificationGrant.id)
            )
        )


def certification_keys(app, rep_id: int) -> list[str]:
    with app.app_context():
        keys = db.session.scalars(
            select(Notification.key).where(
                Notification.user_id == rep_id,
                Notification.kind == "certification",
                Notification.channel == "app",
            )
        )
        return sorted(k.split(":")[2] for k in keys)


def test_granted_only_when_path_exam_and_sign_off_all_hold(app, client, cert_org, start):
    sign_in(client, "ana@example.com")
    first = standing(app, cert_org["ana"], start)
    assert first.round == FIRST and (first.done, first.total) == (0, 4)
    assert [s.title for s in first.steps] == ["Basics", "Advanced", "Exam: Final exam"]
    finish_path_and_exam(client)
    assert grants(app, cert_org["ana"]) == []  # the manager has not signed off yet
    confirm(app, cert_org["boss"], cert_org["ana"], start)
    (grant,) = grants(app, cert_org["ana"])
    assert grant.granted_at == start
    assert grant.expires_at == datetime(2028, 1, 4, 9, 0, tzinfo=UTC)
    assert grant.status(start) == "valid" and len(grant.public_id) >= 32
    assert set(grant.versions.values()) == {1}


def test_renewal_asks_for_exactly_the_changed_modules_and_reminders_fall_on_time(
    app, client, runner, cert_org, cert_tree, start, freeze_clock
):
    ana = cert_org["ana"]
    sign_in(client, "ana@example.com")
    finish_path_and_exam(client)
    confirm(app, cert_org["boss"], ana, start)
    # Months later the Advanced course's only module changes, question included.
    at(freeze_clock, 2027, 6, 1)
    change_module(cert_tree)
    question = cert_tree / "advanced" / "01-deep.md"
    question.write_text(question.read_text().replace("Pick the true", "Pick the one true"))
    import_folder(app, cert_tree)

    schedule_days = [
        ((2027, 11, 4), []),  # the day before renewal opens (60 days before expiry)
        ((2027, 11, 5), ["renewal"]),
        ((2027, 12, 4), ["renewal"]),  # 31 days left
        ((2027, 12, 5), ["expires-30", "renewal"]),
        ((2027, 12, 27), ["expires-30", "renewal"]),  # 8 days left
        ((2027, 12, 28), ["expires-30", "expires-7", "renewal"]),
        ((2027, 12, 28), ["expires-30", "expires-7", "renewal"]),  # twice in a day: once
    ]
    for day, expected in schedule_days:
        at(freeze_clock, *day)
        assert runner.invoke(args=["notify", "schedule"]).exit_code == 0
        assert certification_keys(app, ana) == expected, day

    now = at(freeze_clock, 2027, 12, 28)
    renewal = standing(app, ana, now)
    assert renewal.round == RECERTIFY and renewal.status == "valid"
    assert [s.title for s in renewal.steps] == ["Advanced: Going deeper"]
    assert renewal.steps[0].changed_questions == ["deep-one"]
    assert renewal.sign_offs == []  # recertify: changes asks for content only
    assert renewal.due == datetime(2028, 1, 4, 9, 0, tzinfo=UTC)

    expired = at(freeze_clock, 2028, 1, 5)
    assert standing(app, ana, expired).status == "expired"
    assert submit_quiz(client, DEEP_QUIZ, {"deep-one": "Practice helps"}).status_code == 302
    old, new = grants(app, ana)
    assert new.granted_at == expired and new.expires_at == datetime(2029, 1, 5, 9, 0, tzinfo=UTC)
    assert new.public_id != old.public_id
    assert standing(app, ana, expired).status == "valid"


def test_renewal_before_expiry_keeps_the_time_left(app, client, cert_org, start, freeze_clock):
    ana = cert_org["ana"]
    sign_in(client, "ana@example.com")
    finish_path_and_exam(client)
    confirm(app, cert_org["boss"], ana, start)
    # Nothing changed: renewal asks nothing and is granted when it opens.
    opens = at(freeze_clock, 2027, 11, 5)
    with app.app_context(), db.writing() as session:
        (renewed,) = grant_earned(session, session.get(User, ana), opens)
    assert renewed.expires_at == datetime(2029, 1, 4, 9, 0, tzinfo=UTC)


def test_full_renewal_asks_the_whole_path_and_the_sign_offs_again(
    app, client, tmp_path, start, org, freeze_clock
):
    import_folder(app, certification_tree(tmp_path, FIXTURE_COURSES, recertify="full"))
    ana = org["ana"]
    sign_in(client, "ana@example.com")
    finish_path_and_exam(client)
    confirm(app, org["boss"], ana, start)
    opens = at(freeze_clock, 2027, 11, 5)
    renewal = standing(app, ana, opens)
    assert [s.title for s in renewal.steps] == [
        "Basics: Reading only",
        "Basics: A quiz module",
        "Advanced: Going deeper",
        "Final exam: Exam questions",
    ]
    assert [s.id for s in renewal.sign_offs] == ["standard-demo"]
    assert not any(s.done for s in renewal.steps)
    # Reading a module again counts for it.
    assert "I read it again" in client.get("/courses/basics/reading").get_data(as_text=True)
    assert client.post("/courses/basics/reading/complete").status_code == 302
    assert [s.done for s in standing(app, ana, opens).steps] == [True, False, False, False]
