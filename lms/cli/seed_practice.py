"""Demo practice on Team Atlas: versions waiting for review, passed, and needing another try."""

from __future__ import annotations

import io
import math
import struct
import wave

from flask import current_app
from sqlalchemy import select

from lms.db import db
from lms.models import Module, PracticeSubmission, User
from lms.practice import submissions
from lms.practice.reviews import ReviewInput, record_review
from lms.practice.storage import storage_from_settings

PITCH = "pitch-frank-in-two-minutes"
OBJECTION = "price-objection-role-play"
EMAIL = "first-email-to-a-prospect"

EMAIL_TEXT = """Subject: Your Friday afternoons

Hi Mei,

Your post about spending Fridays chasing pipeline updates stayed with me: most sales
managers I speak to lose the same afternoon.

One team your size now gets those updates from the CRM automatically and spends Friday
on two coaching sessions instead.

Would a 15-minute call next Tuesday be useful to see how?

Alex"""

OBJECTION_TEXT = """Omar: "Your price is 40% above the other tool. I can't take this to my CRO."
Me: "That's fair, and I'd rather you ask now than after. What is the other price for?"
Omar: "The same number of seats, forecasting only."
Me: "Then let's compare what your CRO gets: the forecast inside 5% for Copperline took
three weeks. Shall we put the payback on one page for her, and review it on Thursday?"
"""


def tone_wav(seconds: int = 3, rate: int = 8000) -> bytes:
    """A short, real WAV recording (a quiet tone) the demo's players can play."""
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        frames = (int(3000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(seconds * rate))
        file.writeframes(b"".join(struct.pack("<h", f) for f in frames))
    return out.getvalue()


# (rep email, module slug, what happens): "pass", "retry" or "wait"; a retry may be
# followed by a waiting second version.
DEMO_PRACTICE = [
    ("noah@example.com", PITCH, ["pass"]),
    ("noah@example.com", OBJECTION, ["pass"]),
    ("noah@example.com", EMAIL, ["retry", "pass"]),
    ("priya@example.com", PITCH, ["retry", "pass"]),
    ("priya@example.com", OBJECTION, ["pass"]),
    ("priya@example.com", EMAIL, ["pass"]),
    ("mia@example.com", PITCH, ["wait"]),
    ("mia@example.com", EMAIL, ["retry"]),
    ("sam@example.com", OBJECTION, ["retry", "wait"]),
]

PASSING = 4
FAILING = 2


def _review(manager: User, submission: PracticeSubmission, passes: bool) -> None:
    rubric = submission.module.practice["rubric"]
    level = PASSING if passes else FAILING
    given = ReviewInput(
        levels={c["id"]: level for c in rubric["criteria"]},
        comments={rubric["criteria"][0]["id"]: "Good start." if passes else "Open with them."},
        overall="Ready for a real buyer." if passes else "Close: try it once more.",
    )
    if submission.media is not None:
        given.timed = [(1, "Here: say the number first.")]
    with db.writing() as session:
        record_review(session, manager, session.get(PracticeSubmission, submission.id), given)


def _hand_in(storage, rep: User, module: Module, blob: bytes) -> PracticeSubmission:
    kinds = module.practice["submit"]
    text = ""
    upload = None
    if "text" in kinds:
        text = EMAIL_TEXT if module.slug == EMAIL else OBJECTION_TEXT
    else:
        upload = submissions.Upload(io.BytesIO(blob), "pitch.wav")
    limit = int(current_app.config["PRACTICE_MAX_BYTES"])
    token = submissions.new_token()
    return submissions.submit(storage, rep, module, token, text, upload, limit)


def seed_practice() -> int:
    """Hand in and review the demo's practice once; return how many versions it added."""
    if db.session.scalar(select(PracticeSubmission.id).limit(1)) is not None:
        return 0
    modules = {
        m.slug: m for m in db.session.scalars(select(Module).where(Module.practice.is_not(None)))
    }
    manager = db.session.scalar(select(User).where(User.email == "manager@example.com"))
    if manager is None or not all(slug in modules for slug in (PITCH, OBJECTION, EMAIL)):
        return 0
    storage = storage_from_settings(current_app.config, current_app.instance_path)
    blob = tone_wav()
    added = 0
    for email, slug, steps in DEMO_PRACTICE:
        rep = db.session.scalar(select(User).where(User.email == email))
        if rep is None:
            continue
        for step in steps:
            submission = _hand_in(storage, rep, modules[slug], blob)
            added += 1
            if step != "wait":
                _review(manager, submission, passes=step == "pass")
    return added
