"""Handing in and reviewing practice through the real forms (tests/practice, bench)."""

from __future__ import annotations

import io
import re

from sqlalchemy import select

from lms.db import db
from lms.models import PracticeSubmission

PITCH = "/practice/pitching/pitch"
EMAIL = "/practice/pitching/email"
PEER = "/practice/pitching/peer"


def form_token(html: str) -> str:
    return re.search(r'name="token"[^>]*value="([0-9a-f]+)"', html).group(1)


def hand_in(client, url: str = PITCH, text: str = "", file: bytes | None = None, name="clip.webm"):
    """Open the practice page and send its form; return the response."""
    page = client.get(url).get_data(as_text=True)
    data = {"token": form_token(page), "text": text}
    if file is not None:
        data["media"] = (io.BytesIO(file), name)
    return client.post(url, data=data, content_type="multipart/form-data")


def review(client, submission_id: int, levels: dict, timed=(), overall="", comments=None):
    """Post the rubric form: levels by criterion id, timed comments as ("1:42", text)."""
    data = {"overall": overall}
    for criterion, level in levels.items():
        data[f"level-{criterion}"] = str(level)
        data[f"comment-{criterion}"] = (comments or {}).get(criterion, "")
    data["timed-time"] = [t for t, _ in timed]
    data["timed-text"] = [x for _, x in timed]
    return client.post(f"/practice/submissions/{submission_id}/review", data=data)


def latest_submission(app, user_id: int) -> PracticeSubmission:
    with app.app_context():
        found = db.session.scalar(
            select(PracticeSubmission)
            .where(PracticeSubmission.user_id == user_id)
            .order_by(PracticeSubmission.id.desc())
            .limit(1)
        )
        db.session.expunge(found)
        return found
