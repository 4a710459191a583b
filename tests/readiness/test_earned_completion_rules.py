"""The course-state rules once a course is completed and then gains modules (Flask-free)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from lms.progress.readiness import CourseFacts, PathFacts, Status, assess_path
from lms.progress.states import CourseStatus, course_status

TODAY = date(2026, 11, 20)
LONG_AGO = TODAY - timedelta(days=40)


@pytest.mark.parametrize(
    ("done", "earned", "new_due", "expected"),
    [
        (3, False, None, CourseStatus.OVERDUE),  # never completed: the new module is owed
        (3, True, None, CourseStatus.COMPLETE),  # completed: the new module is optional
        (3, True, TODAY + timedelta(days=14), CourseStatus.NEW_MATERIAL),
        (3, True, TODAY, CourseStatus.NEW_MATERIAL),  # due today is not late yet
        (3, True, TODAY - timedelta(days=1), CourseStatus.OVERDUE),
        (4, True, TODAY - timedelta(days=1), CourseStatus.COMPLETE),  # new material done
    ],
)
def test_completed_stays_completed_unless_new_material_is_required(done, earned, new_due, expected):
    status = course_status(done, 4, True, LONG_AGO, TODAY, earned, new_due)
    assert status is expected


def facts(earned: bool, new_due: date | None = None) -> PathFacts:
    courses = (
        CourseFacts(1, "Basics", LONG_AGO, 4, 3, 3, earned=earned, new_material_due=new_due),
        CourseFacts(2, "Advanced", LONG_AGO, 1, 1, 1, earned=True),
    )
    last = datetime.combine(TODAY - timedelta(days=30), datetime.min.time(), tzinfo=UTC)
    return PathFacts("Starter", LONG_AGO - timedelta(days=10), courses, 180, 2, 2, last)


def test_an_earned_path_stays_ready_with_optional_new_modules():
    result = assess_path(facts(earned=True), TODAY)
    assert result.status is Status.READY
    assert result.reason.startswith(
        "Path complete: 4 of 5 modules done; 1 new module added since completion, optional"
    )


def test_required_new_material_is_on_track_until_its_date():
    result = assess_path(facts(earned=True, new_due=TODAY + timedelta(days=3)), TODAY)
    assert result.status is Status.ON_TRACK
    assert result.reason == "New material since completion: Basics, 1 new module due in 3 days"


def test_required_new_material_past_its_date_is_overdue():
    result = assess_path(facts(earned=True, new_due=TODAY - timedelta(days=2)), TODAY)
    assert result.status is Status.OVERDUE
    assert result.reason.startswith("New material in Basics was due 2 days ago")


def test_without_earned_completion_the_course_is_overdue():
    result = assess_path(facts(earned=False), TODAY)
    assert result.status is Status.OVERDUE
    assert result.reason.startswith("Basics was due 40 days ago")
