"""Where a rep stands on courses and paths: plain rules over loaded rows, no queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from lms.models import Course, Enrollment, LearningPath, Module, ModuleProgress


def percent_done(complete: bool, done: int, total: int) -> int:
    """Percent of modules done; 100 once complete, or when there is nothing to do."""
    if complete:
        return 100
    return round(100 * done / total) if total else 100


class ModuleSummary(NamedTuple):
    """What progress views read of a module: a row of outlines.MODULE_SUMMARY.

    A Module has the same attributes, so views that hold one pass it where this is asked.
    """

    id: int
    course_id: int
    slug: str
    title: str
    position: int
    estimated_minutes: int
    max_attempts: int
    has_quiz: bool


class CourseStatus(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"
    OVERDUE = "overdue"
    NEW_MATERIAL = "new material"  # completed, and modules added since are required


def course_status(
    done: int,
    total: int,
    started: bool,
    due: date | None,
    today: date,
    earned: bool = False,
    new_material_due: date | None = None,
) -> CourseStatus:
    """One rule for the rep's page and the manager's: completion, once earned, stays earned.

    Modules added after completion are optional unless new_material_due is set; then they
    are due by that date, and the course reads "new material" until then, never "overdue".
    """
    if done >= total:
        return CourseStatus.COMPLETE
    if earned:
        if new_material_due is None:
            return CourseStatus.COMPLETE
        return CourseStatus.OVERDUE if new_material_due < today else CourseStatus.NEW_MATERIAL
    if due is not None and due < today:
        return CourseStatus.OVERDUE
    return CourseStatus.IN_PROGRESS if started else CourseStatus.NOT_STARTED


@dataclass(frozen=True, slots=True)
class CourseSummary:
    """What progress views read of a course on a path (a Course serves too)."""

    id: int
    slug: str
    title: str
    prerequisites: list[str]
    version: int  # names the course's module outline (lms.catalog.outlines)


@dataclass(frozen=True, slots=True)
class PathSummary:
    """What progress views read of a learning path (a LearningPath serves too)."""

    id: int
    slug: str
    title: str


@dataclass(frozen=True, slots=True)
class EnrollmentSummary:
    """What progress views read of an enrolment (an Enrollment serves too)."""

    id: int
    start_date: date


@dataclass(frozen=True)
class ProgressFacts:
    """A rep's progress on one module, as read alongside the module (lms.progress.queries)."""

    started_at: datetime
    completed_at: datetime | None
    best_score: int | None
    attempts: int
    last_activity_at: datetime
    extra_attempts: int = 0


@dataclass(frozen=True, slots=True)
class CourseRecordFacts:
    """A rep's own facts on one course (lms.models.CourseRecord), as the rules read them."""

    course_id: int
    completed_at: datetime | None
    due_date: date | None
    new_material_due: date | None
    assigned_at: datetime | None = None


@dataclass
class ModuleState:
    module: ModuleSummary
    progress: ModuleProgress | ProgressFacts | None

    @property
    def done(self) -> bool:
        return self.progress is not None and self.progress.completed_at is not None

    @property
    def started(self) -> bool:
        return self.progress is not None

    @property
    def best_score(self) -> int | None:
        return self.progress.best_score if self.progress else None

    @property
    def attempts(self) -> int:
        return self.progress.attempts if self.progress else 0

    @property
    def allowed_attempts(self) -> int:
        """Attempts the rep may use: the module's limit plus any granted; 0 means no limit."""
        if not self.module.max_attempts:
            return 0
        extra = self.progress.extra_attempts if self.progress else 0
        return self.module.max_attempts + extra

    @property
    def attempts_used_up(self) -> bool:
        """Every allowed attempt used: the quiz takes no more."""
        allowed = self.allowed_attempts
        return bool(allowed) and self.attempts >= allowed

    @property
    def out_of_attempts(self) -> bool:
        """Every allowed attempt used without a pass: the rep is stuck until a manager helps."""
        return self.attempts_used_up and not self.done

    @property
    def label(self) -> str:
        """Done, In progress or Not started, as the course page lists it."""
        if self.done:
            return "Done"
        return "In progress" if self.started else "Not started"


