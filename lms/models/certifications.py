"""Certifications: their definitions from paths.yml, grants to reps, and manager sign-offs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms import clock
from lms.db import Base, UTCDateTime
from lms.models.content import Course, LearningPath
from lms.models.users import User


class Certification(Base):
    """A path's certification as the last import stored it."""

    __tablename__ = "certifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    path_id: Mapped[int] = mapped_column(ForeignKey("learning_paths.id"), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    valid_months: Mapped[int]
    recertify: Mapped[str] = mapped_column(String(10))  # changes | full
    exam_course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    # [{"id": "standard-demo", "title": "Delivered the standard demo"}], in file order.
    sign_off: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    path: Mapped[LearningPath] = relationship()
    exam_course: Mapped[Course | None] = relationship()


FIRST_GRANT = text("previous_id IS NULL")


class CertificationGrant(Base):
    """One certificate: granted to a rep on evidence; renewal adds a new grant."""

    __tablename__ = "certification_grants"
    __table_args__ = (
        Index("ix_certification_grants_user", "user_id", "certification_id", "granted_at"),
        Index("ix_certification_grants_expires", "expires_at"),
        # Grants chain: one first grant per rep and certification, and one grant after each
        # grant, so two workers granting the same round at once cannot both succeed.
        Index(
            "uq_certification_grants_first",
            "user_id",
            "certification_id",
            unique=True,
            sqlite_where=FIRST_GRANT,
            postgresql_where=FIRST_GRANT,
        ),
        Index("uq_certification_grants_previous", "previous_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int] = mapped_column(ForeignKey("certifications.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The id in the public verification URL: secrets.token_urlsafe, never the row id.
    public_id: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))  # as it was when granted
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # {module id: module version} of the path's and exam's modules when it was granted.
    versions: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    # The grant this one renews (or regains after a revocation); None for the first.
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("certification_grants.id", ondelete="CASCADE")
    )

    certification: Mapped[Certification] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])

    def status(self, now: datetime) -> str:
        """valid, expired or revoked at the instant now."""
        if self.revoked_at is not None:
            return "revoked"
        return "valid" if now < self.expires_at else "expired"


class SignOff(Base):
    """A manager's confirmation of one sign-off item for one rep; later ones add rows."""

    __tablename__ = "certification_sign_offs"
    __table_args__ = (
        Index("ix_certification_sign_offs_user", "user_id", "certification_id", "item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int] = mapped_column(ForeignKey("certifications.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(80))
    confirmed_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    manager: Mapped[User | None] = relationship(foreign_keys=[manager_id])
