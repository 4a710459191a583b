"""Who may see a rep's practice and its media, who may review it, and the review queue."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, case, exists, func, select
from sqlalchemy.orm import Session, aliased, joinedload

from lms.models import (
    Course,
    Module,
    PracticeReview,
    PracticeSubmission,
    Role,
    SubmissionStatus,
    Team,
    User,
)
from lms.models.users import team_managers
from lms.people.teams import manages_team

QUEUE_LIMIT = 200
"""The queue shows the oldest 200 waiting versions; the count says how many there are."""


def manages(session: Session, manager: User, team_id: int | None) -> bool:
    """Whether the user manages the rep's team (a rep with no team has no manager)."""
    return team_id is not None and manages_team(session, manager.id, team_id)


def is_peer_reviewer(viewer: User, submission: PracticeSubmission) -> bool:
    """A rep of the same team, on a module whose reviewers are peers, never for their own."""
    rep = submission.user
    return (
        viewer.role is Role.REP
        and viewer.id != rep.id
        and viewer.team_id is not None
        and viewer.team_id == rep.team_id
        and (submission.module.practice or {}).get("reviewers") == "peer"
    )


def may_see(session: Session, viewer: User, submission: PracticeSubmission) -> bool:
    """The rep, their managers, its reviewers, trainers and admins; nobody else."""
    if viewer.id == submission.user_id or viewer.role in (Role.TRAINER, Role.ADMIN):
        return True
    if viewer.role is Role.MANAGER:
        return manages(session, viewer, submission.user.team_id)
    if is_peer_reviewer(viewer, submission):
        return True
    return bool(
        session.scalar(
            select(
                exists().where(
                    PracticeReview.submission_id == submission.id,
                    PracticeReview.reviewer_id == viewer.id,
                )
            )
        )
    )


def may_review(session: Session, viewer: User, submission: PracticeSubmission) -> bool:
    """Trainers review any rep; managers their teams' reps; peers their teammates if asked."""
    if submission.status is not SubmissionStatus.WAITING or viewer.id == submission.user_id:
        return False
    if viewer.role is Role.TRAINER:
        return True
    reviewers = (submission.module.practice or {}).get("reviewers")
    if viewer.role is Role.MANAGER:
        return reviewers != "trainer" and manages(session, viewer, submission.user.team_id)
    if is_peer_reviewer(viewer, submission):
        reviewed = session.scalar(
            select(
                exists().where(
                    PracticeReview.submission_id == submission.id,
                    PracticeReview.reviewer_id == viewer.id,
                )
            )
        )
        return not reviewed
    return False


@dataclass
class QueueFilter:
    team_id: int | None = None
    course_id: int | None = None
    module_id: int | None = None


def _trainer_only(session: Session) -> list[int]:
    """Practice modules that only trainers review (few rows: read and filtered here)."""
    rows = session.execute(select(Module.id, Module.practice).where(Module.practice.is_not(None)))
    return [id_ for id_, practice in rows if (practice or {}).get("reviewers") == "trainer"]


def _queue_query(session: Session, viewer: User, chosen: QueueFilter):
    """Waiting versions the viewer may review, before ordering and limits (None: no queue)."""
    query = (
        select(PracticeSubmission)
        .join(User, User.id == PracticeSubmission.user_id)
        .join(Module, Module.id == PracticeSubmission.module_id)
        .where(PracticeSubmission.status == SubmissionStatus.WAITING)
    )
    if viewer.role is Role.MANAGER:
        managed = select(team_managers.c.team_id).where(team_managers.c.user_id == viewer.id)
        query = query.where(User.team_id.in_(managed))
        if excluded := _trainer_only(session):
            query = query.where(Module.id.not_in(excluded))
    elif viewer.role is not Role.TRAINER:
        return None
    if chosen.team_id:
        query = query.where(User.team_id == chosen.team_id)
    if chosen.course_id:
        query = query.where(Module.course_id == chosen.course_id)
    if chosen.module_id:
        query = query.where(Module.id == chosen.module_id)
    return query


def review_queue(
    session: Session, viewer: User, chosen: QueueFilter
) -> tuple[list[PracticeSubmission], int]:
    """The oldest waiting versions the viewer may review, and how many wait in all.

    Managers see their teams' reps, trainers every rep; a module that trainers review stays
    out of a manager's queue.
    """
    query = _queue_query(session, viewer, chosen)
    if query is None:
        return [], 0
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(
        query.options(
            joinedload(PracticeSubmission.user).joinedload(User.team),
            joinedload(PracticeSubmission.module).joinedload(Module.course),
        )
        .order_by(PracticeSubmission.submitted_at, PracticeSubmission.id)
        .limit(QUEUE_LIMIT)
    )
    return list(rows.unique()), total or 0


def queue_choices(session: Session, viewer: User) -> tuple[list[Team], list[Course], list[Module]]:
    """The teams, courses and practice modules the queue's filters offer."""
    if viewer.role is Role.MANAGER:
        teams = list(
            session.scalars(
                select(Team)
                .join(team_managers, team_managers.c.team_id == Team.id)
                .where(team_managers.c.user_id == viewer.id)
                .order_by(Team.name)
            )
        )
    else:
        teams = list(session.scalars(select(Team).order_by(Team.name)))
    modules = list(
        session.scalars(
            select(Module)
            .join(Course, Course.id == Module.course_id)
            .where(Module.practice.is_not(None), Module.retired_at.is_(None))
            .options(joinedload(Module.course))
            .order_by(Course.title, Module.position)
        )
    )
    courses = list({m.course.id: m.course for m in modules}.values())
    return teams, courses, modules


