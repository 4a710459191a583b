"""Load a team's readiness in a fixed number of statements, whatever the team's size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from markupsafe import Markup, escape
from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from lms import clock
from lms.catalog.outlines import MODULE_SUMMARY
from lms.certification.readiness import expired_certifications, mark_expired
from lms.models import (
    Attempt,
    Course,
    CourseRecord,
    Enrollment,
    Judgement,
    LearningPath,
    Module,
    ModuleProgress,
    PathCourse,
    Role,
    Team,
    User,
)
from lms.progress.facts import ASSIGNED_TITLE
from lms.progress.queries import PROGRESS_FACTS
from lms.progress.readiness import (
    CourseFacts,
    PathFacts,
    RepReadiness,
    assess_rep,
    disagrees,
)
from lms.progress.states import (
    CourseRecordFacts,
    CourseStatus,
    ModuleState,
    ModuleSummary,
    ProgressFacts,
    course_due,
)
from lms.reinforcement.retention import fading_reasons


@dataclass
class RepRow:
    """One rep on the dashboard: the data's view and the manager's, side by side."""

    rep: User
    readiness: RepReadiness
    judgement: Judgement | None
    path_ids: set[int] = field(default_factory=set)
    # The mean first-attempt score over the quizzes tried: low beside a high best score
    # means the rep got there by retakes.
    first_attempt_average: int | None = None

    @property
    def disagrees(self) -> bool:
        verdict = self.judgement.verdict.value if self.judgement else None
        return disagrees(self.readiness.status, verdict)

    @cached_property
    def _cells(self) -> dict[int, CourseFacts]:
        return {c.course_id: c for c in self.readiness.courses}

    def cell(self, course_id: int) -> CourseFacts | None:
        """The rep's facts for one heatmap column; None when the course is not on their paths."""
        return self._cells.get(course_id)

    def heat(self, columns: list[tuple[int, str]], today: date) -> Markup:
        """The row's heatmap cells as HTML: built here, as 1,800 cells cost too much in Jinja."""
        cells = []
        for course_id, _title in columns:
            facts = self._cells.get(course_id)
            if facts is None:
                cells.append(_NO_CELL)
            else:
                cls, word = _HEAT[facts.status(today)]
                cells.append(f'<td class="heat-{cls}">{facts.done}/{facts.total} {word}</td>')
        # Safe: only ints and the fixed, escaped strings below go in.
        return Markup("".join(cells))  # nosec B704


_NO_CELL = (
    '<td class="heat-none">—<span class="visually-hidden"> not on this rep\'s paths</span></td>'
)
# Each course state's class and word, escaped once.
_HEAT = {
    state: (state.value.replace(" ", "-"), f"<small>{escape(state.value.capitalize())}</small>")
    for state in CourseStatus
}


@dataclass
class TeamReport:
    team: Team
    rows: list[RepRow]
    paths: list[LearningPath]  # every live path someone on the team is on, for the filter
    columns: list[tuple[int, str]]  # heatmap courses: (course id, title), in path order


def team_rep_ids(team: Team) -> Select:
    """The active reps of a team, as a subquery (no list of ids travels to the database)."""
    return select(User.id).where(User.team_id == team.id, User.role == Role.REP, User.active)


def load_team(
    session: Session, team: Team, today: date, path_slug: str | None = None
) -> TeamReport:
    """Every active rep of the team with their readiness, optionally on one path only."""
    return load_teams(session, [team], today, path_slug)[team.id]


