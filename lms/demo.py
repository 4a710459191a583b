"""Demo accounts and a rep a few days into onboarding, for a first look at the app."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from lms.db import db
from lms.learn.service import mark_read
from lms.models import LearningPath, Module, ModuleProgress, PathCourse, Role, User
from lms.quizzes import service as quizzes
from lms.users import create_user, enroll

DEMO_PASSWORD = "repready-demo"  # noqa: S105 - published demo credential, documented
DEMO_PATH = "new-account-executive"
DEMO_TEAM = "Team Atlas"
DEMO_ACCOUNTS = [
    ("manager@example.com", "Maya Manager", Role.MANAGER),
    ("rep@example.com", "Riley Rep", Role.REP),
    ("trainer@example.com", "Tomás Trainer", Role.TRAINER),
    ("admin@example.com", "Ada Admin", Role.ADMIN),
]


def right_answers(question) -> dict:
    """A response that answers the question right (for seeding)."""
    data = question.data
    if question.kind == "short":
        plain = [a for a in data["answers"] if not (a.startswith("/") and a.endswith("/"))]
        return plain[0] if plain else ""
    return {c["key"] for c in data["choices"] if c["correct"]}


def wrong_answers(question) -> dict:
    """A response that answers the question wrong (for seeding)."""
    if question.kind == "short":
        return "not sure"
    return {next(c["key"] for c in question.data["choices"] if not c["correct"])}


def seed_demo(today: date | None = None) -> list[str]:
    """Create the demo accounts and progress once; return what was created."""
    today = today or date.today()
    created = []
    with db.writing() as session:
        path = session.scalar(select(LearningPath).where(LearningPath.slug == DEMO_PATH))
        if path is None:
            raise RuntimeError(f"Import the courses first: path {DEMO_PATH!r} is missing.")
        for email, name, role in DEMO_ACCOUNTS:
            if session.scalar(select(User).where(User.email == email)):
                continue
            user = create_user(
                session,
                email=email,
                name=name,
                role=role,
                password=DEMO_PASSWORD,
                team_name=DEMO_TEAM if role in (Role.MANAGER, Role.REP) else None,
                start_date=today - timedelta(days=4),
            )
            if role is Role.REP:
                enroll(session, user, path, user.start_date)
            created.append(email)
    if "rep@example.com" in created:
        _seed_rep_progress(today)
    return created


def _seed_rep_progress(today: date) -> None:
    """The demo rep finished the first module and failed the second module's quiz once."""
    rep = db.session.scalar(select(User).where(User.email == "rep@example.com"))
    if db.session.scalar(select(ModuleProgress).where(ModuleProgress.user_id == rep.id)):
        return
    first_course = db.session.scalar(
        select(PathCourse)
        .join(LearningPath)
        .where(LearningPath.slug == DEMO_PATH)
        .order_by(PathCourse.position)
    ).course
    modules = db.session.scalars(
        select(Module)
        .where(Module.course_id == first_course.id, Module.retired_at.is_(None))
        .order_by(Module.position)
    ).all()
    for module, passes in zip(modules[:2], (True, False), strict=False):
        questions = module.questions
        if not questions:
            if passes:
                mark_read(rep, module)
            continue
        answer = right_answers if passes else wrong_answers
        responses = {q.key: answer(q) for q in questions}
        quizzes.submit(rep, module, questions, quizzes.new_token(), responses)
