"""Recording a manager's judgement of a rep, kept as dated history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.db import db
from lms.models import Judgement, User, Verdict
from lms.refusals import Refusal

MAX_NOTE_LENGTH = 2000


class JudgementError(Refusal):
    """The form was not filled in right; the message says what to fix."""


def parse_verdict(value: str | None) -> Verdict:
    try:
        return Verdict(value or "")
    except ValueError:
        raise JudgementError("Choose Ready or Not yet.") from None


def latest_judgement(session: Session, rep: User) -> Judgement | None:
    """The rep's most recent judgement, if any: one statement."""
    return session.scalar(
        select(Judgement)
        .where(Judgement.rep_id == rep.id)
        .order_by(Judgement.created_at.desc(), Judgement.id.desc())
        .limit(1)
    )


def record_judgement(
    rep: User,
    manager: User,
    verdict_value: str | None,
    note: str | None,
    shared: bool = False,
) -> Judgement:
    """Store a new judgement; earlier ones stay as history. `shared` shows the note to the rep."""
    verdict = parse_verdict(verdict_value)
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise JudgementError(f"Keep the note under {MAX_NOTE_LENGTH} characters.")
    with db.writing() as session:
        judgement = Judgement(
            rep_id=rep.id, manager_id=manager.id, verdict=verdict, note=note, shared=shared
        )
        session.add(judgement)
        return judgement
