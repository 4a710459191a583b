"""`flask demo --reps N`: an organisation of N reps in teams of 100, seeded with bulk inserts."""

from __future__ import annotations

import random
import secrets
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from lms import clock
from lms.assessment import record
from lms.cli.seed import DEMO_PASSWORD, DEMO_PATH, right_answers, wrong_answers
from lms.content.grading import score_percent
from lms.content.model import QuestionKind
from lms.db import db
from lms.models import (
    Attempt,
    Course,
    Enrollment,
    Judgement,
    LearningPath,
    Module,
    ModuleProgress,
    PathCourse,
    Question,
    Role,
    Team,
    User,
    Verdict,
)
from lms.people.passwords import hash_password
from lms.progress.freshness import bump_all_teams

TEAM_SIZE = 100
ACADEMY = "sales-academy"  # generated courses, so tenured reps have a second, longer path
ACADEMY_COURSES, ACADEMY_MODULES = 14, 12
ACADEMY_AFTER_DAYS = 30  # the academy starts once the onboarding path is due
ACADEMY_QUIZ_EVERY = 3  # every third academy module ends with a one-question check
FIRST = "Ana Ben Chloé Dev Elif Femi Gwen Hiro Ines Jonas Kofi Lena Mateo Noor Omar Pia".split()  # noqa: SIM905
LAST = "Adams Berg Costa Diallo Eriksen Fischer Garcia Haddad Ito Jensen Kowalski Li".split()  # noqa: SIM905


def _email(n: int) -> str:
    return f"rep-{n:05}@example.org"


