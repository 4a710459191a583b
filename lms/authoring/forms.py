"""Forms for creating courses, modules and paths in the app."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from lms.content.model import Problem
from lms.reinforcement.settings import PATH_DAILY_MAX, PATH_DAILY_MIN
from lms.web.forms import option

SLUG = Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message="use lower-case letters, digits and dashes")
TRACKS = [option(t, t.capitalize()) for t in ("product", "buyer", "process", "skills")]


class CourseForm(FlaskForm):
    slug = StringField("Slug (the folder name)", [DataRequired(), Length(max=80), SLUG])
    title = StringField("Title", [DataRequired(), Length(max=200)])
    track = SelectField("Track", choices=TRACKS)
    summary = TextAreaField("Summary", [Optional(), Length(max=1000)])
    pass_score = IntegerField("Pass score (%)", [Optional(), NumberRange(0, 100)])
    draft = BooleanField("Keep it a draft (reps do not see it) until I publish it", default=True)


class ModuleForm(FlaskForm):
    slug = StringField("Slug", [DataRequired(), Length(max=80), SLUG])
    title = StringField("Title", [DataRequired(), Length(max=200)])


class PathForm(FlaskForm):
    slug = StringField("Slug", [DataRequired(), Length(max=80), SLUG])
    title = StringField("Title", [DataRequired(), Length(max=200)])
    description = TextAreaField("Description", [Optional(), Length(max=1000)])
    courses = TextAreaField(
        "Courses, in order: one per line, the course slug then its due day",
        [DataRequired()],
    )


class BoostDailyForm(FlaskForm):
    daily = IntegerField(
        "Questions a day in the boost",
        [InputRequired(), NumberRange(PATH_DAILY_MIN, PATH_DAILY_MAX)],
    )


def parse_courses(text: str) -> tuple[list[tuple[str, int]], list[Problem]]:
    """ "slug due_day" lines as pairs; a bad line is a `courses:line: message` problem."""
    pairs, problems = [], []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2 or not parts[1].isdigit():
            message = 'write the course slug and its due day, like "sales-foundations 3"'
            problems.append(Problem("courses", number, message))
            continue
        pairs.append((parts[0], int(parts[1])))
    return pairs, problems


def courses_text(pairs: list[tuple[str, int]]) -> str:
    return "\n".join(f"{slug} {day}" for slug, day in pairs)
