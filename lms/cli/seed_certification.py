"""Demo certifications: certified, expiring, expired and in-progress reps in Team Atlas."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from lms import clock
from lms.certification.grants import grant_earned
from lms.cli.seed import DEMO_PATH, new_demo_rep
from lms.db import db
from lms.models import (
    Certification,
    CourseRecord,
    LearningPath,
    Module,
    ModuleProgress,
    SignOff,
    User,
)

# (email, name, days since the grant or None, courses completed, sign-offs confirmed)
CERTIFIED_REPS = [
    ("cora@example.com", "Cora Certified", 60, None, None),
    ("eli@example.com", "Eli Expiring", 345, None, None),
    ("exa@example.com", "Exa Expired", 380, None, None),
    ("ivo@example.com", "Ivo Working", None, 2, 1),
]


def seed_certifications() -> list[str]:
    """Add the demo's certification reps once each; nothing if the path has no certification."""
    cert = db.session.scalar(
        select(Certification)
        .join(LearningPath, LearningPath.id == Certification.path_id)
        .where(LearningPath.slug == DEMO_PATH, Certification.retired_at.is_(None))
    )
    manager = db.session.scalar(select(User).where(User.email == "manager@example.com"))
    if cert is None or manager is None:
        return []
    course_ids = [link.course_id for link in cert.path.courses]
    if cert.exam_course_id:
        course_ids.append(cert.exam_course_id)
    created = []
    for email, name, granted_ago, courses_done, signed in CERTIFIED_REPS:
        if db.session.scalar(select(User).where(User.email == email)):
            continue
        now = clock.now()
        when = now - timedelta(days=granted_ago or 30)
        with db.writing() as session:
            start = (when - timedelta(days=30)).date()
            rep = new_demo_rep(session, email, name, cert.path, start)
            done = course_ids if courses_done is None else course_ids[:courses_done]
            _complete(session, rep, done, when)
            items = cert.sign_off if signed is None else cert.sign_off[:signed]
            for item in items:
                session.add(
                    SignOff(
                        certification_id=cert.id,
                        user_id=rep.id,
                        item_id=item["id"],
                        confirmed_on=when.date(),
                        note="Seen in the demo week",
                        manager_id=manager.id,
                        created_at=when,
                    )
                )
            session.flush()
            if granted_ago is not None:
                grant_earned(session, rep, when)
        created.append(email)
    return created


def _complete(session, rep: User, course_ids: list[int], when: datetime) -> None:
    """Every live module of the courses done, and each course recorded complete, at `when`."""
    modules = session.scalars(
        select(Module).where(Module.course_id.in_(course_ids), Module.retired_at.is_(None))
    ).all()
    for module in modules:
        session.add(
            ModuleProgress(
                user_id=rep.id,
                module_id=module.id,
                started_at=when,
                completed_at=when,
                best_score=100 if module.has_quiz else None,
                attempts=1 if module.has_quiz else 0,
                last_activity_at=when,
            )
        )
    versions = {m.course_id: m.course.version for m in modules}
    for course_id in course_ids:
        session.add(
            CourseRecord(
                user_id=rep.id,
                course_id=course_id,
                completed_at=when,
                completed_version=versions.get(course_id),
            )
        )
