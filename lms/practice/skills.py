"""Rubric levels per rep and criterion for a team, and per criterion for trainers."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from lms.models import (
    Course,
    CriterionScore,
    Module,
    PracticeReview,
    PracticeSubmission,
    Role,
    User,
)
from lms.practice.reviews import level_labels


@dataclass
class Criterion:
    module_id: int
    id: str
    title: str


@dataclass
class ModuleColumns:
    module: Module
    criteria: list[Criterion]
    labels: dict[int, str]


@dataclass
class SkillsTable:
    reps: list[User]
    modules: list[ModuleColumns]
    # (rep id, module id, criterion id) -> the level on the rep's latest deciding review
    levels: dict[tuple[int, int, str], int] = field(default_factory=dict)

    def cell(self, rep: User, column: ModuleColumns, criterion: Criterion) -> str:
        level = self.levels.get((rep.id, column.module.id, criterion.id))
        if level is None:
            return "not reviewed"
        label = column.labels.get(level)
        return f"{level} {label}" if label else str(level)

    def average(self, column: ModuleColumns, criterion: Criterion) -> str:
        given = [
            self.levels[key]
            for rep in self.reps
            if (key := (rep.id, column.module.id, criterion.id)) in self.levels
        ]
        return f"{sum(given) / len(given):.1f}" if given else "—"


def practice_columns(session: Session) -> list[ModuleColumns]:
    """The live practice modules that have a rubric, each with its criteria (one statement)."""
    modules = session.scalars(
        select(Module)
        .join(Course, Course.id == Module.course_id)
        .where(Module.practice.is_not(None), Module.retired_at.is_(None))
        .options(joinedload(Module.course))
        .order_by(Course.title, Module.position)
    )
    columns = []
    for module in modules:
        rubric = (module.practice or {}).get("rubric") or {}
        criteria = [
            Criterion(module.id, c["id"], c.get("title", c["id"]))
            for c in rubric.get("criteria", [])
        ]
        if criteria:
            columns.append(ModuleColumns(module, criteria, level_labels(rubric)))
    return columns


def team_skills(session: Session, team_id: int) -> SkillsTable:
    """The team's reps against every criterion: three statements whatever the team's size."""
    reps = list(
        session.scalars(
            select(User)
            .where(User.team_id == team_id, User.role == Role.REP)
            .order_by(User.name, User.id)
        )
    )
    table = SkillsTable(reps=reps, modules=practice_columns(session))
    rows = session.execute(
        select(
            PracticeSubmission.user_id,
            PracticeSubmission.module_id,
            PracticeReview.created_at,
            PracticeReview.id,
            CriterionScore.criterion,
            CriterionScore.level,
        )
        .join(PracticeReview, PracticeReview.submission_id == PracticeSubmission.id)
        .join(CriterionScore, CriterionScore.review_id == PracticeReview.id)
        .join(User, User.id == PracticeSubmission.user_id)
        .where(User.team_id == team_id, PracticeReview.decides)
        .order_by(PracticeReview.created_at, PracticeReview.id)
    )
    # Rows come oldest review first, so a later deciding review replaces an earlier one.
    latest: dict[tuple[int, int], tuple[int, dict[str, int]]] = {}
    for user_id, module_id, _created, review_id, criterion, level in rows:
        pair = (user_id, module_id)
        if pair not in latest or latest[pair][0] != review_id:
            latest[pair] = (review_id, {})
        latest[pair][1][criterion] = level
    for (user_id, module_id), (_review, levels) in latest.items():
        for criterion, level in levels.items():
            table.levels[(user_id, module_id, criterion)] = level
    return table


@dataclass
class CriterionAverage:
    criterion: Criterion
    average: float | None
    reviews: int


def criterion_averages(session: Session) -> list[tuple[ModuleColumns, list[CriterionAverage]]]:
    """Per practice module, each criterion's average level over deciding reviews, lowest first."""
    columns = practice_columns(session)
    rows = session.execute(
        select(
            PracticeSubmission.module_id,
            CriterionScore.criterion,
            func.avg(CriterionScore.level),
            func.count(CriterionScore.id),
        )
        .join(PracticeReview, PracticeReview.id == CriterionScore.review_id)
        .join(PracticeSubmission, PracticeSubmission.id == PracticeReview.submission_id)
        .where(PracticeReview.decides)
        .group_by(PracticeSubmission.module_id, CriterionScore.criterion)
    )
    found = {(m, c): (float(avg), n) for m, c, avg, n in rows}
    result = []
    for column in columns:
        averages = [
            CriterionAverage(c, *found.get((column.module.id, c.id), (None, 0)))
            for c in column.criteria
        ]
        # Lowest first: what the reps find hardest; criteria never reviewed go last.
        averages.sort(key=lambda a: (a.average is None, a.average or 0.0))
        result.append((column, averages))
    return result
