"""The form a manager assigns a path with."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
)
from wtforms.validators import Optional

from lms.web.forms import DATE_MESSAGE, choice_field, option

WHOLE_TEAM = "team"


class AssignForm(FlaskForm):
    """A path, for one rep or the whole team, from a start date."""

    path = choice_field("Path", "a path")
    rep = SelectField(
        "Who",
        invalid_value_message="Choose a rep of this team, or the whole team.",
        invalid_choice_message="Choose a rep of this team, or the whole team.",
    )
    start_date = DateField(
        "Start date",
        validators=[Optional()],
        invalid_value_message=DATE_MESSAGE,
        description="Leave empty to use each rep's own start date. Due dates follow from it.",
    )
    restart = BooleanField("Also change the start date of reps already on this path")

    def fill_choices(self, paths, reps) -> None:
        """Offer the live paths, the whole team and each active rep."""
        self.path.choices = [option(p.slug, p.title) for p in paths]
        self.rep.choices = [
            option(WHOLE_TEAM, "The whole team"),
            *(option(r.id, r.name) for r in reps),
        ]


# The forms on a rep's detail page that fix the rep's situation (lms/progress/remedies.py).
# Each has its own prefix, so their fields keep distinct names and ids on the one page.
