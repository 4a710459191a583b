"""One rep's record for their manager: paths, attempts with answers, timeline, judgements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from lms import clock
from lms.certification.readiness import expired_certifications, mark_expired
from lms.models import Attempt, Judgement, Module, Remediation, User
from lms.progress.facts import path_facts
from lms.progress.queries import load_paths
from lms.progress.readiness import RepReadiness, assess_rep, disagrees
from lms.progress.states import PathState
from lms.reinforcement.retention import fading_reasons


@dataclass
class Event:
    when: datetime
    text: str


@dataclass
class RepDetail:
    rep: User
    paths: list[PathState]
    readiness: RepReadiness
    attempts: list[Attempt]
    judgements: list[Judgement]
    timeline: list[Event]
    remediations: list[Remediation]

    @property
    def latest_judgement(self) -> Judgement | None:
        return self.judgements[0] if self.judgements else None

    @property
    def disagrees(self) -> bool:
        latest = self.latest_judgement
        return disagrees(self.readiness.status, latest.verdict.value if latest else None)


def assess_loaded(session: Session, rep: User, paths: list[PathState], today: date) -> RepReadiness:
    """One rep's readiness from their loaded paths, certification expiry and fading included.

    The rep page, the weekly digest and the webhook posts read it here; the dashboard reads
    the same facts for a whole team at once (lms/reports/queries.py).
    """
    expired = expired_certifications(session, [rep.id], today)
    facts = [mark_expired(path_facts(p), expired, (rep.id, p.path.id)) for p in paths]
    fading = fading_reasons(session, [rep.id], clock.now()).get(rep.id)
    return assess_rep(facts, today, rep.start_date, fading)


def load_rep_detail(session: Session, rep: User, today: date) -> RepDetail:
    """Everything the rep detail page shows, in a fixed number of statements."""
    paths = load_paths(session, rep, today)
    attempts = list(
        session.scalars(
            select(Attempt)
            .options(joinedload(Attempt.module).joinedload(Module.course))
            .where(Attempt.user_id == rep.id)
            .order_by(Attempt.submitted_at.desc(), Attempt.id.desc())
        )
    )
    judgements = _newest_first(session, Judgement, Judgement.manager, rep.id)
    remediations = _newest_first(session, Remediation, Remediation.actor, rep.id)
    readiness = assess_loaded(session, rep, paths, today)
    timeline = _timeline(paths, attempts, judgements) + [
        Event(r.created_at, f"{r.actor.name} {r.summary}. Why: {r.reason}") for r in remediations
    ]
    timeline.sort(key=lambda e: e.when, reverse=True)
    return RepDetail(rep, paths, readiness, attempts, judgements, timeline, remediations)


def _timeline(
    paths: list[PathState], attempts: list[Attempt], judgements: list[Judgement]
) -> list[Event]:
    """What happened, newest first: paths started, modules opened and done, attempts, judgements."""
    events = []
    seen_modules = set()
    for path in paths:
        start = datetime.combine(path.enrollment.start_date, time(), tzinfo=UTC)
        if path.enrollment.id:  # the courses assigned on their own are logged as remedies
            events.append(Event(start, f"Started the path {path.path.title}"))
        for course in path.courses:
            for state in course.modules:
                progress = state.progress
                if progress is None or state.module.id in seen_modules:
                    continue
                seen_modules.add(state.module.id)
                events.append(Event(progress.started_at, f"Opened {state.module.title}"))
                if progress.completed_at:
                    events.append(Event(progress.completed_at, f"Completed {state.module.title}"))
    for attempt in attempts:
        result = "passed" if attempt.passed else "not passed"
        events.append(
            Event(
                attempt.submitted_at,
                f"Quiz attempt {attempt.number} at {attempt.module.title}: "
                f"{attempt.score}%, {result}",
            )
        )
    for judgement in judgements:
        note = f": {judgement.note}" if judgement.note else ""
        note += " (note shared with the rep)" if judgement.shared and judgement.note else ""
        events.append(
            Event(
                judgement.created_at,
                f"{judgement.manager.name} judged: {judgement.verdict.value.capitalize()}{note}",
            )
        )
    return sorted(events, key=lambda e: e.when, reverse=True)


def _newest_first(session: Session, model, who, rep_id: int) -> list:
    """A rep's judgements or remedies, newest first, each with the person who made it."""
    return list(
        session.scalars(
            select(model)
            .options(joinedload(who))
            .where(model.rep_id == rep_id)
            .order_by(model.created_at.desc(), model.id.desc())
        )
    )
