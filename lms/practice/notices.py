"""Telling the rep that a review of their practice arrived, in the review's own write."""

from __future__ import annotations

from sqlalchemy.orm import Session

from lms.messaging.events import enqueue_personal, render
from lms.messaging.links import absolute_url
from lms.models import PracticeReview, PracticeSubmission

KIND = "practice_review"


def _wording(review: PracticeReview, submission: PracticeSubmission) -> tuple[str, str]:
    """The subject and the one-line summary: passed, another try, or a peer's feedback."""
    title = submission.module.title
    version = f"Version {submission.number}"
    if not review.decides:
        # A peer's review is feedback only: the rep must not read it as the decision.
        return (
            f"A teammate reviewed your practice: {title}",
            f"{version} has peer feedback. It is not confirmed yet: "
            "a manager or trainer still decides the pass.",
        )
    if review.passed:
        return f"Your practice passed: {title}", f"{version} passed with {review.score:g}."
    pass_mark = float((submission.module.practice or {}).get("pass_mark", 0))
    return (
        f"Your practice needs another try: {title}",
        f"{version} scored {review.score:g}; {pass_mark:g} passes. "
        "Read the review, then send a new version.",
    )


def notify_review(session: Session, review: PracticeReview, submission: PracticeSubmission) -> int:
    """Queue the rep's message in the app and by email, as they chose; how many were stored."""
    rep = submission.user
    subject, summary = _wording(review, submission)
    url = absolute_url("coaching.submission", submission_id=submission.id)
    bodies = render(
        KIND,
        user=rep,
        subject=subject,
        summary=summary,
        module=submission.module,
        peer=not review.decides,
        url=url,
    )
    return enqueue_personal(
        session,
        rep,
        KIND,
        f"{KIND}:{review.id}",
        subject,
        summary,
        bodies,
        link=f"/practice/submissions/{submission.id}",
    )