def waiting_count(session: Session, viewer: User) -> int:
    """How many versions wait for this viewer's review (the dashboard's count)."""
    query = _queue_query(session, viewer, QueueFilter())
    if query is None:
        return 0
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _team_waiting_statement():
    """Versions from one team's reps waiting for a manager (:team_id)."""
    # The trainer-only modules are picked out inside the statement, so the count costs one.
    trainer_only = select(Module.id).where(Module.practice["reviewers"].as_string() == "trainer")
    rep = aliased(User)  # an alias: the count may be a column of a query over users
    return (
        select(func.count())
        .select_from(PracticeSubmission)
        .join(rep, rep.id == PracticeSubmission.user_id)
        .where(
            PracticeSubmission.status == SubmissionStatus.WAITING,
            rep.team_id == bindparam("team_id"),
            PracticeSubmission.module_id.not_in(trainer_only),
        )
    )


TEAM_WAITING = _team_waiting_statement()


def _waiting_columns():
    """Scalars that move whenever the set of waiting versions or their reps change.

    A version leaving or joining the queue moves the count or the sum of ids; a rep
    renamed or moved to another team gets a new page_version. Keys of kept queue pages.
    """
    rep = aliased(User)
    waiting = (
        select()
        .select_from(PracticeSubmission)
        .join(rep, rep.id == PracticeSubmission.user_id)
        .where(PracticeSubmission.status == SubmissionStatus.WAITING)
    )
    return tuple(
        waiting.add_columns(column).scalar_subquery()
        for column in (
            func.count(),
            func.coalesce(func.sum(PracticeSubmission.id), 0),
            func.coalesce(func.sum(rep.page_version), 0),
        )
    )


WAITING_VERSION = _waiting_columns()


def team_waiting_count(session: Session, team_id: int) -> int:
    """Versions from one team's reps waiting for a manager, in one statement (dashboard, digest)."""
    return session.scalar(TEAM_WAITING, {"team_id": team_id}) or 0


def _peer_filter(viewer_id, team_id, teammate):
    """Teammates' waiting versions on peer-reviewed modules the viewer has not reviewed yet.

    viewer_id and team_id are parameters, or the columns of an enclosing query's users row.
    """
    reviewed = exists().where(
        PracticeReview.submission_id == PracticeSubmission.id,
        PracticeReview.reviewer_id == viewer_id,
    )
    # The same test as may_review (is_peer_reviewer), said in SQL for the whole team at once.
    return (
        PracticeSubmission.status == SubmissionStatus.WAITING,
        teammate.team_id == team_id,
        teammate.id != viewer_id,
        Module.practice["reviewers"].as_string() == "peer",
        ~reviewed,
    )


def _peer_statement(first, viewer_id, team_id):
    """A select of `first` over the peer filter (first: the submissions, or their count)."""
    teammate = aliased(User)
    return (
        select(first)
        .select_from(PracticeSubmission)
        .join(teammate, teammate.id == PracticeSubmission.user_id)
        .join(Module, Module.id == PracticeSubmission.module_id)
        .where(*_peer_filter(viewer_id, team_id, teammate))
    )


# Built once: the rep home runs the count on every view, kept page or not (issue 18).
_VIEWER, _TEAM = bindparam("viewer_id"), bindparam("team_id")
PEER_WAITING = _peer_statement(PracticeSubmission, _VIEWER, _TEAM)
PEER_WAITING_COUNT = _peer_statement(func.count(), _VIEWER, _TEAM)
# The same count as a column of a query over users: 0 for anyone but a rep (a kept page's
# one statement reads it with the user, lms/web/page_cache.py).
_users = User.__table__
PEER_WAITING_OF_USER = case(
    (
        _users.c.role == Role.REP,
        _peer_statement(func.count(), _users.c.id, _users.c.team_id).scalar_subquery(),
    ),
    else_=0,
)


def _peer_params(viewer: User) -> dict | None:
    """The statements' parameters, or None for a viewer who reviews no peer (no team, not a rep)."""
    if viewer.role is not Role.REP or viewer.team_id is None:
        return None
    return {"viewer_id": viewer.id, "team_id": viewer.team_id}


def peer_queue(session: Session, viewer: User) -> tuple[list[PracticeSubmission], int]:
    """The oldest teammates' versions a rep may review as a peer, and how many in all."""
    params = _peer_params(viewer)
    if params is None:
        return [], 0
    total = session.scalar(PEER_WAITING_COUNT, params)
    rows = session.scalars(
        PEER_WAITING.options(
            joinedload(PracticeSubmission.user),
            joinedload(PracticeSubmission.module).joinedload(Module.course),
        )
        .order_by(PracticeSubmission.submitted_at, PracticeSubmission.id)
        .limit(QUEUE_LIMIT),
        params,
    )
    return list(rows.unique()), total or 0


def peer_waiting_count(session: Session, viewer: User) -> int:
    """How many teammates' versions wait for this rep's peer review (0 without a team)."""
    params = _peer_params(viewer)
    if params is None:
        return 0
    return session.scalar(PEER_WAITING_COUNT, params) or 0
