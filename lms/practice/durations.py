"""How long a recording lasts, read from the file itself with FFmpeg (PyAV), never trusted."""

from __future__ import annotations

import shutil
import tempfile
from typing import BinaryIO

import av

from lms.refusals import Refusal

TOLERANCE_SECONDS = 5
"""Slack over the limit: a recorder stops a moment late and containers round their times."""
SPOOL_BYTES = 1024 * 1024
"""A stream that cannot seek is copied to a temporary file past this size, not into memory."""


class TooLong(Refusal):
    """A recording over the module's time limit, or one whose length cannot be read."""


def shown(seconds: float) -> str:
    """2:05 for 125 seconds."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def seekable_from(stream: BinaryIO, head: bytes) -> BinaryIO:
    """A seekable stream of the whole file whose first bytes, head, were already read.

    The upload itself when it can seek (Werkzeug spools large ones to disk); otherwise a
    spooled copy, so the whole file is never held in memory.
    """
    try:
        if stream.seekable():
            return stream
    except (AttributeError, ValueError):
        pass
    copy = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned)
    copy.write(head)
    shutil.copyfileobj(stream, copy)
    copy.seek(0)
    return copy


def duration_seconds(stream: BinaryIO, stop_after: float | None = None) -> float | None:
    """The length of the recording in seconds, or None if FFmpeg cannot read it.

    The container's own duration is not enough: Chromium's MediaRecorder writes WebM with
    none, and a header can say anything. So the packets are demuxed (not decoded) to the
    last timestamp; the longer of the two counts. stop_after ends the walk early once the
    recording is known to be longer than that.
    """
    try:
        with av.open(stream, mode="r") as container:
            header = container.duration / av.time_base if container.duration else 0.0
            if stop_after is not None and header > stop_after:
                return header
            tracks = [s for s in container.streams if s.type in ("audio", "video")]
            if not tracks:
                return None
            first = last = None
            for packet in container.demux(tracks):
                if packet.pts is None or packet.time_base is None:
                    continue  # the flushing packet at the end has no time
                start = float(packet.pts * packet.time_base)
                end = float((packet.pts + (packet.duration or 0)) * packet.time_base)
                first = start if first is None else min(first, start)
                last = end if last is None else max(last, end)
                if stop_after is not None and last - first > stop_after:
                    break
            demuxed = last - first if first is not None else 0.0
            found = max(header, demuxed)
            return found if found > 0 else None
    except (av.FFmpegError, ValueError, OverflowError):
        return None


def check_duration(stream: BinaryIO, max_seconds: int) -> None:
    """Refuse a recording over max_seconds (plus the tolerance) or of unreadable length.

    The stream is read from its start and left at its start again.
    """
    stream.seek(0)
    allowed = max_seconds + TOLERANCE_SECONDS
    seconds = duration_seconds(stream, stop_after=allowed)
    stream.seek(0)
    if seconds is None:
        raise TooLong("This recording could not be read: record it again, or upload another file.")
    if seconds > allowed:
        minutes = max_seconds // 60
        limit = (
            f"{minutes} minute{'s' if minutes != 1 else ''}"
            if max_seconds % 60 == 0
            else shown(max_seconds)
        )
        raise TooLong(
            f"This recording is longer than this practice takes ({limit} at most): "
            "record a shorter version and send it again."
        )