def load_teams(
    session: Session, teams: list[Team], today: date, path_slug: str | None = None
) -> dict[int, TeamReport]:
    """Each team's report by team id, in the same statements whatever the number of teams."""
    if len(teams) == 1:
        rep_ids = team_rep_ids(teams[0])
    else:
        rep_ids = select(User.id).where(
            User.team_id.in_([t.id for t in teams]), User.role == Role.REP, User.active
        )
    reps = session.scalars(
        select(User).where(User.id.in_(rep_ids)).order_by(User.name, User.id)
    ).all()
    enrollments = session.execute(
        select(Enrollment.user_id, Enrollment.start_date, Enrollment.extra_days, LearningPath)
        .join(LearningPath, LearningPath.id == Enrollment.path_id)
        .where(
            Enrollment.user_id.in_(rep_ids),
            Enrollment.removed_at.is_(None),
            LearningPath.retired_at.is_(None),
        )
        .order_by(Enrollment.start_date, Enrollment.id)
    ).all()
    all_paths = {path.id: path for _user, _start, _extra, path in enrollments}
    chosen = [p.id for p in all_paths.values() if path_slug in (None, p.slug)]
    links = _path_courses(session, chosen)
    aggregates = _progress(session, rep_ids)
    locked = _locked_out(session, rep_ids)
    judgements = _latest_judgements(session, rep_ids)
    records, assigned = _course_records(session, rep_ids)
    expired = expired_certifications(session, rep_ids, today)
    fading = fading_reasons(session, rep_ids, clock.now())

    team_of = {rep.id: rep.team_id for rep in reps}
    team_paths: dict[int, dict[int, LearningPath]] = defaultdict(dict)
    by_rep: dict[int, list[PathFacts]] = defaultdict(list)
    path_ids: dict[int, set[int]] = defaultdict(set)
    for user_id, start, extra_days, path in enrollments:
        team_paths[team_of[user_id]][path.id] = path
        if path.id not in chosen:
            continue
        path_ids[user_id].add(path.id)
        facts = _path_facts(
            path.title,
            start,
            links[path.id],
            aggregates[user_id],
            locked[user_id],
            extra_days,
            records[user_id],
        )
        by_rep[user_id].append(mark_expired(facts, expired, (user_id, path.id)))
    if path_slug is None:
        # Courses assigned on their own count as one more "path" of the rep.
        for user_id, (start, courses) in assigned.items():
            by_rep[user_id].append(
                _path_facts(
                    ASSIGNED_TITLE,
                    start,
                    courses,
                    aggregates[user_id],
                    locked[user_id],
                    0,
                    records[user_id],
                )
            )
    rows: dict[int, list[RepRow]] = defaultdict(list)
    for rep in reps:
        if path_slug is None or path_ids[rep.id]:
            rows[rep.team_id].append(
                RepRow(
                    rep,
                    assess_rep(by_rep[rep.id], today, rep.start_date, fading.get(rep.id)),
                    judgements.get(rep.id),
                    path_ids[rep.id],
                    _first_attempt_average(aggregates[rep.id], links, path_ids[rep.id]),
                )
            )
    reports = {}
    for team in teams:
        paths = team_paths[team.id]
        shown = [p for p in chosen if p in paths]
        columns = list({c: t for p in shown for c, t, _d, _n in links[p]}.items())
        ordered = sorted(paths.values(), key=lambda p: p.title)
        reports[team.id] = TeamReport(team, rows[team.id], ordered, columns)
    return reports


def team_paths(session: Session, team: Team) -> list[LearningPath]:
    """The live paths that at least one active rep of the team is on, by title."""
    return list(
        session.scalars(
            select(LearningPath)
            .where(
                LearningPath.retired_at.is_(None),
                LearningPath.id.in_(
                    select(Enrollment.path_id).where(
                        Enrollment.user_id.in_(team_rep_ids(team)),
                        Enrollment.removed_at.is_(None),
                    )
                ),
            )
            .order_by(LearningPath.title, LearningPath.id)
        )
    )


def path_due_modules(session: Session, path: LearningPath) -> list[tuple[int, int]]:
    """Each live course of a path as (due_day, live module count): what its pace implies."""
    return [(due_day, n) for _id, _title, due_day, n in _path_courses(session, [path.id])[path.id]]


def _live_module_counts():
    """Each course's live module count, as a subquery to join on course_id."""
    return (
        select(Module.course_id, func.count().label("n"))
        .where(Module.retired_at.is_(None))
        .group_by(Module.course_id)
        .subquery()
    )


def _path_courses(session: Session, path_ids: list[int]) -> dict[int, list[tuple]]:
    """Each path's live courses in order: (course id, title, due_day, live module count)."""
    counts = _live_module_counts()
    rows = session.execute(
        select(PathCourse.path_id, Course.id, Course.title, PathCourse.due_day, counts.c.n)
        .join(Course, Course.id == PathCourse.course_id)
        .outerjoin(counts, counts.c.course_id == Course.id)
        .where(PathCourse.path_id.in_(path_ids), Course.retired_at.is_(None))
        .order_by(PathCourse.path_id, PathCourse.position)
    ).all()
    links: dict[int, list[tuple]] = defaultdict(list)
    for path_id, course_id, title, due_day, n in rows:
        links[path_id].append((course_id, title, due_day, n or 0))
    return links


def _first_attempt_average(
    progress: dict[int, tuple], links: dict[int, list[tuple]], path_ids: set[int]
) -> int | None:
    """The rounded mean first-attempt score over the courses of the rep's chosen paths."""
    course_ids = {link[0] for path_id in path_ids for link in links[path_id]}
    sums = [progress[c][6:8] for c in course_ids if c in progress]
    total, count = sum(s or 0 for s, _n in sums), sum(n for _s, n in sums)
    return round(total / count) if count else None


