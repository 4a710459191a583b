"""Load what the rep's pages show, in a fixed number of statements.

One more the first time a course version's outline is read in a process (lms.catalog.outlines).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from flask import current_app
from sqlalchemy import Row, and_, select
from sqlalchemy.orm import Session, contains_eager

from lms.catalog.outlines import outline_cache
from lms.models import (
    Attempt,
    Course,
    CourseRecord,
    Enrollment,
    LearningPath,
    Module,
    ModuleProgress,
    PathCourse,
    User,
)
from lms.progress.states import (
    CourseRecordFacts,
    CourseState,
    CourseSummary,
    EnrollmentSummary,
    PathState,
    PathSummary,
    ProgressFacts,
    build_course_states,
    course_due,
)


def _with_prerequisites(
    session: Session, courses: list[Course | CourseSummary]
) -> list[Course | CourseSummary]:
    """Add the live courses that the given ones name as prerequisites."""
    known = {c.slug for c in courses}
    wanted = {slug for c in courses for slug in c.prerequisites} - known
    if not wanted:
        return courses
    extra = session.scalars(
        select(Course).where(Course.slug.in_(wanted), Course.retired_at.is_(None))
    ).all()
    return [*courses, *extra]


# The user's progress on each module of the courses: the modules come from their outlines.
PROGRESS_FACTS = (
    ModuleProgress.module_id,
    ModuleProgress.started_at,
    ModuleProgress.completed_at,
    ModuleProgress.best_score,
    ModuleProgress.attempts,
    ModuleProgress.last_activity_at,
    ModuleProgress.extra_attempts,
)

# A rep's own facts per course: completion earned, own due date, direct assignment.
RECORD_FACTS = (
    CourseRecord.course_id,
    CourseRecord.completed_at,
    CourseRecord.due_date,
    CourseRecord.new_material_due,
    CourseRecord.assigned_at,
)

# The pseudo path that holds the courses assigned to a rep on their own.
ASSIGNED = PathSummary(0, "assigned-courses", "Courses assigned to you")


def course_records(session: Session, user: User) -> dict[int, CourseRecordFacts]:
    """The user's course records by course id: one statement."""
    return _records_and_courses(session, user)[0]


def _records_and_courses(
    session: Session, user: User
) -> tuple[dict[int, CourseRecordFacts], list[CourseSummary]]:
    """The user's course records, and the live courses assigned on their own: one statement."""
    rows = session.execute(
        select(*RECORD_FACTS, Course.slug, Course.title, Course.prerequisites, Course.version)
        .outerjoin(Course, and_(Course.id == CourseRecord.course_id, Course.retired_at.is_(None)))
        .where(CourseRecord.user_id == user.id)
        .order_by(CourseRecord.assigned_at, CourseRecord.id)
    ).all()
    records = {row.course_id: CourseRecordFacts(*row[:5]) for row in rows}
    single = [
        CourseSummary(row.course_id, *row[5:])
        for row in rows
        if row.assigned_at is not None and row.slug is not None
    ]
    return records, single


def _course_states(
    session: Session,
    user: User,
    courses: list[Course | CourseSummary],
    today: date,
    due: dict[int, date],
    records: dict[int, CourseRecordFacts],
) -> dict[str, CourseState]:
    """Modules and the user's progress for the courses, as states by slug."""
    courses = _with_prerequisites(session, courses)
    outlines = outline_cache(current_app).modules(session, courses)
    progress = {
        row.module_id: ProgressFacts(*row[1:])
        for row in session.execute(
            select(*PROGRESS_FACTS)
            .join(Module, Module.id == ModuleProgress.module_id)
            .where(
                ModuleProgress.user_id == user.id,
                Module.course_id.in_([c.id for c in courses]),
            )
        )
    }
    modules = [module for c in courses for module in outlines[c.id]]
    return build_course_states(courses, modules, progress, today, due, records)


# Enrolments with their paths' live courses, as rows: the home page shows a card per course.
PATH_COURSES = (
    Enrollment.id.label("enrollment_id"),
    Enrollment.start_date,
    Enrollment.extra_days,
    LearningPath.id.label("path_id"),
    LearningPath.slug.label("path_slug"),
    LearningPath.title.label("path_title"),
    PathCourse.due_day,
    Course.id.label("course_id"),
    Course.slug.label("course_slug"),
    Course.title.label("course_title"),
    Course.prerequisites.label("course_prerequisites"),
    Course.version.label("course_version"),
)


