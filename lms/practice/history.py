"""A rep's practice versions for the rep page: status and deciding score, one statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.models import Course, Module, PracticeReview, PracticeSubmission, SubmissionStatus


@dataclass(frozen=True)
class VersionRow:
    submission_id: int
    course_title: str
    module_title: str
    number: int
    status: SubmissionStatus
    submitted_at: datetime
    score: float | None  # the latest deciding review's weighted score; None while waiting


def rep_versions(session: Session, rep_id: int) -> list[VersionRow]:
    """Every version the rep handed in, by course, module and version number."""
    # The deciding score is a subquery, so the page costs one statement however many versions.
    score = (
        select(PracticeReview.score)
        .where(PracticeReview.submission_id == PracticeSubmission.id, PracticeReview.decides)
        .order_by(PracticeReview.created_at.desc(), PracticeReview.id.desc())
        .limit(1)
        .correlate(PracticeSubmission)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            PracticeSubmission.id,
            Course.title,
            Module.title,
            PracticeSubmission.number,
            PracticeSubmission.status,
            PracticeSubmission.submitted_at,
            score,
        )
        .join(Module, Module.id == PracticeSubmission.module_id)
        .join(Course, Course.id == Module.course_id)
        .where(PracticeSubmission.user_id == rep_id)
        .order_by(Course.title, Module.position, PracticeSubmission.number)
    )
    return [VersionRow(*row) for row in rows]
