"""Practice: what reps hand in for a practice module, its media, and its rubric reviews."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms import clock
from lms.db import Base, UTCDateTime
from lms.models.content import Module
from lms.models.types import enum_column
from lms.models.users import User


class SubmissionStatus(StrEnum):
    WAITING = "waiting"  # for a review that decides
    PASSED = "passed"
    RETRY = "retry"  # needs another try


class PracticeSubmission(Base):
    """One version of a rep's work on a practice module; every version is kept."""

    __tablename__ = "practice_submissions"
    __table_args__ = (
        UniqueConstraint("user_id", "module_id", "number"),
        # The review queue: waiting submissions, oldest first.
        Index("ix_practice_submissions_status_submitted", "status", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"), index=True)
    number: Mapped[int]  # 1 for the first version, then 2, 3, ...
    # One token per rendered form: a form sent twice finds its submission, never a twin.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str | None] = mapped_column(Text)  # a written response
    status: Mapped[SubmissionStatus] = mapped_column(
        enum_column(SubmissionStatus), default=SubmissionStatus.WAITING
    )
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    user: Mapped[User] = relationship()
    module: Mapped[Module] = relationship()
    media: Mapped[PracticeMedia | None] = relationship(back_populates="submission")
    reviews: Mapped[list[PracticeReview]] = relationship(
        back_populates="submission", order_by="PracticeReview.created_at"
    )


class PracticeMedia(Base):
    """The file of a submission (a recording or a document), kept in the media storage."""

    __tablename__ = "practice_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("practice_submissions.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # video | audio | file
    storage_key: Mapped[str] = mapped_column(String(200), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    filename: Mapped[str] = mapped_column(String(200))  # what the download is called
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # An admin deleted the file: the row stays, so the review still says what it reviewed.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    submission: Mapped[PracticeSubmission] = relationship(back_populates="media")


class PracticeReview(Base):
    """A reviewer's read of a submission against the module's rubric."""

    __tablename__ = "practice_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("practice_submissions.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # manager | trainer | peer: a peer's review never decides a pass by itself.
    reviewer_role: Mapped[str] = mapped_column(String(20))
    decides: Mapped[bool]
    score: Mapped[float] = mapped_column(Float)  # the weighted average of the levels
    passed: Mapped[bool]
    overall_comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    submission: Mapped[PracticeSubmission] = relationship(back_populates="reviews")
    reviewer: Mapped[User] = relationship()
    scores: Mapped[list[CriterionScore]] = relationship(
        back_populates="review", order_by="CriterionScore.position"
    )
    timed_comments: Mapped[list[TimedComment]] = relationship(
        back_populates="review", order_by="TimedComment.seconds"
    )


class CriterionScore(Base):
    """The level a review gives one criterion of the rubric, and why."""

    __tablename__ = "practice_criterion_scores"
    __table_args__ = (UniqueConstraint("review_id", "criterion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("practice_reviews.id"))
    criterion: Mapped[str] = mapped_column(String(80))  # the rubric's criterion id
    position: Mapped[int]
    level: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")

    review: Mapped[PracticeReview] = relationship(back_populates="scores")


class TimedComment(Base):
    """A comment anchored at a moment of the recording."""

    __tablename__ = "practice_timed_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("practice_reviews.id"), index=True)
    seconds: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    review: Mapped[PracticeReview] = relationship(back_populates="timed_comments")
