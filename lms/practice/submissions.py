"""Handing in practice: a new version of the rep's work, its file streamed to storage."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from lms import clock
from lms.content.practice import RECORDED_KINDS
from lms.db import db
from lms.models import (
    Module,
    PracticeMedia,
    PracticeReview,
    PracticeSubmission,
    SubmissionStatus,
    User,
)
from lms.practice.durations import check_duration, seekable_from
from lms.practice.media_types import HEAD_BYTES, sniff
from lms.practice.storage import MediaStorage
from lms.refusals import Refusal

MAX_TEXT_CHARS = 20_000
"""A written response: a long email or call plan fits many times over."""
TOKEN_BYTES = 16


class PracticeRefused(Refusal):
    """A hand-in the module does not take now (waiting, passed, empty, wrong kind)."""


@dataclass
class Upload:
    """A file from the form: its stream (read once, in chunks) and the name it came with."""

    stream: BinaryIO
    filename: str


def new_token() -> str:
    return secrets.token_hex(TOKEN_BYTES)


def versions(session: Session, user: User, module: Module) -> list[PracticeSubmission]:
    """Every version the rep handed in for the module, newest first, with media and reviews."""
    return list(
        session.scalars(
            select(PracticeSubmission)
            .where(PracticeSubmission.user_id == user.id, PracticeSubmission.module_id == module.id)
            .order_by(PracticeSubmission.number.desc())
            .options(
                selectinload(PracticeSubmission.media),
                selectinload(PracticeSubmission.reviews).selectinload(PracticeReview.scores),
                selectinload(PracticeSubmission.reviews).selectinload(
                    PracticeReview.timed_comments
                ),
                selectinload(PracticeSubmission.reviews).selectinload(PracticeReview.reviewer),
            )
        )
    )


def may_hand_in(latest: PracticeSubmission | None) -> bool:
    """A first version, or another after "needs another try"; never while waiting or passed."""
    return latest is None or latest.status is SubmissionStatus.RETRY


def _safe_name(filename: str, extension: str) -> str:
    """The download name: the rep's own stem, trimmed to safe characters, and the real type."""
    stem = filename.rsplit(".", 1)[0]
    kept = "".join(c for c in stem if c.isalnum() or c in "-_ ")[:80].strip() or "practice"
    return f"{kept}.{extension}"


@dataclass
class NewMedia:
    """A file already in storage, waiting for its version's row."""

    key: str
    size: int
    mime: str
    kind: str
    filename: str


def store_upload(
    storage: MediaStorage,
    kinds: list[str],
    upload: Upload,
    limit: int,
    max_seconds: int | None = None,
) -> NewMedia:
    """Sniff the file's first bytes, then stream it to storage (before any write transaction).

    With max_seconds, a recording is timed from its packets first; one too long (or whose
    length cannot be read) is refused before anything is stored.
    """
    stream = upload.stream
    head = stream.read(HEAD_BYTES)
    found = sniff(head, kinds)
    if max_seconds is not None and found.kind in RECORDED_KINDS:
        stream = seekable_from(stream, head)
        check_duration(stream, max_seconds)
        stream.seek(len(head))
    key = f"{secrets.token_hex(16)}.{found.extension}"
    stored = storage.save(key, head, stream, limit)
    name = _safe_name(upload.filename, found.extension)
    return NewMedia(key, stored.size, found.mime, found.kind, name)


def submit(
    storage: MediaStorage,
    user: User,
    module: Module,
    token: str,
    text: str,
    upload: Upload | None,
    limit: int,
    max_seconds: int | None = None,
) -> PracticeSubmission:
    """Hand in a version: the file streams to storage first, so no write waits on an upload.

    A version that is refused or fails leaves no file behind. max_seconds: the longest
    recording taken (the module's max_minutes, or the app's default).
    """
    _check_text(module, text.strip(), upload)
    kinds = (module.practice or {}).get("submit", [])
    media = store_upload(storage, kinds, upload, limit, max_seconds) if upload is not None else None
    kept = media is None
    try:
        with db.writing() as session:
            submission = hand_in(session, user, module, token, text, media)
            if media is not None:
                owner = PracticeMedia.submission_id
                stored = session.scalar(select(owner).where(PracticeMedia.storage_key == media.key))
                kept = stored == submission.id  # False: an earlier copy of this form won
        return submission
    finally:
        if not kept:
            storage.delete(media.key)


def _check_text(module: Module, text: str, upload: Upload | None) -> None:
    kinds = (module.practice or {}).get("submit", [])
    if text and "text" not in kinds:
        raise PracticeRefused("This practice takes a recording or a file, not written text.")
    if len(text) > MAX_TEXT_CHARS:
        raise PracticeRefused(f"Keep the written answer under {MAX_TEXT_CHARS:,} characters.")
    if not text and upload is None:
        raise PracticeRefused("Add a recording, a file or your written answer, then send it.")


def hand_in(
    session: Session,
    user: User,
    module: Module,
    token: str,
    text: str,
    media: NewMedia | None,
) -> PracticeSubmission:
    """Store a new version (inside the caller's write); PracticeRefused when it cannot be taken."""
    earlier = session.scalar(select(PracticeSubmission).where(PracticeSubmission.token == token))
    if earlier is not None:
        if earlier.user_id != user.id:
            raise PracticeRefused("This form was already used: open the page again.", 400)
        return earlier  # the same form sent twice: one version
    text = text.strip()
    latest = session.scalar(
        select(PracticeSubmission)
        .where(PracticeSubmission.user_id == user.id, PracticeSubmission.module_id == module.id)
        .order_by(PracticeSubmission.number.desc())
        .limit(1)
        .with_for_update()
    )
    if not may_hand_in(latest):
        raise PracticeRefused(
            "Your last version is still waiting for review."
            if latest.status is SubmissionStatus.WAITING
            else "You passed this practice already.",
            409,
        )
    submission = PracticeSubmission(
        user_id=user.id,
        module_id=module.id,
        number=(latest.number if latest else 0) + 1,
        token=token,
        text=text or None,
        status=SubmissionStatus.WAITING,
        submitted_at=clock.now(),
    )
    session.add(submission)
    try:
        session.flush()
        if media is not None:
            session.add(
                PracticeMedia(
                    submission_id=submission.id,
                    kind=media.kind,
                    storage_key=media.key,
                    content_type=media.mime,
                    size=media.size,
                    filename=media.filename,
                )
            )
            session.flush()
    except IntegrityError as exc:
        raise PracticeRefused("That version was just sent: open the page again.", 409) from exc
    return submission


def purge_media(storage: MediaStorage, older_than_days: int, deleted_by: User | None = None) -> int:
    """Delete the media of decided versions sent more than the given days ago; reviews stay."""
    cutoff = clock.now() - timedelta(days=older_than_days)
    rows = db.session.scalars(
        select(PracticeMedia)
        .join(PracticeSubmission, PracticeSubmission.id == PracticeMedia.submission_id)
        .where(
            PracticeMedia.deleted_at.is_(None),
            PracticeSubmission.status != SubmissionStatus.WAITING,
            PracticeSubmission.submitted_at < cutoff,
        )
    ).all()
    for media in rows:
        storage.delete(media.storage_key)
        with db.writing() as session:
            row = session.get(PracticeMedia, media.id)
            row.deleted_at = clock.now()
            row.deleted_by_id = deleted_by.id if deleted_by else None
    return len(rows)
