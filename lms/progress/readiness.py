"""A rep's readiness status on a path, with its reason in plain words (docs/readiness.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from math import floor

from lms.progress.states import CourseStatus, course_status

INACTIVE_DAYS = 7  # no activity for this many days puts an unfinished rep at risk
PACE_SLACK = 1  # modules a rep may lag behind the pace before being at risk


class Status(StrEnum):
    READY = "ready"
    OVERDUE = "overdue"
    CERTIFICATION_EXPIRED = "certification expired"
    AT_RISK = "at risk"
    ON_TRACK = "on track"
    NOT_STARTED = "not started"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# Most urgent first: a rep on several paths shows the status of the path that needs a look.
URGENCY = (
    Status.OVERDUE,
    Status.CERTIFICATION_EXPIRED,
    Status.AT_RISK,
    Status.ON_TRACK,
    Status.NOT_STARTED,
    Status.READY,
)


@dataclass(slots=True)
class CourseFacts:
    """One course of a rep's path: what is due when, and how much is done."""

    course_id: int
    title: str
    due_date: date | None
    total: int
    done: int = 0
    started: int = 0
    earned: bool = False  # completed once: modules added since do not take it back
    new_material_due: date | None = None  # set when those modules are required, by then

    @property
    def complete(self) -> bool:
        return self.done >= self.total or (self.earned and self.new_material_due is None)

    @property
    def new_modules(self) -> int:
        """Modules added since the rep completed the course, not done yet."""
        return max(self.total - self.done, 0) if self.earned else 0

    @property
    def due(self) -> date | None:
        """The date that counts now: the new material's once completed, else the course's."""
        if self.earned and self.new_material_due is not None and not self.complete:
            return self.new_material_due
        return self.due_date

    def status(self, today: date) -> CourseStatus:
        """The same states the rep sees on their own page (lms.progress.states.course_status)."""
        return course_status(
            self.done,
            self.total,
            bool(self.started),
            self.due_date,
            today,
            self.earned,
            self.new_material_due,
        )


@dataclass(slots=True)
class PathFacts:
    """Everything the rules need about one rep on one path."""

    path_title: str
    start_date: date
    courses: tuple[CourseFacts, ...]
    score_sum: int = 0
    score_count: int = 0
    attempts: int = 0
    last_activity: datetime | None = None
    locked_out: tuple[str, ...] = ()  # quiz modules out of attempts without a pass
    # "Certified Starter expired on 4 Jan 2028": set by lms.certification.readiness.
    certification_expired: str | None = None
    fading: str | None = None  # "Knowledge fading: ..." from boost answers (issue 16)


@dataclass
class PathReadiness:
    facts: PathFacts
    status: Status
    reason: str
    expected_done: int

    @property
    def done(self) -> int:
        return sum(c.done for c in self.facts.courses)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.facts.courses)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _modules(n: int) -> str:
    return "1 new module" if n == 1 else f"{n} new modules"


def _due_in(n: int) -> str:
    return "due today" if n == 0 else "due tomorrow" if n == 1 else f"due in {n} days"


def expected_done(facts: PathFacts, today: date) -> int:
    """Modules the due dates imply by today: each course spread evenly up to its due date."""
    expected = 0.0
    window_start = facts.start_date
    for course in facts.courses:
        if course.earned:
            # Completed once: new material is judged by its own date, not by the pace.
            expected += course.done
            continue
        due = course.due_date or window_start
        if today >= due:
            expected += course.total
        elif today > window_start:
            expected += course.total * (today - window_start).days / (due - window_start).days
        window_start = max(window_start, due)
    return floor(expected)


