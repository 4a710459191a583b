"""Reviewing practice against the module's rubric: levels, comments, the weighted score, pass."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from lms import clock
from lms.content.practice import weighted_score
from lms.models import (
    CriterionScore,
    PracticeReview,
    PracticeSubmission,
    Role,
    SubmissionStatus,
    TimedComment,
    User,
)
from lms.progress.records import complete_in_write
from lms.refusals import Refusal

MAX_COMMENT_CHARS = 2_000
MAX_OVERALL_CHARS = 5_000
MAX_TIMED_COMMENTS = 50
MAX_SECONDS = 4 * 3600


class ReviewRefused(Refusal):
    """A review that cannot be stored as sent."""


@dataclass
class ReviewInput:
    """What the reviewer filled in: a level and comment per criterion, timed comments, overall."""

    levels: dict[str, int] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    timed: list[tuple[int, str]] = field(default_factory=list)
    overall: str = ""


def level_labels(rubric: dict) -> dict[int, str]:
    """Each level's label from the stored rubric ([[level, label], ...])."""
    return {int(level): label for level, label in rubric.get("levels", [])}


def check(rubric: dict, given: ReviewInput) -> list[str]:
    """What is wrong with the review, written for the reviewer; empty when it can be stored."""
    problems = []
    low, high = rubric["low"], rubric["high"]
    for criterion in rubric["criteria"]:
        level = given.levels.get(criterion["id"])
        if level is None or not low <= level <= high:
            problems.append(f"Choose a level from {low} to {high} for “{criterion['title']}”.")
        if len(given.comments.get(criterion["id"], "")) > MAX_COMMENT_CHARS:
            problems.append(f"Keep each comment under {MAX_COMMENT_CHARS:,} characters.")
    if len(given.overall) > MAX_OVERALL_CHARS:
        problems.append(f"Keep the overall comment under {MAX_OVERALL_CHARS:,} characters.")
    if len(given.timed) > MAX_TIMED_COMMENTS:
        problems.append(f"At most {MAX_TIMED_COMMENTS} timed comments fit one review.")
    for seconds, text in given.timed:
        if not 0 <= seconds <= MAX_SECONDS or not text or len(text) > MAX_COMMENT_CHARS:
            problems.append("Each timed comment needs a time like 1:42 and a short comment.")
            break
    return problems


def reviewer_role(reviewer: User, practice: dict) -> str:
    """manager | trainer | peer: how this reviewer's review counts on this module."""
    if reviewer.role is Role.TRAINER or reviewer.role is Role.ADMIN:
        return "trainer"
    if reviewer.role is Role.MANAGER:
        return "manager"
    return "peer"


def decides(role: str, practice: dict) -> bool:
    """Managers and trainers decide a pass; a peer's review never decides one alone."""
    return role != "peer"


def record_review(
    session: Session, reviewer: User, submission: PracticeSubmission, given: ReviewInput
) -> PracticeReview:
    """Store a review (in the caller's write); a deciding one settles the version.

    A pass completes the module for the rep, as passing a quiz does.
    """
    if submission.status is not SubmissionStatus.WAITING:
        raise ReviewRefused("This version was already reviewed.", 409)
    module = submission.module
    practice = module.practice or {}
    rubric = practice.get("rubric")
    if not rubric:
        raise ReviewRefused("This module has no rubric to review against.")
    problems = check(rubric, given)
    if problems:
        raise ReviewRefused(" ".join(dict.fromkeys(problems)))
    role = reviewer_role(reviewer, practice)
    score = weighted_score(rubric["criteria"], given.levels)
    passed = score >= float(practice["pass_mark"])
    now = clock.now()
    review = PracticeReview(
        submission_id=submission.id,
        reviewer_id=reviewer.id,
        reviewer_role=role,
        decides=decides(role, practice),
        score=score,
        passed=passed,
        overall_comment=given.overall,
        created_at=now,
    )
    session.add(review)
    session.flush()
    for position, criterion in enumerate(rubric["criteria"]):
        session.add(
            CriterionScore(
                review_id=review.id,
                criterion=criterion["id"],
                position=position,
                level=given.levels[criterion["id"]],
                comment=given.comments.get(criterion["id"], ""),
            )
        )
    for seconds, text in given.timed:
        session.add(TimedComment(review_id=review.id, seconds=seconds, text=text))
    if review.decides:
        submission.status = SubmissionStatus.PASSED if passed else SubmissionStatus.RETRY
        if passed:
            complete_in_write(session, submission.user, module, now)
    session.flush()
    return review
