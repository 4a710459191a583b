"""Managers and admins fix a rep's situation from the rep's page; each step is logged."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from lms.db import db
from lms.models import Attempt, Course, CourseRecord, Enrollment, ModuleProgress, Remediation
from lms.web.filters import format_date
from tests.assignments.conftest import act, fail_quiz, module_id, rep_url
from tests.conftest import BASICS_QUIZ, BASICS_RIGHT, finish_basics, submit_quiz
from tests.helpers.sign_in import signed_in_client


def text(response) -> str:
    return response.get_data(as_text=True)


def remedies(app) -> list[Remediation]:
    with app.app_context():
        return list(db.session.scalars(select(Remediation).order_by(Remediation.id)))


def set_start(app, user_id, days_ago: int) -> None:
    with app.app_context(), db.writing() as session:
        session.execute(
            update(Enrollment)
            .where(Enrollment.user_id == user_id)
            .values(start_date=date.today() - timedelta(days=days_ago))
        )


def due_in(day: date) -> str:
    """How the rep's home shows a due date: in words, then the date in a <time>."""
    days = (day - date.today()).days
    return f'Due in {days} days (<time datetime="{day.isoformat()}">{format_date(day)}</time>)'


def module_form(app, action="extra", count=1, reason="Missed the training call"):
    return {
        "module-module": str(module_id(app, "quiz")),
        "module-action": action,
        "module-count": str(count),
        "module-reason": reason,
    }


def test_extra_attempts_let_a_rep_out_of_attempts_retry(app, org):
    rep = signed_in_client(app, "ana@example.com")
    fail_quiz(rep, 2)
    assert "You have used all 2 attempts" in text(rep.get(BASICS_QUIZ))
    boss = signed_in_client(app, "boss@example.com")
    url = rep_url(org, "east", "ana")
    assert "(none left)" in text(boss.get(url))

    refused = boss.post(f"{act(url)}/remedies/module", data=module_form(app, reason="  "))
    assert refused.status_code == 422
    assert "Say why" in text(refused)
    assert remedies(app) == []

    done = boss.post(f"{act(url)}/remedies/module", data=module_form(app, count=1))
    assert done.status_code == 302
    page = text(rep.get(BASICS_QUIZ))
    assert "You have used all" not in page
    assert "2 of 3 attempts used" in page
    assert submit_quiz(rep, BASICS_QUIZ, BASICS_RIGHT).status_code == 302
    assert 'name="token"' not in text(rep.get(BASICS_QUIZ))  # all 3 used: the quiz is closed
    with app.app_context():
        attempts = db.session.scalars(select(Attempt.passed).order_by(Attempt.number)).all()
    assert attempts == [False, False, True]
    timeline = text(boss.get(url))
    assert "Boss granted 1 more attempt at A quiz module. Why: Missed the training call" in timeline


def test_reset_starts_a_module_again_and_keeps_its_attempts(app, org):
    rep = signed_in_client(app, "ana@example.com")
    finish_basics(rep)
    boss = signed_in_client(app, "boss@example.com")
    url = rep_url(org, "east", "ana")
    response = boss.post(f"{act(url)}/remedies/module", data=module_form(app, action="reset"))
    assert response.status_code == 302
    page = text(rep.get(BASICS_QUIZ))
    assert 'name="token"' in page  # the quiz can be taken again
    assert "1 of 3 attempts used" in page
    assert "#1" in page  # the earlier attempt stays listed
    with app.app_context():
        row = db.session.get(ModuleProgress, (org["ana"], module_id(app, "quiz")))
        assert row.completed_at is None and row.attempts == 1
        record = db.session.scalar(select(CourseRecord).where(CourseRecord.user_id == org["ana"]))
        assert record.completed_at is None  # the course is earned again when redone
    assert "Boss reset A quiz module" in text(boss.get(url))
    assert submit_quiz(rep, BASICS_QUIZ, BASICS_RIGHT).status_code == 302
    with app.app_context():
        record = db.session.scalar(select(CourseRecord).where(CourseRecord.user_id == org["ana"]))
        assert record.completed_at is not None


@pytest.mark.parametrize(
    ("email", "rep", "status"),
    [
        ("boss@example.com", "ana", 302),
        ("admin@example.com", "cy", 302),
        ("wes@example.com", "ana", 404),  # a manager of another team
        ("boss@example.com", "cy", 404),
        ("ana@example.com", "ana", 404),  # reps never
        ("bo@example.com", "ana", 404),
        ("trainer@example.com", "ana", 404),
    ],
)
def test_only_the_reps_managers_and_admins_may_act(app, org, email, rep, status):
    team = "west" if rep == "cy" else "east"
    client = signed_in_client(app, email)
    response = client.post(f"{act(rep_url(org, team, rep))}/remedies/module", data=module_form(app))
    assert response.status_code == status
    assert len(remedies(app)) == (1 if status == 302 else 0)


