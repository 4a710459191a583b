"""Team-wide reads for the insights page and the ramp chart, in a fixed number of statements."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from lms.analytics.insights import QuestionStat, question_stats
from lms.models import (
    Attempt,
    Course,
    Enrollment,
    LearningPath,
    Module,
    ModuleProgress,
    PathCourse,
    Team,
    User,
)
from lms.progress.ramp import RampLine, rep_line
from lms.reports.queries import team_rep_ids


@dataclass
class ModuleRef:
    id: int
    title: str
    slug: str
    course_slug: str
    course_title: str


def team_question_stats(
    session: Session, team: Team
) -> tuple[list[QuestionStat], dict[int, ModuleRef]]:
    """Stats for every question the team's reps answered, and the modules they belong to."""
    rows = session.execute(
        select(
            Attempt.module_id,
            Attempt.number,
            Attempt.snapshot,
            Module.title,
            Module.slug,
            Module.position,
            Course.slug,
            Course.title,
        )
        .join(Module, Module.id == Attempt.module_id)
        .join(Course, Course.id == Module.course_id)
        .where(Attempt.user_id.in_(team_rep_ids(team)))
        .order_by(Course.title, Module.position, Attempt.submitted_at)
    ).all()
    modules = {r[0]: ModuleRef(r[0], r[3], r[4], r[6], r[7]) for r in rows}
    order = {module_id: i for i, module_id in enumerate(modules)}
    stats = question_stats((r[0], r[1], r[2]) for r in rows)
    stats.sort(key=lambda s: (order[s.module_id], s.key))
    return stats, modules


def team_ramp(session: Session, team: Team, today: date, path_slug: str | None) -> list[RampLine]:
    """Each active rep's completions on their paths (or one path), from their earliest start."""
    rep_ids = team_rep_ids(team)
    reps = session.execute(
        select(User.id, User.name).where(User.id.in_(rep_ids)).order_by(User.name, User.id)
    ).all()
    enrolled = session.execute(
        select(Enrollment.user_id, Enrollment.start_date, PathCourse.course_id)
        .join(LearningPath, LearningPath.id == Enrollment.path_id)
        .join(PathCourse, PathCourse.path_id == Enrollment.path_id)
        .where(
            Enrollment.user_id.in_(rep_ids),
            LearningPath.retired_at.is_(None),
            (LearningPath.slug == path_slug) if path_slug else true(),
        )
    ).all()
    starts: dict[int, date] = {}
    courses: dict[int, set[int]] = defaultdict(set)
    for user_id, start, course_id in enrolled:
        starts[user_id] = min(start, starts.get(user_id, start))
        courses[user_id].add(course_id)
    done = session.execute(
        select(ModuleProgress.user_id, Module.course_id, ModuleProgress.completed_at)
        .join(Module, Module.id == ModuleProgress.module_id)
        .where(
            ModuleProgress.user_id.in_(rep_ids),
            ModuleProgress.completed_at.is_not(None),
            Module.retired_at.is_(None),
        )
    ).all()
    completions: dict[int, list[date]] = defaultdict(list)
    for user_id, course_id, completed_at in done:
        if course_id in courses[user_id]:
            completions[user_id].append(completed_at.date())
    return [
        rep_line(name, starts[user_id], completions[user_id], today)
        for user_id, name in reps
        if user_id in starts and starts[user_id] <= today
    ]