def load_paths(session: Session, user: User, today: date) -> list[PathState]:
    """The user's live paths, then their single courses, each course with state and due date."""
    # One statement for the enrolments and their paths' live courses; outer joins keep an
    # enrolment whose path has no live course left. A path the rep was taken off is skipped.
    rows = session.execute(
        select(*PATH_COURSES)
        .join(Enrollment.path)
        .outerjoin(PathCourse, PathCourse.path_id == Enrollment.path_id)
        .outerjoin(Course, and_(Course.id == PathCourse.course_id, Course.retired_at.is_(None)))
        .where(
            Enrollment.user_id == user.id,
            Enrollment.removed_at.is_(None),
            LearningPath.retired_at.is_(None),
        )
        .order_by(Enrollment.start_date, Enrollment.id, PathCourse.position)
    ).all()
    records, single = _records_and_courses(session, user)
    if not rows and not single:
        return []
    courses = {
        r.course_id: CourseSummary(
            r.course_id, r.course_slug, r.course_title, r.course_prerequisites, r.course_version
        )
        for r in rows
        if r.course_id is not None
    }
    for course in single:
        courses.setdefault(course.id, course)
    states = _course_states(session, user, list(courses.values()), today, {}, records)
    paths: dict[int, PathState] = {}
    for r in rows:
        path = paths.get(r.enrollment_id)
        if path is None:
            enrollment = EnrollmentSummary(r.enrollment_id, r.start_date)
            path = PathState(PathSummary(r.path_id, r.path_slug, r.path_title), enrollment, [])
            paths[r.enrollment_id] = path
        if r.course_id is None:
            continue
        due = course_due(r.start_date, r.due_day, r.extra_days, records.get(r.course_id))
        path.courses.append(_on_path(states[r.course_slug], due, today))
    result = list(paths.values())
    if single:
        start = min(records[c.id].assigned_at.date() for c in single)
        assigned = PathState(ASSIGNED, EnrollmentSummary(0, start), [])
        for course in single:
            due = course_due(start, None, 0, records[course.id])
            assigned.courses.append(_on_path(states[course.slug], due, today))
        result.append(assigned)
    return result


def _on_path(base: CourseState, due: date | None, today: date) -> CourseState:
    """A course's state with the due date it has on one path."""
    return replace(base, due_date=due, today=today)


def earliest_due_dates(
    session: Session, user: User, records: dict[int, CourseRecordFacts]
) -> dict[int, date]:
    """For each course on the user's paths or assigned to them, the earliest date it is due."""
    rows = session.execute(
        select(
            PathCourse.course_id, PathCourse.due_day, Enrollment.start_date, Enrollment.extra_days
        )
        .join(Enrollment, Enrollment.path_id == PathCourse.path_id)
        .where(Enrollment.user_id == user.id, Enrollment.removed_at.is_(None))
    ).all()
    due: dict[int, date] = {
        r.course_id: r.due_date
        for r in records.values()
        if r.assigned_at is not None and r.due_date is not None
    }
    for course_id, due_day, start, extra_days in rows:
        when = course_due(start, due_day, extra_days, records.get(course_id))
        if course_id not in due or when < due[course_id]:
            due[course_id] = when
    return due


def load_course_state(
    session: Session, user: User, course: Course, today: date, with_due_date: bool = True
) -> CourseState:
    """One course with its modules, the user's progress, its due date and its locks.

    Pages that show neither the due date nor the course's status skip its query.
    """
    records = course_records(session, user)
    due = earliest_due_dates(session, user, records) if with_due_date else {}
    return _course_states(session, user, [course], today, due, records)[course.slug]


def load_module_course_state(
    session: Session, user: User, course: Course, today: date
) -> CourseState:
    """Enough of a course to check its locks and show one of its modules: no due date."""
    return load_course_state(session, user, course, today, with_due_date=False)


def live_course(session: Session, slug: str) -> Course | None:
    """A course that is not retired nor a draft, by slug."""
    return session.scalar(
        select(Course).where(
            Course.slug == slug, Course.retired_at.is_(None), Course.draft.is_(False)
        )
    )


def live_course_module(session: Session, course_slug: str, slug: str) -> Module | None:
    """A live module of a live course, by both slugs, with its course: one statement."""
    return session.scalar(
        select(Module)
        .join(Module.course)
        .options(contains_eager(Module.course))
        .where(
            Course.slug == course_slug,
            Course.retired_at.is_(None),
            Course.draft.is_(False),
            Module.slug == slug,
            Module.retired_at.is_(None),
        )
    )


ATTEMPTS_SHOWN = 10


def recent_attempts(session: Session, user: User, module: Module) -> list[Row]:
    """The user's latest attempts at a module's quiz, newest first, at most ATTEMPTS_SHOWN.

    Rows with id, number, submitted_at, score and passed: the snapshot stays in the database.
    An attempt's number counts every attempt, so the first row's number is the total.
    """
    return list(
        session.execute(
            select(Attempt.id, Attempt.number, Attempt.submitted_at, Attempt.score, Attempt.passed)
            .where(Attempt.user_id == user.id, Attempt.module_id == module.id)
            .order_by(Attempt.number.desc())
            .limit(ATTEMPTS_SHOWN)
        )
    )