@dataclass
class CourseState:
    course: Course | CourseSummary
    modules: list[ModuleState]
    due_date: date | None = None
    locked_by: list[Course | CourseSummary] = field(default_factory=list)
    prerequisites: list[CourseState] = field(default_factory=list)
    today: date = field(kw_only=True)  # the organisation's today (lms.clock), passed in
    earned_at: datetime | None = None  # when the rep completed the course, kept for good
    new_material_due: date | None = None  # modules added since completion are due by then

    # Counted once: templates read these many times, and `modules` never changes once built.
    @cached_property
    def done_count(self) -> int:
        return sum(1 for m in self.modules if m.done)

    @property
    def total(self) -> int:
        return len(self.modules)

    @property
    def percent(self) -> int:
        return percent_done(self.complete, self.done_count, self.total)

    @property
    def complete(self) -> bool:
        return self.status is CourseStatus.COMPLETE

    @property
    def earned(self) -> bool:
        """Completed once, whatever was added since."""
        return self.earned_at is not None or self.done_count >= self.total

    @property
    def new_modules(self) -> int:
        """Modules added after the rep completed the course and not done yet."""
        return self.total - self.done_count if self.earned_at is not None else 0

    @property
    def locked(self) -> bool:
        return bool(self.locked_by)

    @cached_property
    def status(self) -> CourseStatus:
        return course_status(
            self.done_count,
            self.total,
            any(m.started for m in self.modules),
            self.due_date,
            self.today,
            self.earned_at is not None,
            self.new_material_due,
        )

    @property
    def next_module(self) -> ModuleSummary | None:
        """The first module not yet done, in order."""
        return next((m.module for m in self.modules if not m.done), None)

    def module_state(self, module: Module) -> ModuleState:
        """The state of one of this course's modules."""
        return next(m for m in self.modules if m.module.id == module.id)

    @property
    def minutes_left(self) -> int:
        return sum(m.module.estimated_minutes for m in self.modules if not m.done)


@dataclass
class PathState:
    path: LearningPath | PathSummary
    enrollment: Enrollment | EnrollmentSummary
    courses: list[CourseState]

    @cached_property
    def done_count(self) -> int:
        return sum(c.done_count for c in self.courses)

    @cached_property
    def total(self) -> int:
        return sum(c.total for c in self.courses)

    @property
    def percent(self) -> int:
        return percent_done(self.complete, self.done_count, self.total)

    @property
    def complete(self) -> bool:
        return all(c.complete for c in self.courses)

    @property
    def next_step(self) -> tuple[CourseState, ModuleSummary] | None:
        """Where "Continue" leads: the first unfinished module of the first open course."""
        for state in self.courses:
            if not state.complete and not state.locked and state.next_module:
                return state, state.next_module
        return None


def due_date(start: date, due_day: int, extra_days: int = 0) -> date:
    """A course is due due_day days after the rep's start date, plus any extension."""
    return start + timedelta(days=due_day + extra_days)


def course_due(
    start: date, due_day: int | None, extra_days: int, record: CourseRecordFacts | None
) -> date | None:
    """A course's due date: the rep's own date for the course wins over the path's.

    A course assigned on its own has no path (due_day None): only its own date counts.
    """
    if record is not None and record.due_date is not None:
        return record.due_date
    return None if due_day is None else due_date(start, due_day, extra_days)


def build_course_states(
    courses: list[Course | CourseSummary],
    modules: list[ModuleSummary],
    progress: dict[int, ModuleProgress | ProgressFacts],
    today: date,
    due_dates: dict[int, date] | None = None,
    records: dict[int, CourseRecordFacts] | None = None,
) -> dict[str, CourseState]:
    """Course states by slug; `courses` must include every prerequisite that exists."""
    by_course: dict[int, list[ModuleState]] = {c.id: [] for c in courses}
    for module in modules:
        if module.course_id in by_course:
            by_course[module.course_id].append(ModuleState(module, progress.get(module.id)))
    records = records or {}
    states = {}
    for c in courses:
        record = records.get(c.id)
        states[c.slug] = CourseState(
            c,
            by_course[c.id],
            (due_dates or {}).get(c.id),
            today=today,
            earned_at=record.completed_at if record else None,
            new_material_due=record.new_material_due if record else None,
        )
    for state in states.values():
        # A prerequisite that was retired or never imported locks nothing; one completed
        # once unlocks for good, whatever modules it gained since.
        state.prerequisites = [states[s] for s in state.course.prerequisites if s in states]
        state.locked_by = [p.course for p in state.prerequisites if not p.earned]
    return states
