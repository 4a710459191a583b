"""The sign-in, password-change and time-zone forms."""

from functools import cache
from zoneinfo import available_timezones

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from lms.web.forms import choice_field


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        "Current password", validators=[DataRequired(), Length(max=1024)]
    )
    new_password = PasswordField("New password", validators=[DataRequired(), Length(max=1024)])
    confirm = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("new_password", message="The two passwords differ.")],
    )


class TimeZoneForm(FlaskForm):
    """The user's own time zone, or the organisation's."""

    time_zone = choice_field("Your time zone", "a time zone")

    def fill_choices(self, organisation_zone: str) -> None:
        """Every IANA zone, after the organisation's default."""
        self.time_zone.choices = [("", f"The organisation's ({organisation_zone})")] + list(
            zone_choices()
        )


@cache
def zone_choices() -> tuple[tuple[str, str], ...]:
    """Every IANA zone with its readable name, sorted once per process.

    available_timezones() walks the zone database on disk at each call: too slow per request.
    """
    return tuple((name, name.replace("_", " ")) for name in sorted(available_timezones()))
