"""The practice forms: handing in a version, reviewing one, deleting a rep's media."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, TextAreaField

from lms.practice.reviews import ReviewInput

TIMED_ROWS = 3
"""Empty timed-comment rows the review form offers without JavaScript."""


class HandInForm(FlaskForm):
    """A recording or file (streamed, read by the view) and/or a written answer."""

    token = HiddenField()
    media = FileField("Recording or file")
    text = TextAreaField("Written answer")


class ReviewForm(FlaskForm):
    """CSRF and the overall comment; the rubric's fields are named by criterion (see parse)."""

    overall = TextAreaField("Overall comment")


class DeleteMediaForm(FlaskForm):
    """An admin deletes a rep's recording; the review stays."""


def parse_time(text: str) -> int | None:
    """Seconds from "1:42", "0:05", "1:02:03" or "102"; None if it is none of those."""
    text = text.strip()
    parts = text.split(":")
    if not text or len(parts) > 3 or not all(p.isdigit() for p in parts):
        return None
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds


def shown_time(seconds: int) -> str:
    """1:42 for 102 seconds; 1:02:03 past an hour."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parse_review(form, rubric: dict) -> tuple[ReviewInput, list[str]]:
    """The rubric's levels and comments, the timed comments and the overall comment."""
    given = ReviewInput(overall=form.get("overall", "").strip())
    problems = []
    for criterion in rubric["criteria"]:
        raw = form.get(f"level-{criterion['id']}", "")
        if raw.isdigit():
            given.levels[criterion["id"]] = int(raw)
        given.comments[criterion["id"]] = form.get(f"comment-{criterion['id']}", "").strip()
    times, texts = form.getlist("timed-time"), form.getlist("timed-text")
    for at, text in zip(times, texts, strict=False):
        at, text = at.strip(), text.strip()
        if not at and not text:
            continue
        seconds = parse_time(at)
        if seconds is None or not text:
            problems.append("Each timed comment needs a time like 1:42 and a comment.")
            continue
        given.timed.append((seconds, text))
    return given, problems
