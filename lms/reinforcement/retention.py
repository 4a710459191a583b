"""What boost answers say: retention per rep and per course, and the questions forgotten fastest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from lms.models import (
    Course,
    Module,
    Question,
    ReinforcementReview,
    Role,
    Team,
    User,
)
from lms.reinforcement.settings import RETENTION_DAYS, setting


@dataclass(frozen=True)
class Retention:
    """Boost answers over the window: how many, how many right."""

    label: str
    right: int
    answers: int
    key: int = 0  # the rep's or course's id

    @property
    def percent(self) -> int | None:
        return round(100 * self.right / self.answers) if self.answers else None


@dataclass(frozen=True)
class TeamRetention:
    reps: list[Retention]
    courses: list[Retention]


def _since(now: datetime) -> datetime:
    return now - timedelta(days=RETENTION_DAYS)


def _right():
    return func.coalesce(func.sum(case((ReinforcementReview.correct, 1), else_=0)), 0)


def team_retention(session: Session, team: Team, now: datetime) -> TeamRetention:
    """Per rep (every rep of the team) and per course, in two statements."""
    since = _since(now)
    reps = session.execute(
        select(User.id, User.name, _right(), func.count(ReinforcementReview.id))
        .outerjoin(
            ReinforcementReview,
            (ReinforcementReview.user_id == User.id) & (ReinforcementReview.reviewed_at >= since),
        )
        .where(User.team_id == team.id, User.role == Role.REP, User.active.is_(True))
        .group_by(User.id, User.name)
        .order_by(User.name)
    ).all()
    courses = session.execute(
        select(Course.id, Course.title, _right(), func.count(ReinforcementReview.id))
        .join(Question, Question.course_id == Course.id)
        .join(ReinforcementReview, ReinforcementReview.question_id == Question.id)
        .join(User, User.id == ReinforcementReview.user_id)
        .where(User.team_id == team.id, ReinforcementReview.reviewed_at >= since)
        .group_by(Course.id, Course.title)
        .order_by(Course.title)
    ).all()
    return TeamRetention(
        reps=[Retention(name, right, n, uid) for uid, name, right, n in reps],
        courses=[Retention(title, right, n, cid) for cid, title, right, n in courses],
    )


def retention_by_rep(session: Session, user_ids, now: datetime) -> dict[int, Retention]:
    """Each rep's retention (ids, or a select of them), in one statement; no answers, no entry."""
    ids = user_ids if isinstance(user_ids, Select) else list(user_ids)
    rows = session.execute(
        select(ReinforcementReview.user_id, _right(), func.count())
        .where(ReinforcementReview.user_id.in_(ids), ReinforcementReview.reviewed_at >= _since(now))
        .group_by(ReinforcementReview.user_id)
    ).all()
    return {uid: Retention("", right, n, uid) for uid, right, n in rows}


def is_fading(found: Retention | None, below: int, min_answers: int) -> bool:
    """Too few right lately, on enough answers to say so."""
    if found is None or found.answers < min_answers or found.percent is None:
        return False
    return found.percent < below


def fading_reasons(session: Session, user_ids, now: datetime) -> dict[int, str]:
    """The readiness reason of each rep whose knowledge is fading, in one statement."""
    below = setting("REINFORCEMENT_FADING_BELOW")
    least = setting("REINFORCEMENT_FADING_MIN_ANSWERS")
    return {
        uid: fading_reason(found)
        for uid, found in retention_by_rep(session, user_ids, now).items()
        if is_fading(found, below, least)
    }


def fading_reason(found: Retention) -> str:
    """The readiness reason's words."""
    return (
        f"Knowledge fading: {found.percent}% right on boost questions in the last "
        f"{RETENTION_DAYS} days ({found.right} of {found.answers})"
    )


@dataclass(frozen=True)
class Forgotten:
    """A question as boost answers see it: how often reps missed it when it came back."""

    course_title: str
    module_title: str
    prompt_html: str
    misses: int
    answers: int

    @property
    def percent_missed(self) -> int:
        return round(100 * self.misses / self.answers) if self.answers else 0


def forgotten_fastest(session: Session, now: datetime, limit: int = 20) -> list[Forgotten]:
    """The questions most often missed in boosts over the window, in one statement."""
    missed = func.sum(case((ReinforcementReview.correct, 0), else_=1))
    answers = func.count()
    worst = (
        select(
            ReinforcementReview.question_id.label("question_id"),
            missed.label("misses"),
            answers.label("answers"),
        )
        .where(ReinforcementReview.reviewed_at >= _since(now))
        .group_by(ReinforcementReview.question_id)
        .order_by((missed * 1.0 / answers).desc(), answers.desc(), ReinforcementReview.question_id)
        .limit(limit)
        .subquery()
    )
    rows = session.execute(
        select(Course.title, Module.title, Question.data, worst.c.misses, worst.c.answers)
        .join(Question, Question.id == worst.c.question_id)
        .join(Module, Module.id == Question.module_id)
        .join(Course, Course.id == Question.course_id)
        .where(Question.retired_at.is_(None))
    ).all()
    found = [
        Forgotten(course, module, data["prompt_html"], int(misses), int(n))
        for course, module, data, misses, n in rows
    ]
    return sorted(found, key=lambda f: (-f.misses / f.answers, -f.answers, f.course_title))