def _progress(session: Session, rep_ids: Select) -> dict[int, dict[int, tuple]]:
    """Per rep and course: started, done, attempts, score sum, score count, last activity,
    then the sum and count of first-attempt scores (joined in: no statement of its own)."""
    first = (
        select(Attempt.user_id, Attempt.module_id, Attempt.score)
        .where(Attempt.number == 1, Attempt.user_id.in_(rep_ids))
        .subquery()
    )
    rows = session.execute(
        select(
            ModuleProgress.user_id,
            Module.course_id,
            func.count(),
            func.count(ModuleProgress.completed_at),
            func.sum(ModuleProgress.attempts),
            func.sum(ModuleProgress.best_score),
            func.count(ModuleProgress.best_score),
            func.max(ModuleProgress.last_activity_at),
            func.sum(first.c.score),
            func.count(first.c.score),
        )
        .join(Module, Module.id == ModuleProgress.module_id)
        .outerjoin(
            first,
            and_(
                first.c.user_id == ModuleProgress.user_id,
                first.c.module_id == ModuleProgress.module_id,
            ),
        )
        .where(ModuleProgress.user_id.in_(rep_ids), Module.retired_at.is_(None))
        .group_by(ModuleProgress.user_id, Module.course_id)
    ).all()
    result: dict[int, dict[int, tuple]] = defaultdict(dict)
    for user_id, course_id, *numbers in rows:
        result[user_id][course_id] = tuple(numbers)
    return result


def _course_records(session: Session, rep_ids: Select) -> tuple[dict, dict]:
    """The reps' course records by rep and course, and their single courses by rep.

    Single courses come as (earliest assignment date, [(course id, title, None, modules)]);
    their due date is the record's own, which _path_facts reads first.
    """
    counts = _live_module_counts()
    rows = session.execute(
        select(
            CourseRecord.user_id,
            CourseRecord.course_id,
            CourseRecord.completed_at,
            CourseRecord.due_date,
            CourseRecord.new_material_due,
            CourseRecord.assigned_at,
            Course.title,
            counts.c.n,
        )
        .join(Course, Course.id == CourseRecord.course_id)
        .outerjoin(counts, counts.c.course_id == Course.id)
        .where(CourseRecord.user_id.in_(rep_ids), Course.retired_at.is_(None))
        .order_by(CourseRecord.assigned_at, CourseRecord.id)
    ).all()
    records: dict[int, dict[int, CourseRecordFacts]] = defaultdict(dict)
    assigned: dict[int, tuple] = {}
    for user_id, course_id, completed, due, new_due, assigned_at, title, n in rows:
        records[user_id][course_id] = CourseRecordFacts(course_id, completed, due, new_due)
        if assigned_at is not None:
            start, courses = assigned.get(user_id, (assigned_at.date(), []))
            courses.append((course_id, title, None, n or 0))
            assigned[user_id] = (min(start, assigned_at.date()), courses)
    return records, assigned


def _locked_out(session: Session, rep_ids: Select) -> dict[int, dict[int, list[str]]]:
    """Per rep and course: quiz modules whose attempts are used up without a pass.

    SQL only narrows to unfinished quizzes tried; the rule is ModuleState.out_of_attempts.
    """
    rows = session.execute(
        select(ModuleProgress.user_id, *MODULE_SUMMARY, *PROGRESS_FACTS[1:])
        .join(Module, Module.id == ModuleProgress.module_id)
        .where(
            ModuleProgress.user_id.in_(rep_ids),
            Module.retired_at.is_(None),
            Module.max_attempts > 0,
            ModuleProgress.attempts > 0,
            ModuleProgress.completed_at.is_(None),
        )
        .order_by(Module.position)
    ).all()
    width = len(MODULE_SUMMARY)
    result: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for user_id, *fields in rows:
        state = ModuleState(ModuleSummary(*fields[:width]), ProgressFacts(*fields[width:]))
        if state.out_of_attempts:
            result[user_id][state.module.course_id].append(state.module.title)
    return result


def _latest_judgements(session: Session, rep_ids: Select) -> dict[int, Judgement]:
    """Each rep's most recent judgement (ids grow with time, so the highest id is the latest)."""
    latest = (
        select(func.max(Judgement.id))
        .where(Judgement.rep_id.in_(rep_ids))
        .group_by(Judgement.rep_id)
    )
    return {j.rep_id: j for j in session.scalars(select(Judgement).where(Judgement.id.in_(latest)))}


def _path_facts(title, start, links, progress, locked, extra_days, records) -> PathFacts:
    """Fold the per-course aggregates of one rep into the facts of one path."""
    courses, scores, counts, attempts, last, locked_titles = [], 0, 0, 0, None, []
    for course_id, course_title, due_day, total in links:
        started, done, used, score_sum, score_count, activity = progress.get(
            course_id, (0, 0, 0, 0, 0, None)
        )[:6]
        record = records.get(course_id)
        due = course_due(start, due_day, extra_days, record)
        courses.append(
            CourseFacts(
                course_id,
                course_title,
                due,
                total,
                done,
                started,
                earned=record is not None and record.completed_at is not None,
                new_material_due=record.new_material_due if record else None,
            )
        )
        scores += score_sum or 0
        counts += score_count
        attempts += used or 0
        if activity is not None and (last is None or activity > last):
            last = activity
        locked_titles.extend(locked.get(course_id, []))
    return PathFacts(
        title, start, tuple(courses), scores, counts, attempts, last, tuple(locked_titles)
    )
