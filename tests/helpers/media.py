"""Sample files for practice uploads: real container signatures, and files that must be refused."""

from __future__ import annotations

import functools
import io

import av

WEBM_HEAD = bytes.fromhex(
    "1A45DFA39F4286810142F7810142F2810442F381084282847765626D4287810442858102"
)
"""An EBML header that says WebM: the sniffer takes it, FFmpeg finds nothing after it."""

RATE = 48_000  # Opus takes 48 kHz
FRAME = 960  # 20 ms of Opus


def _silence(stream, container, seconds: float) -> None:
    """Encode seconds of silent mono audio into the stream, then flush it."""
    for start in range(0, int(seconds * RATE), FRAME):
        frame = av.AudioFrame(format="s16", layout="mono", samples=FRAME)
        frame.planes[0].update(bytes(FRAME * 2))
        frame.sample_rate, frame.pts = RATE, start
        container.mux(stream.encode(frame))
    container.mux(stream.encode(None))


def _frames(stream, container, seconds: float, fps: int) -> None:
    """Encode seconds of a tiny grey picture into the stream, then flush it."""
    for number in range(int(seconds * fps)):
        frame = av.VideoFrame(32, 32, "yuv420p")
        for plane in frame.planes:
            plane.update(bytes([128]) * plane.buffer_size)
        frame.pts = number
        container.mux(stream.encode(frame))
    container.mux(stream.encode(None))


@functools.cache
def recording(seconds: float, kind: str = "audio", container: str = "webm", live=False) -> bytes:
    """A real recording made with PyAV: silent audio (Opus, or AAC in MP4) or a tiny video.

    live=True writes WebM as Chromium's MediaRecorder does: no duration in the header, so
    only the packets say how long it is.
    """
    out = io.BytesIO()
    options = {"live": "1"} if live else {}
    with av.open(out, "w", format=container, options=options) as made:
        if kind == "video":
            codec = "libvpx" if container == "webm" else "mpeg4"
            stream = made.add_stream(codec, rate=10)
            stream.width = stream.height = 32
            stream.pix_fmt = "yuv420p"
            _frames(stream, made, seconds, 10)
        else:
            stream = made.add_stream("libopus" if container == "webm" else "aac", rate=RATE)
            stream.layout = "mono"
            _silence(stream, made, seconds)
    return out.getvalue()


def webm(size: int = 4096) -> bytes:
    """A real one-second WebM, padded with zeros to the given size (FFmpeg reads past them)."""
    clip = recording(1.0)
    return clip + b"\x00" * max(size - len(clip), 0)


def pdf() -> bytes:
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
"""A Linux executable's first bytes: refused whatever it is called."""
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120
"""A Windows executable's first bytes."""
