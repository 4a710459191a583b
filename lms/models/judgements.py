"""A manager's own read of a rep, kept beside what the data says."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms import clock
from lms.db import Base, UTCDateTime
from lms.models.types import enum_column
from lms.models.users import User


class Verdict(StrEnum):
    READY = "ready"
    NOT_YET = "not yet"


class Judgement(Base):
    """One dated judgement; the history is every row, the latest is the current view."""

    __tablename__ = "judgements"
    __table_args__ = (Index("ix_judgements_rep_created", "rep_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    verdict: Mapped[Verdict] = mapped_column(enum_column(Verdict))
    note: Mapped[str] = mapped_column(Text, default="")
    # Whether the rep sees the note on their own page; the manager chooses, default private.
    shared: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    manager: Mapped[User] = relationship(foreign_keys=[manager_id])
