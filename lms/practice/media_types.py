"""What a practice upload is, read from its first bytes (never its name or declared type)."""

from __future__ import annotations

from dataclasses import dataclass

import filetype

from lms.refusals import Refusal

HEAD_BYTES = 8192
"""Enough for every signature filetype reads, the zip-based documents included."""

RECORDINGS = {
    "video/webm": "webm",
    "video/mp4": "mp4",
    "video/x-m4v": "m4v",
    "video/quicktime": "mov",
    "video/x-matroska": "mkv",
    "video/3gpp": "3gp",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "audio/ogg": "ogg",
    "audio/x-wav": "wav",
    "audio/aac": "aac",
    "audio/x-flac": "flac",
}
DOCUMENTS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


class MediaRefused(Refusal):
    status = 415


@dataclass(frozen=True)
class MediaType:
    mime: str
    extension: str
    kind: str  # video | audio | file, as the module's submit list names them

    @property
    def is_recording(self) -> bool:
        return self.kind in ("video", "audio")


def sniff(head: bytes, allowed_kinds: list[str]) -> MediaType:
    """The type of a file from its first bytes; MediaRefused unless the module accepts it."""
    found = filetype.guess(head) if head else None
    mime = found.mime if found else None
    takes_recordings = any(k in allowed_kinds for k in ("video", "audio"))
    if mime in RECORDINGS and takes_recordings:
        # An audio-only WebM still reads as video/webm: the player copes either way.
        kind = "audio" if mime.startswith("audio/") else "video"
        return MediaType(mime, RECORDINGS[mime], kind)
    if mime in DOCUMENTS and "file" in allowed_kinds:
        return MediaType(mime, DOCUMENTS[mime], "file")
    accepted = []
    if takes_recordings:
        accepted.append("a video or audio recording (WebM, MP4, MOV, MP3, M4A, Ogg, WAV)")
    if "file" in allowed_kinds:
        accepted.append("a document (PDF, Word, PowerPoint, OpenDocument)")
    if not accepted:
        raise MediaRefused("This practice takes no files: write your answer instead.")
    raise MediaRefused(
        "This file is not one this practice accepts. Send " + " or ".join(accepted) + "."
    )
