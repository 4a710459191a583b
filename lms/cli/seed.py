"""Demo accounts and a rep a few days into onboarding, for a first look at the app."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from lms import clock
from lms.assessment import attempts as quizzes
from lms.assessment.question_types import question_type
from lms.cli.seed_practice import seed_practice
from lms.db import db
from lms.models import (
    Attempt,
    Judgement,
    LearningPath,
    Module,
    ModuleProgress,
    PathCourse,
    Role,
    User,
    Verdict,
)
from lms.people.users import create_user, enroll
from lms.progress.records import mark_read

# A published demo credential, documented; `flask demo` refuses to run in production.
DEMO_PASSWORD = "repready-demo"  # noqa: S105  # nosec B105
DEMO_PATH = "new-account-executive"
DEMO_TEAM = "Team Atlas"
DEMO_ACCOUNTS = [
    ("manager@example.com", "Maya Manager", Role.MANAGER),
    ("rep@example.com", "Riley Rep", Role.REP),
    ("trainer@example.com", "Tomás Trainer", Role.TRAINER),
    ("admin@example.com", "Ada Admin", Role.ADMIN),
]


def right_answers(question):
    """A response that answers the question right (for seeding)."""
    return question_type(question.kind).right_response(question.data)


def wrong_answers(question):
    """A response that answers the question wrong (for seeding)."""
    return question_type(question.kind).wrong_response(question.data)


def new_demo_rep(session, email: str, name: str, path, start) -> User:
    """A rep on the demo team with the demo password, on `path` from `start`."""
    rep = create_user(
        session,
        email=email,
        name=name,
        role=Role.REP,
        password=DEMO_PASSWORD,
        team_name=DEMO_TEAM,
        start_date=start,
    )
    enroll(session, rep, path, start)
    return rep


def seed_demo(today: date | None = None) -> list[str]:
    """Create the demo accounts and progress once; return what was created."""
    today = today or clock.today()
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
    created += seed_team_atlas(today)
    seed_practice()  # issue 15: practice waiting, passed and needing another try
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


# Team Atlas: reps at every stage, so each readiness status shows on the dashboard.
# (email, name, days since start, modules done, modules failed once first, module out of
#  attempts, days since last activity, judgement (verdict, note, days ago) or None)
TEAM_ATLAS = [
    ("noah@example.com", "Noah Nakamura", 40, 15, {2, 9}, None, 9, ("ready", "Ready to sell.", 8)),
    (
        "priya@example.com",
        "Priya Patel",
        28,
        15,
        {5},
        None,
        2,
        ("not yet", "Wants two more practice calls first.", 1),
    ),
    ("sam@example.com", "Sam Sørensen", 16, 6, {4}, None, 1, ("not yet", "Slow on product.", 3)),
    ("lee@example.com", "Lee Chen", 9, 6, set(), 6, 0, None),
    ("jordan@example.com", "Jordan Okafor", 11, 5, set(), None, 8, None),
    ("casey@example.com", "Casey Morgan", 10, 4, {1}, None, 1, None),
    ("alex@example.com", "Alex Dubois", 8, 6, set(), None, 0, None),
    (
        "mia@example.com",
        "Mia Rossi",
        18,
        11,
        {7},
        None,
        1,
        ("ready", "Strong on calls already.", 2),
    ),
    ("taylor@example.com", "Taylor Kim", 2, 0, set(), None, 0, None),
    ("quinn@example.com", "Quinn Byrne", -3, 0, set(), None, 0, None),
]


def seed_team_atlas(today: date | None = None) -> list[str]:
    """Add Team Atlas's reps with back-dated progress, attempts and judgements, once each."""
    today = today or clock.today()
    created = []
    path = db.session.scalar(select(LearningPath).where(LearningPath.slug == DEMO_PATH))
    modules = [
        m
        for link in path.courses
        for m in db.session.scalars(
            select(Module)
            .where(Module.course_id == link.course_id, Module.retired_at.is_(None))
            .order_by(Module.position)
        )
    ]
    manager = db.session.scalar(select(User).where(User.email == "manager@example.com"))
    for email, name, start_ago, done, fail_first, locked, last_ago, judgement in TEAM_ATLAS:
        rep = db.session.scalar(select(User).where(User.email == email))
        if rep is None:
            start = today - timedelta(days=start_ago)
            with db.writing() as session:
                rep = new_demo_rep(session, email, name, path, start)
            created.append(email)
        if (
            db.session.scalar(select(ModuleProgress).where(ModuleProgress.user_id == rep.id))
            is None
        ):
            touched = _work_through(rep, modules, done, fail_first, locked)
            _backdate(
                rep,
                touched,
                today - timedelta(days=max(start_ago, 0)),
                today - timedelta(days=last_ago),
            )
        if judgement and not db.session.scalar(select(Judgement).where(Judgement.rep_id == rep.id)):
            verdict, note, ago = judgement
            with db.writing() as session:
                session.add(
                    Judgement(
                        rep_id=rep.id,
                        manager_id=manager.id,
                        verdict=Verdict(verdict),
                        note=note,
                        created_at=clock.now() - timedelta(days=ago),
                    )
                )
    return created


def _work_through(rep, modules, done, fail_first, locked) -> list:
    """Do the first `done` modules through the real services; return the modules touched."""
    touched = []
    for position, module in enumerate(modules[:done]):
        questions = module.questions
        if not questions:
            mark_read(rep, module)
        else:
            if position in fail_first:
                quizzes.submit(
                    rep,
                    module,
                    questions,
                    quizzes.new_token(),
                    {q.key: wrong_answers(q) for q in questions},
                )
            quizzes.submit(
                rep,
                module,
                questions,
                quizzes.new_token(),
                {q.key: right_answers(q) for q in questions},
            )
        touched.append(module)
    if locked is not None:
        module = modules[locked]
        for _ in range(module.max_attempts):
            quizzes.submit(
                rep,
                module,
                module.questions,
                quizzes.new_token(),
                {q.key: wrong_answers(q) for q in module.questions},
            )
        touched.append(module)
    return touched


def _backdate(rep, touched, first_day: date, last_day: date) -> None:
    """Spread the rep's work evenly from their start to their last active day."""
    if not touched:
        return
    span = max((last_day - first_day).days, 0)
    with db.writing() as session:
        for i, module in enumerate(touched, start=1):
            day = first_day + timedelta(days=round(span * i / len(touched)))
            when = datetime.combine(day, time(9), tzinfo=UTC) + timedelta(minutes=7 * i)
            row = session.get(ModuleProgress, (rep.id, module.id))
            row.started_at = row.last_activity_at = when
            if row.completed_at is not None:
                row.completed_at = when + timedelta(minutes=20)
                row.last_activity_at = row.completed_at
            attempts = session.scalars(
                select(Attempt)
                .where(Attempt.user_id == rep.id, Attempt.module_id == module.id)
                .order_by(Attempt.number)
            )
            for attempt in attempts:
                attempt.submitted_at = when + timedelta(minutes=5 * attempt.number)
