"""The remedy forms on a rep's page: shown by the reports blueprint, handled by assignments."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from lms import clock
from lms.progress.remedies import MAX_EXTRA_ATTEMPTS, MAX_REASON_LENGTH
from lms.web.forms import DATE_MESSAGE, choice_field, option, strip

REASON_HELP = "Required. Kept on the rep's timeline with your name and the date."


def reason_field() -> TextAreaField:
    return TextAreaField(
        "Why",
        filters=[strip],
        validators=[
            DataRequired("Say why: the reason is kept on the rep's timeline."),
            Length(max=MAX_REASON_LENGTH, message=f"Keep it under {MAX_REASON_LENGTH} characters."),
        ],
        description=REASON_HELP,
    )


def not_in_past(_form, field) -> None:
    """Due dates are set from today on."""
    if field.data is not None and field.data < clock.today():
        raise ValidationError("Choose today or a later date.")


def due_field(label: str) -> DateField:
    return DateField(
        label,
        validators=[InputRequired(DATE_MESSAGE), not_in_past],
        invalid_value_message=DATE_MESSAGE,
    )


class ModuleRemedyForm(FlaskForm):
    """More attempts at a module's quiz, or the module started afresh."""

    module = choice_field("Module", "a module")
    action = RadioField(
        "What to do",
        choices=[
            option("extra", "Grant more attempts"),
            option("reset", "Reset the module (start it again)"),
        ],
        default="extra",
        validators=[InputRequired("Choose what to do.")],
    )
    count = IntegerField(
        "How many more attempts",
        default=1,
        validators=[
            Optional(),
            NumberRange(1, MAX_EXTRA_ATTEMPTS, f"Grant between 1 and {MAX_EXTRA_ATTEMPTS}."),
        ],
        description="Only for more attempts.",
    )
    reason = reason_field()


class DueDateForm(FlaskForm):
    """A new due date for one course, or for a whole path."""

    target = choice_field("Course or path", "a course or a path")
    new_date = due_field("New due date")
    reason = reason_field()


class AssignCourseForm(FlaskForm):
    """One course, without a path, due by a date."""

    course = choice_field("Course", "a course")
    due_date = due_field("Due date")
    reason = reason_field()


class RemovePathForm(FlaskForm):
    """Take the rep off a path; their history stays."""

    enrollment = choice_field("Path", "a path")
    reason = reason_field()


def module_choices(paths) -> list:
    """Every module of the rep's courses, with the attempts used where a quiz limits them."""
    choices, seen = [], set()
    for path in paths:
        for course in path.courses:
            for state in course.modules:
                if state.module.id in seen:
                    continue
                seen.add(state.module.id)
                used = (
                    f" ({state.attempts} of {state.allowed_attempts} attempts used)"
                    if state.allowed_attempts
                    else ""
                )
                label = f"{course.course.title}: {state.module.title}{used}"
                choices.append(option(state.module.id, label))
    return choices


def target_choices(paths) -> list:
    """Each path as a whole (its last due date), then each course on it (its due date)."""
    choices, seen = [], set()
    for path in paths:
        if path.enrollment.id:
            last = max((c.due_date for c in path.courses if c.due_date), default=None)
            due = f", last course due {last.isoformat()}" if last else ""
            choices.append(
                option(f"path:{path.enrollment.id}", f"Whole path: {path.path.title}{due}")
            )
        for course in path.courses:
            if course.course.id not in seen:
                seen.add(course.course.id)
                due = f", due {course.due_date.isoformat()}" if course.due_date else ""
                choices.append(option(f"course:{course.course.id}", f"{course.course.title}{due}"))
    return choices


def fill_remedy_choices(forms: dict, paths, courses) -> dict:
    """The four remedy forms, given ones kept as submitted, with choices from the rep's paths."""
    made = {
        "module": forms.get("module") or ModuleRemedyForm(prefix="module", formdata=None),
        "due": forms.get("due") or DueDateForm(prefix="due", formdata=None),
        "course": forms.get("course") or AssignCourseForm(prefix="course", formdata=None),
        "remove": forms.get("remove") or RemovePathForm(prefix="remove", formdata=None),
    }
    made["module"].module.choices = module_choices(paths)
    made["due"].target.choices = target_choices(paths)
    on_paths = {c.course.id for p in paths for c in p.courses}
    made["course"].course.choices = [option(c.id, c.title) for c in courses if c.id not in on_paths]
    made["remove"].enrollment.choices = [
        option(p.enrollment.id, p.path.title) for p in paths if p.enrollment.id
    ]
    return made