def seed_organisation(reps: int, today: date | None = None, seed: int = 7) -> dict[str, int]:
    """Top the organisation up to `reps` reps (idempotent); return how many rows were added."""
    today = today or clock.today()
    # Seeded so the demo is the same every time; nothing secret depends on it.
    rng = random.Random(seed)  # nosec B311
    counts = {"reps": 0, "progress": 0, "attempts": 0, "judgements": 0}
    existing = db.session.scalar(
        select(func.count()).select_from(User).where(User.email.like("rep-%@example.org"))
    )
    if existing >= reps:
        return counts
    onboarding = db.session.scalar(select(LearningPath).where(LearningPath.slug == DEMO_PATH))
    academy = _academy()
    plans = {p.id: _plan(p) for p in (onboarding, academy)}
    numbers = range(existing + 1, reps + 1)
    teams = _teams(sorted({(n - 1) // TEAM_SIZE + 1 for n in numbers}))
    password_hash = hash_password(DEMO_PASSWORD)
    users = []
    for n in numbers:
        # A realistic spread: hires over the last 18 months, a few starting soon.
        tenure = rng.randint(0, 540) if rng.random() > 0.03 else -rng.randint(1, 10)
        users.append(
            {
                "email": _email(n),
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
                "role": Role.REP,
                "password_hash": password_hash,
                "team_id": teams[(n - 1) // TEAM_SIZE + 1],
                "start_date": today - timedelta(days=tenure),
                "active": True,
            }
        )
    with db.writing() as session:
        session.execute(insert(User), users)
        rows = session.execute(
            select(User.id, User.start_date).where(User.email.in_([u["email"] for u in users]))
        ).all()
        enrollments, progress, attempts, judgements = [], [], [], []
        manager_ids = _manager_ids(session)
        for user_id, start in rows:
            pace = rng.choice((0.4, 0.7, 0.9, 1.0, 1.0, 1.1, 1.3))  # slow, steady, fast reps
            idle = rng.choice((0, 0, 1, 2, 3, 5, 9, 15))  # days since the last activity
            paths = [(onboarding.id, start)]
            if (today - start).days > ACADEMY_AFTER_DAYS:
                paths.append((academy.id, start + timedelta(days=ACADEMY_AFTER_DAYS)))
            for path_id, path_start in paths:
                enrollments.append(
                    {"user_id": user_id, "path_id": path_id, "start_date": path_start}
                )
                _work(
                    rng, user_id, path_start, plans[path_id], pace, idle, today, progress, attempts
                )
            if rng.random() < 0.3:
                judgements.append(_judgement(rng, user_id, manager_ids, today))
        session.execute(insert(Enrollment), enrollments)
        for chunk in range(0, len(progress), 50_000):
            session.execute(insert(ModuleProgress), progress[chunk : chunk + 50_000])
        for chunk in range(0, len(attempts), 20_000):
            session.execute(insert(Attempt), attempts[chunk : chunk + 20_000])
        if judgements:
            session.execute(insert(Judgement), judgements)
        # Bulk inserts skip the ORM's flush events, so the dashboards are marked stale here.
        bump_all_teams(session)
    counts.update(
        reps=len(users), progress=len(progress), attempts=len(attempts), judgements=len(judgements)
    )
    return counts


def _plan(path: LearningPath) -> list[dict[str, Any]]:
    """The path's modules in order, each with the day it should be done and its quiz snapshots."""
    plan, previous_due = [], 0
    for link in path.courses:
        modules = db.session.scalars(
            select(Module)
            .where(Module.course_id == link.course_id, Module.retired_at.is_(None))
            .order_by(Module.position)
        ).all()
        for i, module in enumerate(modules, start=1):
            questions = module.questions
            plan.append(
                {
                    "id": module.id,
                    "day": previous_due + (link.due_day - previous_due) * i / len(modules),
                    "pass": module.course.pass_score,
                    "right": _snapshot(questions, set()) if questions else None,
                    "wrong": _snapshot(questions, {questions[0].key}) if questions else None,
                    # One wrong answer: graded as the quiz itself would grade it.
                    "score_wrong": score_percent(len(questions) - 1, len(questions))
                    if questions
                    else 0,
                }
            )
        previous_due = link.due_day
    return plan


def _snapshot(questions, wrong_keys: set[str]) -> list[dict[str, Any]]:
    """An attempt's record through the one builder, feedback and explanations left out.

    The same record is stored with thousands of attempts: what the bulk demo never shows
    is left out to keep the rows small.
    """
    responses = {
        q.key: wrong_answers(q) if q.key in wrong_keys else right_answers(q) for q in questions
    }
    lean = [
        replace(
            item,
            explanation_html=None,
            choices=tuple(replace(c, feedback_html=None) for c in item.choices),
        )
        for item in record.build(questions, responses)
    ]
    return record.AttemptRecord(tuple(lean)).to_json()


def _work(rng, user_id, start, plan, pace, idle, today, progress, attempts) -> None:
    """Progress (and quiz attempts) for the modules a rep at this pace has reached by now."""
    active_until = today - timedelta(days=idle)
    elapsed = (active_until - start).days
    for step in plan:
        day = step["day"] / pace
        if day > elapsed + 1:
            break
        when = datetime.combine(start + timedelta(days=int(day)), time(9), tzinfo=UTC)
        when += timedelta(minutes=rng.randint(0, 480))
        done = day <= elapsed
        tries = 0
        if step["right"] is not None:
            tries = (2 if rng.random() < 0.25 else 1) if done else rng.choice((0, 1))
            for number in range(1, tries + 1):
                passed = done and number == tries
                attempts.append(
                    {
                        "user_id": user_id,
                        "module_id": step["id"],
                        "number": number,
                        "token": secrets.token_urlsafe(24),
                        "submitted_at": when + timedelta(minutes=10 * number),
                        "score": 100 if passed else step["score_wrong"],
                        "passed": passed,
                        "pass_score": step["pass"],
                        "snapshot": step["right"] if passed else step["wrong"],
                    }
                )
        scored = step["right"] is not None and tries
        progress.append(
            {
                "user_id": user_id,
                "module_id": step["id"],
                "started_at": when,
                "completed_at": when + timedelta(minutes=30) if done else None,
                "best_score": (100 if done else step["score_wrong"]) if scored else None,
                "attempts": tries,
                "last_activity_at": when + timedelta(minutes=30),
            }
        )


def _judgement(rng, user_id, manager_ids, today) -> dict[str, Any]:
    verdict = rng.choice(("ready", "not yet", "not yet"))
    return {
        "rep_id": user_id,
        "manager_id": rng.choice(manager_ids),
        "verdict": Verdict(verdict),
        "note": "Solid discovery calls." if verdict == "ready" else "Needs more practice.",
        "created_at": clock.now() - timedelta(days=rng.randint(0, 30)),
    }


def _teams(numbers: list[int]) -> dict[int, int]:
    """Team ids by number, created with a manager each; the demo manager also leads team 1."""
    demo_manager = db.session.scalar(select(User).where(User.email == "manager@example.com"))
    password_hash = hash_password(DEMO_PASSWORD)
    ids = {}
    with db.writing() as session:
        for n in numbers:
            name = f"Org team {n:03}"
            team = session.scalar(select(Team).where(Team.name == name))
            if team is None:
                team = Team(name=name)
                manager = User(
                    email=f"manager-{n:03}@example.org",
                    name=f"Manager {n:03}",
                    role=Role.MANAGER,
                    password_hash=password_hash,
                    team=team,
                    start_date=clock.today(),
                )
                session.add_all([team, manager])
                team.managers.append(manager)
                if n == 1 and demo_manager is not None:
                    team.managers.append(session.merge(demo_manager))
                session.flush()
            ids[n] = team.id
    return ids


def _manager_ids(session) -> list[int]:
    return list(session.scalars(select(User.id).where(User.role == Role.MANAGER)))


def _academy() -> LearningPath:
    """The generated Sales academy path: 14 courses of 12 short reading modules."""
    path = db.session.scalar(select(LearningPath).where(LearningPath.slug == ACADEMY))
    if path is not None:
        return path
    now = clock.now()
    with db.writing() as session:
        path = LearningPath(
            slug=ACADEMY,
            title="Sales academy (generated demo content)",
            description="Generated by `flask demo --reps N` for benchmarks.",
        )
        session.add(path)
        for k in range(1, ACADEMY_COURSES + 1):
            course = Course(
                slug=f"academy-{k:02}",
                title=f"Academy {k:02}",
                summary="Generated.",
                track="skills",
                pass_score=80,
                prerequisites=[],
                estimated_minutes=60,
                overview_html="<p>Generated demo course.</p>",
                source="",
                imported_at=now,
            )
            course.modules = [
                Module(
                    slug=f"m{m:02}",
                    position=m,
                    filename=f"{m:02}.md",
                    title=f"Academy {k:02}.{m:02}",
                    estimated_minutes=5,
                    max_attempts=0,
                    question_count=1 if m % ACADEMY_QUIZ_EVERY == 0 else 0,
                    body_html="<p>Generated module.</p>",
                    source="",
                    updated_at=now,
                )
                for m in range(1, ACADEMY_MODULES + 1)
            ]
            session.add(course)
            path.courses.append(PathCourse(course=course, position=k, due_day=12 * k + 10))
            session.flush()
            session.add_all(_academy_question(m) for m in course.modules if m.question_count)
    return path


def _academy_question(module: Module) -> Question:
    """A single-choice check, so the academy yields quiz attempts as real courses do."""
    key = f"{module.slug}-check"
    choices = [
        {"key": "a", "html": "Ask about the buyer's situation", "correct": True},
        {"key": "b", "html": "Open with a discount", "correct": False},
        {"key": "c", "html": "Show every feature", "correct": False},
    ]
    return Question(
        course_id=module.course_id,
        module_id=module.id,
        key=key,
        position=1,
        kind=QuestionKind.SINGLE,
        data={
            "id": key,
            "kind": "single",
            "prompt_html": "<p>What comes first on a call?</p>",
            "choices": [{**c, "feedback_html": None} for c in choices],
            "answers": [],
            "explanation_html": None,
        },
        source="",
        updated_at=module.updated_at,
    )