def assess_path(facts: PathFacts, today: date) -> PathReadiness:
    """Ready, Overdue, Not started, At risk or On track, first rule that applies wins."""
    done = sum(c.done for c in facts.courses)
    total = sum(c.total for c in facts.courses)
    expected = expected_done(facts, today)

    def result(status: Status, reason: str) -> PathReadiness:
        return PathReadiness(facts, status, reason, expected)

    progress = f"{done} of {total} modules done"
    if all(c.complete for c in facts.courses) and facts.certification_expired:
        return result(Status.CERTIFICATION_EXPIRED, facts.certification_expired)
    if all(c.complete for c in facts.courses) and facts.fading:
        return result(Status.AT_RISK, f"{facts.fading}; path complete")
    if all(c.complete for c in facts.courses):
        average = average_score(facts.score_sum, facts.score_count)
        score = f"; average best score {average}%" if average is not None else ""
        optional = sum(c.new_modules for c in facts.courses)
        if optional:
            extra = f"; {_modules(optional)} added since completion, optional"
            return result(Status.READY, f"Path complete: {progress}{extra}{score}")
        return result(Status.READY, f"Path complete: all {total} modules done{score}")
    overdue = [c for c in facts.courses if c.status(today) is CourseStatus.OVERDUE]
    if overdue:
        first = overdue[0]
        what = f"New material in {first.title}" if first.earned else first.title
        reason = (
            f"{what} was due {_days((today - first.due).days)} ago; "
            f"{first.done} of {first.total} modules done"
        )
        if len(overdue) > 1:
            reason += f"; {len(overdue) - 1} more course{'s' if len(overdue) > 2 else ''} overdue"
        return result(Status.OVERDUE, reason)
    fresh = [c for c in facts.courses if c.status(today) is CourseStatus.NEW_MATERIAL]
    if fresh and all(c.complete or c in fresh for c in facts.courses):
        first = fresh[0]
        reason = (
            f"New material since completion: {first.title}, {_modules(first.new_modules)} "
            f"{_due_in((first.due - today).days)}"
        )
        return result(Status.ON_TRACK, reason)
    upcoming = next((c for c in facts.courses if not c.complete and c.due), None)
    next_due = f"; {upcoming.title} {_due_in((upcoming.due - today).days)}" if upcoming else ""
    since_start = (today - facts.start_date).days
    last = facts.last_activity
    idle = since_start if last is None else (today - last.date()).days
    if since_start < 0:
        return result(Status.NOT_STARTED, f"Starts in {_days(-since_start)}{next_due}")
    if facts.last_activity is None and idle < INACTIVE_DAYS:
        started = "today" if since_start == 0 else f"{_days(since_start)} ago"
        return result(Status.NOT_STARTED, f"Started {started}; no module opened yet{next_due}")
    risks = [f"out of attempts on the “{title}” quiz without a pass" for title in facts.locked_out]
    if idle >= INACTIVE_DAYS:
        if facts.last_activity is None:
            risks.append(f"no activity in the {_days(idle)} since the start")
        else:
            risks.append(f"no activity for {_days(idle)}")
    if facts.fading:
        risks.append(facts.fading)
    if done + PACE_SLACK < expected:
        risks.append(f"behind pace: {progress}, {expected} expected by today")
    elif risks:
        risks.append(progress)
    if risks:
        reason = "; ".join(risks)
        return result(Status.AT_RISK, reason[0].upper() + reason[1:])
    return result(Status.ON_TRACK, f"{progress[0].upper()}{progress[1:]}{next_due}")


def average_score(total: int, count: int) -> int | None:
    return round(total / count) if count else None


@dataclass
class RepReadiness:
    """A rep across their paths: the most urgent path decides the status and the reason.

    Built once and never changed, so the figures a page reads many times are computed once.
    """

    paths: list[PathReadiness] = field(default_factory=list)
    today: date = field(kw_only=True)  # the organisation's today (lms.clock), passed in
    start_date: date | None = None

    @cached_property
    def deciding(self) -> PathReadiness | None:
        if not self.paths:
            return None
        return min(self.paths, key=lambda p: URGENCY.index(p.status))

    @property
    def status(self) -> Status:
        deciding = self.deciding
        return deciding.status if deciding else Status.NOT_STARTED

    @property
    def reason(self) -> str:
        deciding = self.deciding
        if deciding is None:
            return "No path assigned yet"
        if len(self.paths) > 1:
            return f"{deciding.facts.path_title}: {deciding.reason}"
        return deciding.reason

    @cached_property
    def done(self) -> int:
        return sum(p.done for p in self.paths)

    @cached_property
    def total(self) -> int:
        return sum(p.total for p in self.paths)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @cached_property
    def courses(self) -> list[CourseFacts]:
        return [c for p in self.paths for c in p.facts.courses]

    @property
    def courses_done(self) -> int:
        return sum(1 for c in self.courses if c.complete)

    @cached_property
    def overdue(self) -> int:
        return sum(1 for c in self.courses if c.status(self.today) is CourseStatus.OVERDUE)

    @property
    def average_score(self) -> int | None:
        return average_score(
            sum(p.facts.score_sum for p in self.paths),
            sum(p.facts.score_count for p in self.paths),
        )

    @property
    def attempts(self) -> int:
        return sum(p.facts.attempts for p in self.paths)

    @property
    def last_activity(self) -> datetime | None:
        return max(
            (p.facts.last_activity for p in self.paths if p.facts.last_activity), default=None
        )

    @property
    def days_since_start(self) -> int | None:
        starts = [p.facts.start_date for p in self.paths] or (
            [self.start_date] if self.start_date else []
        )
        return (self.today - min(starts)).days if starts else None


def assess_rep(
    paths: list[PathFacts], today: date, start_date: date | None = None, fading: str | None = None
) -> RepReadiness:
    """Assess each of a rep's paths; the rep's status is the most urgent of them."""
    for facts in paths:
        facts.fading = fading  # retention is the rep's, so it weighs on every path
    return RepReadiness([assess_path(p, today) for p in paths], start_date, today=today)


def disagrees(status: Status, verdict: str | None) -> bool:
    """True when the manager's latest judgement and the data point different ways."""
    if verdict is None:
        return False
    return (verdict == "ready") != (status is Status.READY)
