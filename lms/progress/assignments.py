"""Putting reps on a path: who is new to it, whose start date moves, who stays as is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from lms.models import Enrollment, LearningPath, Role, Team, User
from lms.people.user_events import record_user_event
from lms.progress.states import due_date


@dataclass
class AssignResult:
    """What an assignment changed, rep by rep."""

    added: list[User] = field(default_factory=list)
    moved: list[User] = field(default_factory=list)
    kept: list[User] = field(default_factory=list)

    def summary(self, path: LearningPath) -> str:
        """One sentence for the manager."""
        parts = []
        if self.added:
            parts.append(f"assigned to {_people(self.added)}")
        if self.moved:
            parts.append(f"new start date for {_people(self.moved)}")
        if self.kept:
            parts.append(f"{_people(self.kept)} already on it kept their start date")
        return f"{path.title}: {'; '.join(parts)}."


def _people(users: list[User]) -> str:
    if len(users) == 1:
        return users[0].name
    return f"{len(users)} reps"


def may_assign(user: User, team: Team) -> bool:
    """Admins assign for any team; managers for the teams they manage."""
    if user.role is Role.ADMIN:
        return True
    return user.role is Role.MANAGER and any(m.id == user.id for m in team.managers)


def load_team(session: Session, team_id: int) -> Team | None:
    """A team with its managers."""
    return session.scalar(
        select(Team).options(selectinload(Team.managers)).where(Team.id == team_id)
    )


def team_reps(session: Session, team: Team) -> list[User]:
    """The team's active reps, by name: who can be put on a path."""
    return list(
        session.scalars(
            select(User)
            .where(User.team_id == team.id, User.role == Role.REP, User.active.is_(True))
            .order_by(User.name, User.id)
        )
    )


@dataclass
class Assignment:
    """A rep on a path, with the date the last course is due."""

    rep: User
    enrollment: Enrollment

    @property
    def last_due(self) -> date | None:
        days = [pc.due_day for pc in self.enrollment.path.courses]
        if not days:
            return None
        return due_date(self.enrollment.start_date, max(days), self.enrollment.extra_days)


def team_assignments(session: Session, reps: list[User]) -> list[Assignment]:
    """Every path the reps are on, rep by rep."""
    by_id = {rep.id: rep for rep in reps}
    enrollments = session.scalars(
        select(Enrollment)
        .options(joinedload(Enrollment.path).selectinload(LearningPath.courses))
        .where(Enrollment.user_id.in_(by_id), Enrollment.removed_at.is_(None))
        .order_by(Enrollment.user_id, Enrollment.start_date)
    ).all()
    rows = [Assignment(by_id[e.user_id], e) for e in enrollments]
    return sorted(rows, key=lambda a: (a.rep.name.lower(), a.rep.id, a.enrollment.path.title))


def assign_path(
    session: Session,
    path: LearningPath,
    reps: list[User],
    today: date,
    start: date | None = None,
    restart: bool = False,
    actor: User | None = None,
) -> AssignResult:
    """Put the reps on the path from `start` (default: each rep's own start date).

    A rep already on the path keeps their start date unless `restart` asks to change it,
    so re-assigning a whole team never silently moves anyone's due dates.
    """
    existing = {
        e.user_id: e
        for e in session.scalars(
            select(Enrollment).where(
                Enrollment.path_id == path.id, Enrollment.user_id.in_([r.id for r in reps])
            )
        )
    }
    result = AssignResult()
    for rep in reps:
        when = start or rep.start_date or today
        enrollment = existing.get(rep.id)
        if enrollment is None:
            session.add(Enrollment(user_id=rep.id, path_id=path.id, start_date=when))
            record_user_event(
                session, rep, actor, "path_assigned", path=path.title, start_date=when
            )
            result.added.append(rep)
        elif enrollment.removed_at is not None:
            # Back on a path they were taken off: a fresh start, their history still there.
            enrollment.removed_at = None
            enrollment.start_date = when
            enrollment.extra_days = 0
            record_user_event(
                session, rep, actor, "path_assigned", path=path.title, start_date=when
            )
            result.added.append(rep)
        elif restart and enrollment.start_date != when:
            record_user_event(
                session,
                rep,
                actor,
                "path_start_changed",
                path=path.title,
                old=enrollment.start_date,
                new=when,
            )
            enrollment.start_date = when
            result.moved.append(rep)
        else:
            result.kept.append(rep)
    session.flush()
    return result
