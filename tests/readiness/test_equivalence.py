"""The dashboard's readiness and the rep detail's agree for every rep of a seeded organisation.

The dashboard reads a whole team in a fixed number of statements; the rep detail reads one
rep. Both must give each rep the same status, reason and figures on any day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select, update

from lms.cli.seed import seed_demo
from lms.cli.seed_org import seed_organisation
from lms.db import db
from lms.models import (
    Course,
    CourseRecord,
    Enrollment,
    LearningPath,
    Module,
    ModuleProgress,
    PathCourse,
    Role,
    Team,
    User,
)
from lms.progress.detail import load_rep_detail
from lms.reports.queries import load_teams
from tests.conftest import SHIPPED_COURSES, build_app, drop_app, import_folder

SEEDED_ON = date(2026, 3, 2)
REPS = 300
# The start of the seeded spread, mid-ramp, after most due dates, and far beyond.
DAYS = [
    SEEDED_ON - timedelta(days=400),
    SEEDED_ON - timedelta(days=20),
    SEEDED_ON,
    SEEDED_ON + timedelta(days=45),
    SEEDED_ON + timedelta(days=400),
]


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _vary(session) -> None:
    """What remedies and content changes leave behind, spread over the seeded reps."""
    reps = session.scalars(
        select(User).where(User.role == Role.REP, User.active).order_by(User.id)
    ).all()
    academy = session.scalars(
        select(Course)
        .join(PathCourse, PathCourse.course_id == Course.id)
        .join(LearningPath, LearningPath.id == PathCourse.path_id)
        .where(LearningPath.slug == "sales-academy")
        .order_by(PathCourse.position)
    ).all()
    quizzes = session.scalars(
        select(Module).where(Module.max_attempts > 0).order_by(Module.id)
    ).all()
    for i, rep in enumerate(reps):
        enrollments = session.scalars(
            select(Enrollment).where(Enrollment.user_id == rep.id).order_by(Enrollment.id)
        ).all()
        path_courses = [link.course_id for e in enrollments for link in e.path.courses]
        if i % 11 == 0 and enrollments:
            enrollments[0].extra_days = 5 + i % 7  # a whole path moved
        if i % 13 == 0 and path_courses:
            # One course due on the rep's own date.
            session.add(
                CourseRecord(
                    user_id=rep.id,
                    course_id=path_courses[i % len(path_courses)],
                    due_date=SEEDED_ON + timedelta(days=i % 30 - 10),
                )
            )
        if i % 17 == 0:
            # A course assigned on its own, when it is on none of the rep's paths.
            course = next((c for c in academy if c.id not in path_courses), None)
            if course is not None:
                session.add(
                    CourseRecord(
                        user_id=rep.id,
                        course_id=course.id,
                        assigned_at=_at(SEEDED_ON - timedelta(days=i % 20)),
                        due_date=SEEDED_ON + timedelta(days=i % 20 - 5),
                    )
                )
        if i % 19 == 0 and path_courses:
            # Completion earned once; new required material since, due by a date.
            session.add(
                CourseRecord(
                    user_id=rep.id,
                    course_id=path_courses[-1],
                    completed_at=_at(SEEDED_ON - timedelta(days=30)),
                    completed_version=1,
                    new_material_due=SEEDED_ON + timedelta(days=i % 9 - 4) if i % 2 else None,
                )
            )
        if i % 7 == 0 and quizzes:
            # Out of attempts on a quiz without a pass, sometimes granted more.
            module = quizzes[i % len(quizzes)]
            session.merge(
                ModuleProgress(
                    user_id=rep.id,
                    module_id=module.id,
                    started_at=_at(SEEDED_ON - timedelta(days=3)),
                    completed_at=None,
                    best_score=40,
                    attempts=module.max_attempts,
                    last_activity_at=_at(SEEDED_ON - timedelta(days=3)),
                    extra_attempts=1 if i % 14 == 0 else 0,
                )
            )
        if i % 23 == 0 and len(enrollments) > 1:
            enrollments[-1].removed_at = _at(SEEDED_ON)  # taken off a path
    # A retired module some reps had done: it counts on neither side.
    session.execute(
        update(Module)
        .where(Module.id == academy[0].modules[0].id)
        .values(retired_at=_at(SEEDED_ON))
    )


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """An organisation of about 300 reps with varied progress, seeded once for the module."""
    app = build_app(tmp_path_factory.mktemp("equivalence"))
    import_folder(app, SHIPPED_COURSES)
    with app.app_context():
        seed_demo(SEEDED_ON)
        seed_organisation(REPS, today=SEEDED_ON)
        with db.writing() as session:
            _vary(session)
    yield app
    drop_app(app)


def _dashboard_view(row, today: date) -> dict:
    readiness = row.readiness
    return {
        "status": readiness.status,
        "reason": readiness.reason,
        "percent": readiness.percent,
        "done": readiness.done,
        "total": readiness.total,
        "courses done": readiness.courses_done,
        "overdue": readiness.overdue,
        "average score": readiness.average_score,
        "attempts": readiness.attempts,
        "last activity": readiness.last_activity,
        "days since start": readiness.days_since_start,
        "courses": [
            (c.course_id, c.status(today), c.done, c.total, c.due) for c in readiness.courses
        ],
    }


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_dashboard_and_rep_detail_agree_for_every_rep(org, today):
    with org.app_context():
        session = db.session
        teams = session.scalars(select(Team).order_by(Team.id)).all()
        reports = load_teams(session, teams, today)
        rows = [row for report in reports.values() for row in report.rows]
        assert len(rows) >= REPS
        mismatches = []
        for row in rows:
            detail = load_rep_detail(session, row.rep, today)
            dashboard = _dashboard_view(row, today)
            detail_view = _dashboard_view(detail, today)
            if dashboard != detail_view:
                diff = {k: (v, detail_view[k]) for k, v in dashboard.items() if v != detail_view[k]}
                mismatches.append((row.rep.email, diff))
        assert not mismatches, (len(mismatches), mismatches[:3])
        # The reps spread over the statuses, so the comparison means something.
        assert len({row.readiness.status for row in rows}) >= 2


def test_seeded_attempts_are_scored_as_the_quiz_scores_them(org):
    """The seeding once rounded a wrong attempt's score its own way, not as grading does."""
    from lms.assessment.record import read
    from lms.content.grading import score_percent
    from lms.models import Attempt

    with org.app_context():
        attempts = db.session.execute(select(Attempt.score, Attempt.snapshot).limit(2000)).all()
    assert attempts
    for score, snapshot in attempts:
        answered = read(snapshot)
        assert score == score_percent(answered.right, len(list(answered))), snapshot
