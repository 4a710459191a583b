"""Each remedy a manager takes also shows on the rep's history page that admins read."""

from datetime import date, timedelta

from sqlalchemy import select

from lms.db import db
from lms.models import Course, Enrollment, UserEvent
from tests.assignments.conftest import act, module_id, rep_url
from tests.helpers.sign_in import signed_in_client


def kinds(app, user_id) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(UserEvent.kind).where(UserEvent.user_id == user_id).order_by(UserEvent.id)
            )
        )


def ids(app, org) -> tuple[int, int, int]:
    with app.app_context():
        enrollment = db.session.scalar(
            select(Enrollment.id).where(Enrollment.user_id == org["ana"])
        )
        basics = db.session.scalar(select(Course.id).where(Course.slug == "basics"))
        advanced = db.session.scalar(select(Course.id).where(Course.slug == "advanced"))
    return enrollment, basics, advanced


def test_every_remedy_is_in_the_reps_history_with_who_and_why(app, org):
    boss = signed_in_client(app, "boss@example.com")
    base = act(rep_url(org, "east", "ana"))
    enrollment, basics, advanced = ids(app, org)
    quiz = str(module_id(app, "quiz"))
    soon = date.today() + timedelta(days=9)
    later = date.today() + timedelta(days=20)
    posts = [
        (
            "module",
            {
                "module-module": quiz,
                "module-action": "extra",
                "module-count": "2",
                "module-reason": "Missed the call",
            },
        ),
        (
            "module",
            {
                "module-module": quiz,
                "module-action": "reset",
                "module-count": "1",
                "module-reason": "Start afresh",
            },
        ),
        (
            "due-date",
            {
                "due-target": f"course:{basics}",
                "due-new_date": soon.isoformat(),
                "due-reason": "On leave",
            },
        ),
        (
            "due-date",
            {
                "due-target": f"path:{enrollment}",
                "due-new_date": later.isoformat(),
                "due-reason": "New territory",
            },
        ),
        ("remove-path", {"remove-enrollment": str(enrollment), "remove-reason": "Moved"}),
        (
            "course",
            {
                "course-course": str(advanced),
                "course-due_date": soon.isoformat(),
                "course-reason": "Wants it",
            },
        ),
    ]
    before = kinds(app, org["ana"])
    for endpoint, data in posts:
        assert boss.post(f"{base}/remedies/{endpoint}", data=data).status_code == 302, endpoint
    assert kinds(app, org["ana"])[len(before) :] == [
        "attempts_granted",
        "module_reset",
        "due_date_extended",
        "due_date_extended",
        "path_removed",
        "course_assigned",
    ]

    admin = signed_in_client(app, "admin@example.com")
    page = admin.get(f"/admin/users/{org['ana']}/history").get_data(as_text=True)
    for sentence in [
        "Granted 2 more attempts at",
        "reset to start again. Reason: Start afresh",
        "Due date for course Basics set to",
        "Due date for path Starter path (last course) set to",
        "Removed from path Starter path; their history is kept. Reason: Moved",
        "Assigned the course Advanced, due",
    ]:
        assert sentence in page
    assert ">Boss</a>" in page  # who did it


def test_putting_a_removed_rep_back_on_the_path_is_recorded(app, org):
    boss = signed_in_client(app, "boss@example.com")
    enrollment, _, _ = ids(app, org)
    boss.post(
        f"{act(rep_url(org, 'east', 'ana'))}/remedies/remove-path",
        data={"remove-enrollment": str(enrollment), "remove-reason": "Paused"},
    )
    boss.post(f"/teams/{org['east']}/assign", data={"path": "starter", "rep": str(org["ana"])})
    assert kinds(app, org["ana"])[-2:] == ["path_removed", "path_assigned"]