def test_a_new_due_date_for_a_course_moves_the_overdue_state(app, org):
    set_start(app, org["ana"], 5)  # basics was due 2 days ago
    boss = signed_in_client(app, "boss@example.com")
    dashboard = f"/reports/teams/{org['east']}"
    assert "Basics was due 2 days ago" in text(boss.get(dashboard))
    new = date.today() + timedelta(days=4)
    url = rep_url(org, "east", "ana")
    with app.app_context():
        course_id = db.session.scalar(select(Course.id).where(Course.slug == "basics"))
    data = {
        "due-target": f"course:{course_id}",
        "due-new_date": new.isoformat(),
        "due-reason": "Was on leave",
    }
    assert boss.post(f"{act(url)}/remedies/due-date", data=data).status_code == 302
    page = text(boss.get(dashboard))  # the cached dashboard is refreshed
    assert "was due" not in page
    assert "Basics due in 4 days" in page
    rep = signed_in_client(app, "ana@example.com")
    assert due_in(new) in text(rep.get("/"))
    past = {**data, "due-new_date": (date.today() - timedelta(days=1)).isoformat()}
    refused = boss.post(f"{act(url)}/remedies/due-date", data=past)
    assert refused.status_code == 422 and "today or a later date" in text(refused)


def test_a_new_date_for_a_whole_path_moves_every_course(app, org):
    set_start(app, org["ana"], 12)  # basics due 9 days ago, advanced 2 days ago
    boss = signed_in_client(app, "boss@example.com")
    url = rep_url(org, "east", "ana")
    with app.app_context():
        enrollment = db.session.scalar(
            select(Enrollment.id).where(Enrollment.user_id == org["ana"])
        )
    new = date.today() + timedelta(days=10)
    data = {
        "due-target": f"path:{enrollment}",
        "due-new_date": new.isoformat(),
        "due-reason": "Joined a new territory",
    }
    assert boss.post(f"{act(url)}/remedies/due-date", data=data).status_code == 302
    home = text(signed_in_client(app, "ana@example.com").get("/"))
    assert due_in(new) in home  # advanced, the last course
    assert due_in(new - timedelta(days=7)) in home  # basics, 7 days earlier
    page = text(boss.get(f"/reports/teams/{org['east']}"))
    assert "was due" not in page  # no longer overdue, though idle since the start


def test_remove_from_a_path_keeps_history_then_assign_a_single_course(app, org):
    rep = signed_in_client(app, "ana@example.com")
    finish_basics(rep)
    boss = signed_in_client(app, "boss@example.com")
    url = rep_url(org, "east", "ana")
    with app.app_context():
        enrollment = db.session.scalar(
            select(Enrollment.id).where(Enrollment.user_id == org["ana"])
        )
        basics = db.session.scalar(select(Course.id).where(Course.slug == "basics"))
        advanced = db.session.scalar(select(Course.id).where(Course.slug == "advanced"))
    on_path = {
        "course-course": str(advanced),
        "course-due_date": date.today().isoformat(),
        "course-reason": "Needs it",
    }
    refused = boss.post(f"{act(url)}/remedies/course", data=on_path)
    assert refused.status_code == 422  # on their path already: not a choice

    data = {"remove-enrollment": str(enrollment), "remove-reason": "Moved to support"}
    assert boss.post(f"{act(url)}/remedies/remove-path", data=data).status_code == 302
    assert "Starter path" not in text(rep.get("/"))
    assert "No path assigned yet" in text(boss.get(f"/reports/teams/{org['east']}"))
    with app.app_context():
        assert db.session.scalar(select(Attempt.id).where(Attempt.user_id == org["ana"]))
        assert db.session.scalar(
            select(ModuleProgress.completed_at).where(ModuleProgress.user_id == org["ana"])
        )
    detail = text(boss.get(url))
    assert "Boss removed Ana from Starter path (history kept). Why: Moved to support" in detail

    due = date.today() + timedelta(days=7)
    single = {
        "course-course": str(advanced),
        "course-due_date": due.isoformat(),
        "course-reason": "Wants the advanced skills",
    }
    assert boss.post(f"{act(url)}/remedies/course", data=single).status_code == 302
    home = text(rep.get("/"))
    assert "Courses assigned to you" in home
    assert "Advanced" in home and due_in(due) in home
    assert "Advanced due in 7 days" in text(boss.get(f"/reports/teams/{org['east']}"))
    again = boss.post(f"{act(url)}/remedies/course", data=single)
    assert again.status_code == 422  # already assigned: no longer offered
    assert basics  # basics stays completed and is offered for a single assignment
    assert f'value="{basics}"' in text(boss.get(url))


def test_reassigning_a_removed_path_puts_the_rep_back(app, org):
    boss = signed_in_client(app, "boss@example.com")
    url = rep_url(org, "east", "ana")
    with app.app_context():
        enrollment = db.session.scalar(
            select(Enrollment.id).where(Enrollment.user_id == org["ana"])
        )
    boss.post(
        f"{act(url)}/remedies/remove-path",
        data={"remove-enrollment": str(enrollment), "remove-reason": "Paused"},
    )
    response = boss.post(
        f"/teams/{org['east']}/assign", data={"path": "starter", "rep": str(org["ana"])}
    )
    assert response.status_code == 302
    assert "Starter path" in text(signed_in_client(app, "ana@example.com").get("/"))


def test_wrong_choices_are_refused_without_storing_anything(app, org):
    boss = signed_in_client(app, "boss@example.com")
    url = rep_url(org, "east", "ana")
    for endpoint, data in [
        ("module", {**module_form(app), "module-module": "99999"}),
        ("module", {**module_form(app), "module-count": "0"}),
        ("due-date", {"due-target": "path:99999", "due-new_date": "2999-01-01", "due-reason": "x"}),
        ("remove-path", {"remove-enrollment": "99999", "remove-reason": "x"}),
        ("course", {"course-course": "abc", "course-due_date": "soon", "course-reason": "x"}),
    ]:
        assert boss.post(f"{act(url)}/remedies/{endpoint}", data=data).status_code == 422
    assert remedies(app) == []
