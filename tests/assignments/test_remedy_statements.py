"""Course records and remedies add a fixed number of statements, whatever their number."""

from datetime import date, timedelta

from sqlalchemy import select

from lms import clock
from lms.db import db
from lms.models import Course, CourseRecord, Remediation, RemedyKind, User
from tests.conftest import count_statements
from tests.reports.conftest import add_reps, team_id
from tests.reports.conftest import atlas as atlas  # noqa: PLC0414 - the fixture, used by name


def give_records(app, rep_ids, actor_email="ada@example.com") -> None:
    """Each rep: a single course assigned and a remedy logged."""
    with app.app_context(), db.writing() as session:
        actor = session.scalar(select(User.id).where(User.email == actor_email))
        course = session.scalar(select(Course.id).where(Course.slug == "advanced"))
        for rep_id in rep_ids:
            session.add(
                CourseRecord(
                    user_id=rep_id,
                    course_id=course,
                    assigned_at=clock.now(),
                    due_date=date.today() + timedelta(days=3),
                    completed_at=clock.now(),
                )
            )
            session.add(
                Remediation(
                    rep_id=rep_id,
                    actor_id=actor,
                    kind=RemedyKind.ASSIGN_COURSE,
                    summary="assigned the course Advanced",
                    reason="test",
                    course_id=course,
                )
            )


def statements_for(client, url: str) -> int:
    with count_statements(client.application) as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_dashboard_and_rep_detail_do_not_grow_with_records(client, auth, atlas):
    app = client.application
    small = add_reps(app, 3, team="Small", prefix="small")
    large = add_reps(app, 30, team="Large", prefix="large")
    give_records(app, small)
    give_records(app, large)
    auth.login("ada@example.com")
    assert statements_for(client, f"/reports/teams/{team_id(app, 'Small')}") == statements_for(
        client, f"/reports/teams/{team_id(app, 'Large')}"
    )
    url = f"/reports/teams/{atlas['team']}/reps/{atlas['overdue']}"
    client.get(url)
    before = statements_for(client, url)
    give_records(app, [atlas["overdue"]])
    assert statements_for(client, url) == before
