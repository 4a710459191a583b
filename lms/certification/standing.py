"""Where a rep stands toward each certification of their paths, read in a fixed few statements.

Three kinds of round:
- first: the path complete, the exam course (if any) passed, every sign-off confirmed;
- recertify: once renewal opens, the modules asked again (only the changed ones for
  `recertify: changes`, all of them for `full`, with the sign-offs again);
- regain: after a revocation, the whole path again and every sign-off, since the revocation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from lms.certification.rules import window_opens
from lms.models import (
    Attempt,
    Certification,
    CertificationGrant,
    Course,
    CourseRecord,
    Enrollment,
    Module,
    ModuleProgress,
    PathCourse,
    Question,
    SignOff,
    User,
)

FIRST, RECERTIFY, REGAIN = "first", "recertify", "regain"


@dataclass
class Step:
    """One thing the round asks for: a course (first round) or a module (renewals)."""

    title: str
    done: bool
    course_slug: str
    module_slug: str | None = None
    changed_questions: list[str] = field(default_factory=list)


@dataclass
class SignOffState:
    """A sign-off item and, once the manager confirmed it in this round, that confirmation."""

    id: str
    title: str
    confirmed: SignOff | None = None


@dataclass
class Standing:
    """One rep and one certification: the grant in force, and the round in progress."""

    certification: Certification
    path_title: str
    grant: CertificationGrant | None
    round: str
    since: datetime | None  # evidence counts from then (None: any time)
    now: datetime
    steps: list[Step] = field(default_factory=list)
    sign_offs: list[SignOffState] = field(default_factory=list)

    @property
    def status(self) -> str:
        """valid, expired or revoked for a rep who holds it; "in progress" before that."""
        return self.grant.status(self.now) if self.grant else "in progress"

    @property
    def open(self) -> bool:
        """Whether the round asks anything now (renewal waits for its window)."""
        return self.since is None or self.since <= self.now

    @property
    def due(self) -> datetime | None:
        """Renewal is due by the expiry of the certificate in force."""
        return self.grant.expires_at if self.round == RECERTIFY and self.grant else None

    @property
    def done(self) -> int:
        return sum(s.done for s in self.steps) + sum(bool(s.confirmed) for s in self.sign_offs)

    @property
    def total(self) -> int:
        return len(self.steps) + len(self.sign_offs)

    @property
    def earned(self) -> bool:
        """Everything the round asks is done (a renewal that asks nothing is earned too)."""
        return self.open and self.done == self.total


def _latest(rows):
    latest = {}
    for row in rows:
        latest[row.certification_id] = row  # rows come oldest first
    return latest


def load_standings(
    session: Session, user: User, now: datetime, course_id: int | None = None
) -> list[Standing]:
    """The rep's standing toward each live certification of the paths they are on.

    With course_id, only the certifications that course counts toward: on its path, or
    their exam.
    """
    query = (
        select(Certification)
        .options(joinedload(Certification.path))
        .join(Enrollment, Enrollment.path_id == Certification.path_id)
        .where(
            Enrollment.user_id == user.id,
            Enrollment.removed_at.is_(None),
            Certification.retired_at.is_(None),
        )
        .order_by(Certification.id)
    )
    if course_id is not None:
        on_path = select(PathCourse.path_id).where(PathCourse.course_id == course_id)
        query = query.where(
            or_(Certification.exam_course_id == course_id, Certification.path_id.in_(on_path))
        )
    certs = session.scalars(query).all()
    if not certs:
        return []
    ids = [c.id for c in certs]
    grants = _latest(
        session.scalars(
            select(CertificationGrant)
            .where(
                CertificationGrant.user_id == user.id, CertificationGrant.certification_id.in_(ids)
            )
            .order_by(CertificationGrant.granted_at, CertificationGrant.id)
        )
    )
    sign_offs = session.scalars(
        select(SignOff)
        .where(SignOff.user_id == user.id, SignOff.certification_id.in_(ids))
        .order_by(SignOff.created_at, SignOff.id)
    ).all()
    courses = _courses(session, user, certs)
    modules = _modules(session, [c for cs in courses.values() for c in cs])
    standings = [_standing(cert, grants.get(cert.id), now) for cert in certs]
    evidence = _Evidence(session, user, standings, modules)
    for standing in standings:
        _fill(standing, courses[standing.certification.id], modules, evidence, sign_offs)
    return standings


@dataclass
class _CourseRow:
    id: int
    slug: str
    title: str
    complete: bool
    exam: bool


def _courses(session: Session, user: User, certs: list[Certification]) -> dict[int, list]:
    """Each certification's live courses, path order then the exam, with the rep's completion."""
    path_ids = [c.path_id for c in certs]
    rows = session.execute(
        select(PathCourse.path_id, Course.id, Course.slug, Course.title, CourseRecord.completed_at)
        .join(Course, Course.id == PathCourse.course_id)
        .outerjoin(
            CourseRecord,
            (CourseRecord.course_id == Course.id) & (CourseRecord.user_id == user.id),
        )
        .where(PathCourse.path_id.in_(path_ids), Course.retired_at.is_(None))
        .order_by(PathCourse.path_id, PathCourse.position)
    ).all()
    exam_ids = [c.exam_course_id for c in certs if c.exam_course_id]
    exams = {
        r.id: r
        for r in session.execute(
            select(Course.id, Course.slug, Course.title, CourseRecord.completed_at)
            .outerjoin(
                CourseRecord,
                (CourseRecord.course_id == Course.id) & (CourseRecord.user_id == user.id),
            )
            .where(Course.id.in_(exam_ids), Course.retired_at.is_(None))
        )
    }
    found: dict[int, list[_CourseRow]] = {}
    for cert in certs:
        listed = [
            _CourseRow(r.id, r.slug, r.title, r.completed_at is not None, False)
            for r in rows
            if r.path_id == cert.path_id
        ]
        exam = exams.get(cert.exam_course_id)
        if exam is not None:
            listed.append(
                _CourseRow(exam.id, exam.slug, exam.title, exam.completed_at is not None, True)
            )
        found[cert.id] = listed
    return found


def _modules(session: Session, courses: list[_CourseRow]) -> dict[int, list[Module]]:
    """The live modules of the courses, by course, in order."""
    by_course: dict[int, list[Module]] = {c.id: [] for c in courses}
    if not by_course:
        return by_course
    for module in session.scalars(
        select(Module)
        .where(Module.course_id.in_(list(by_course)), Module.retired_at.is_(None))
        .order_by(Module.course_id, Module.position)
    ):
        by_course[module.course_id].append(module)
    return by_course


def _standing(cert: Certification, grant: CertificationGrant | None, now: datetime) -> Standing:
    title = cert.path.title
    if grant is None:
        return Standing(cert, title, None, FIRST, None, now)
    if grant.revoked_at is not None:
        return Standing(cert, title, grant, REGAIN, grant.revoked_at, now)
    opens = window_opens(grant.granted_at, grant.expires_at)
    return Standing(cert, title, grant, RECERTIFY, opens, now)


class _Evidence:
    """The rep's recent passes and readings of every module a renewal may ask, in 3 reads."""

    def __init__(self, session: Session, user: User, standings: list[Standing], modules):
        self.passed: dict[int, datetime] = {}
        self.read: dict[int, datetime] = {}
        self.changed: dict[int, list[tuple[str, datetime]]] = {}
        renewals = [s for s in standings if s.round != FIRST]
        if not renewals:
            return
        ids = [m.id for ms in modules.values() for m in ms]
        since = min(s.grant.granted_at for s in renewals)
        self.passed = dict(
            session.execute(
                select(Attempt.module_id, func.max(Attempt.submitted_at))
                .where(
                    Attempt.user_id == user.id,
                    Attempt.passed.is_(True),
                    Attempt.module_id.in_(ids),
                    Attempt.submitted_at >= since,
                )
                .group_by(Attempt.module_id)
            ).all()
        )
        self.read = dict(
            session.execute(
                select(ModuleProgress.module_id, ModuleProgress.last_activity_at).where(
                    ModuleProgress.user_id == user.id,
                    ModuleProgress.module_id.in_(ids),
                    ModuleProgress.completed_at.is_not(None),
                )
            ).all()
        )
        for module_id, key, when in session.execute(
            select(Question.module_id, Question.key, Question.updated_at)
            .where(
                Question.module_id.in_(ids),
                Question.retired_at.is_(None),
                Question.updated_at > since,
            )
            .order_by(Question.module_id, Question.position)
        ):
            self.changed.setdefault(module_id, []).append((key, when))

    def done_since(self, module: Module, since: datetime) -> bool:
        """Passed (a quiz) or read (no quiz) at or after since."""
        when = self.passed.get(module.id) if module.has_quiz else self.read.get(module.id)
        return when is not None and when >= since


