"""Recordings over the module's time limit are refused on the server, and nothing is kept."""

from __future__ import annotations

import io
from pathlib import Path

import av
import pytest
from sqlalchemy import select

from lms.db import db
from lms.models import Module, PracticeMedia
from lms.practice.durations import (
    TOLERANCE_SECONDS,
    TooLong,
    check_duration,
    duration_seconds,
    seekable_from,
)
from tests.helpers.media import WEBM_HEAD, recording
from tests.helpers.practice import hand_in
from tests.helpers.sign_in import signed_in_client

LIMIT = 2 * 60  # the pitch module's max_minutes: 2


class OneWay(io.RawIOBase):
    """A stream that cannot seek, as some WSGI servers hand over a request body."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.mark.parametrize(
    ("kind", "container", "live"),
    [
        ("audio", "webm", False),
        ("audio", "webm", True),  # MediaRecorder's WebM: no duration in the header
        ("video", "webm", False),
        ("video", "webm", True),
        ("audio", "mp4", False),
        ("video", "mp4", False),
    ],
)
def test_the_length_is_read_from_the_file(kind, container, live):
    clip = recording(3.0, kind, container, live)
    assert duration_seconds(io.BytesIO(clip)) == pytest.approx(3.0, abs=0.1)


def test_a_webm_without_a_duration_header_is_timed_from_its_packets():
    clip = recording(4.0, live=True)
    with av.open(io.BytesIO(clip)) as container:
        assert container.duration is None  # what the check cannot rely on
    assert duration_seconds(io.BytesIO(clip)) == pytest.approx(4.0, abs=0.1)


def test_unreadable_files_have_no_length():
    assert duration_seconds(io.BytesIO(WEBM_HEAD + b"\x07" * 4000)) is None
    assert duration_seconds(io.BytesIO(b"")) is None


def test_the_check_leaves_the_stream_at_its_start_and_stops_early():
    clip = recording(20.0, live=True)
    stream = io.BytesIO(clip)
    with pytest.raises(TooLong, match="0:10 at most"):
        check_duration(stream, 10)
    check_duration(stream, 20)  # within the limit: no refusal
    assert stream.tell() == 0
    # Walking stops once past the limit (plus slack): a long file is not read to its end.
    assert duration_seconds(io.BytesIO(clip), stop_after=5) < 8


def test_a_stream_that_cannot_seek_is_spooled_whole():
    clip = recording(3.0)
    one_way = OneWay(clip)
    head = one_way.read(16)
    stream = seekable_from(one_way, head)
    assert stream.read() == clip


def _kept_nothing(app) -> None:
    with app.app_context():
        assert db.session.scalar(select(PracticeMedia)) is None
    folder = Path(app.config["PRACTICE_MEDIA_DIR"])
    assert not folder.exists() or not any(folder.iterdir())


@pytest.mark.parametrize(
    ("kind", "container", "live"),
    [("audio", "webm", True), ("video", "webm", False), ("video", "mp4", False)],
)
def test_a_recording_over_the_limit_is_refused_and_nothing_is_stored(
    app, org, kind, container, live
):
    clip = recording(LIMIT + TOLERANCE_SECONDS + 3, kind, container, live)
    ana = signed_in_client(app, "ana@example.com")
    response = hand_in(ana, file=clip, name=f"pitch.{container}")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "This recording is longer than this practice takes (2 minutes at most)" in page
    _kept_nothing(app)


def test_a_recording_within_the_limit_and_its_slack_is_taken(app, org):
    ana = signed_in_client(app, "ana@example.com")
    clip = recording(LIMIT + TOLERANCE_SECONDS - 2, live=True)
    assert hand_in(ana, file=clip).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(PracticeMedia.size)) == len(clip)


def test_a_recording_whose_length_cannot_be_read_is_refused(app, org):
    ana = signed_in_client(app, "ana@example.com")
    response = hand_in(ana, file=WEBM_HEAD + b"\x07" * 4000)
    assert response.status_code == 422
    assert "This recording could not be read" in response.get_data(as_text=True)
    _kept_nothing(app)


def test_modules_without_max_minutes_take_the_apps_setting(app, org):
    with app.app_context(), db.writing() as session:
        module = session.scalar(select(Module).where(Module.slug == "pitch"))
        module.practice = {**module.practice, "max_minutes": None}
    app.config["PRACTICE_MAX_MINUTES"] = 1
    ana = signed_in_client(app, "ana@example.com")
    response = hand_in(ana, file=recording(60 + TOLERANCE_SECONDS + 3))
    assert response.status_code == 422
    assert "(1 minute at most)" in response.get_data(as_text=True)
    assert hand_in(ana, file=recording(50)).status_code == 302