def _changed(module: Module, grant: CertificationGrant) -> bool:
    """A module added, or given a new version, since the grant."""
    held = grant.versions.get(str(module.id))
    return held is None or module.version > held


def _fill(standing: Standing, courses, modules, evidence: _Evidence, sign_offs) -> None:
    cert, grant = standing.certification, standing.grant
    if standing.round == FIRST:
        standing.steps = [
            Step(("Exam: " if c.exam else "") + c.title, c.complete, c.slug) for c in courses
        ]
    else:
        since = standing.since
        for course in courses:
            for module in modules[course.id]:
                if standing.round == RECERTIFY and cert.recertify == "changes":
                    if not _changed(module, grant):
                        continue
                    # Evidence from before the change is of the old content.
                    start = max(grant.granted_at, module.updated_at)
                    questions = [
                        key
                        for key, when in evidence.changed.get(module.id, [])
                        if when > grant.granted_at
                    ]
                else:
                    start, questions = since, []
                standing.steps.append(
                    Step(
                        f"{course.title}: {module.title}",
                        evidence.done_since(module, start),
                        course.slug,
                        module.slug,
                        questions,
                    )
                )
    asks_sign_off = standing.round != RECERTIFY or cert.recertify == "full"
    if not asks_sign_off:
        return
    latest = {
        s.item_id: s
        for s in sign_offs
        if s.certification_id == cert.id
        and (standing.since is None or s.created_at >= standing.since)
    }
    standing.sign_offs = [
        SignOffState(item["id"], item["title"], latest.get(item["id"])) for item in cert.sign_off
    ]
