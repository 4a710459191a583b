"""Forms for managing users and teams; every refusal is a message on its field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from lms.models import Role
from lms.people.users import EMAIL_PATTERN, MIN_PASSWORD_LENGTH
from lms.web.forms import DATE_MESSAGE, choice_field, option, optional_int, strip

PASSWORD_MESSAGE = f"Password must be at least {MIN_PASSWORD_LENGTH} characters long."
ROLE_CHOICES = [option(role.value, role.value.capitalize()) for role in Role]


class UserDetailsForm(FlaskForm):
    """Who a user is, what they do and where they belong."""

    name = StringField(
        "Name", validators=[DataRequired("Enter a name."), Length(max=200)], filters=[strip]
    )
    email = StringField(
        "Email",
        filters=[strip],
        validators=[
            DataRequired("Enter an email address."),
            Length(max=254),
            Regexp(
                EMAIL_PATTERN.pattern + r"\Z",
                message="Enter an email address like ana@example.com.",
            ),
        ],
    )
    role = choice_field(
        "Role",
        choices=ROLE_CHOICES,
        invalid_choice_message=f"Choose one of: {', '.join(r.value for r in Role)}.",
    )
    team = choice_field("Team", "a team", coerce=optional_int, validators=[Optional()])
    start_date = DateField(
        "Start date", validators=[DataRequired(DATE_MESSAGE)], invalid_value_message=DATE_MESSAGE
    )

    def fill_choices(self, teams) -> None:
        """Offer the teams, and "No team"."""
        self.team.choices = [option("", "No team"), *(option(t.id, t.name) for t in teams)]


class NewUserForm(UserDetailsForm):
    """A new account: details, an optional path and an initial password."""

    path = choice_field("Onboarding path", "a path", validators=[Optional()])
    password = PasswordField(
        "Initial password",
        validators=[
            DataRequired(PASSWORD_MESSAGE),
            Length(min=MIN_PASSWORD_LENGTH, max=1024, message=PASSWORD_MESSAGE),
        ],
        description=(
            f"At least {MIN_PASSWORD_LENGTH} characters. Give it to the person privately: "
            "RepReady never shows it again."
        ),
    )

    def fill_choices(self, teams, paths=()) -> None:
        """Offer the teams and the live paths."""
        super().fill_choices(teams)
        self.path.choices = [option("", "No path"), *(option(p.slug, p.title) for p in paths)]


class PasswordForm(FlaskForm):
    """A new password for someone who lost theirs (or was imported without one)."""

    password = PasswordField(
        "New password",
        validators=[
            DataRequired(PASSWORD_MESSAGE),
            Length(min=MIN_PASSWORD_LENGTH, max=1024, message=PASSWORD_MESSAGE),
        ],
        description=f"At least {MIN_PASSWORD_LENGTH} characters. Their sessions end.",
    )


class TeamNameForm(FlaskForm):
    """A team's name."""

    name = StringField(
        "Team name", validators=[DataRequired("Enter a name."), Length(max=120)], filters=[strip]
    )


class NewTeamForm(TeamNameForm):
    """A new team and its first manager."""

    manager = choice_field("Manager", "an active manager or admin", coerce=optional_int)

    def fill_choices(self, managers) -> None:
        """Offer the active managers and admins."""
        self.manager.choices = [option(m.id, f"{m.name} ({m.email})") for m in managers]


class AddManagerForm(FlaskForm):
    """Another manager for a team."""

    manager = choice_field("Manager", "an active manager or admin", coerce=optional_int)

    def fill_choices(self, managers) -> None:
        """Offer the active managers and admins."""
        self.manager.choices = [option(m.id, f"{m.name} ({m.email})") for m in managers]


class TeamWebhooksForm(FlaskForm):
    """Where the team's weekly digest is also posted; empty to post nowhere."""

    slack = StringField("Slack incoming-webhook URL", filters=[strip])
    teams = StringField("Microsoft Teams incoming-webhook URL", filters=[strip])


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class UserFilterForm(FlaskForm):
    """Search and filters for the user list; a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    q = StringField("Search name or email", validators=[Optional(), Length(max=200)])
    role = choice_field(
        "Role", choices=[option("", "Any role"), *ROLE_CHOICES], validators=[Optional()]
    )
    team = choice_field("Team", validators=[Optional()])
    status = choice_field(
        "Status",
        choices=[
            option("", "Active and deactivated"),
            option("active", "Active"),
            option("inactive", "Deactivated"),
        ],
        validators=[Optional()],
    )

    def fill_choices(self, teams) -> None:
        """Offer the teams, "any team" and "no team"."""
        self.team.choices = [option("", "Any team"), option("none", "No team")] + [
            option(t.id, t.name) for t in teams
        ]


class UserImportForm(FlaskForm):
    """An HR export to preview, and whether people missing from it are deactivated."""

    file = FileField(
        "HR export (CSV)",
        validators=[FileRequired("Choose a CSV file to import.")],
        description=(
            "Columns email, name and role, and any of team, manager, start_date and path; "
            "comma, semicolon or tab separated, UTF-8. Other columns are ignored."
        ),
    )
    deactivate_missing = BooleanField(
        "Deactivate active reps and managers who are not in the file",
        description="Admins and trainers are never deactivated by an import; nor are you.",
    )


class ConfirmImportForm(FlaskForm):
    """Apply the previewed import: the fingerprint says which changes were shown."""

    digest = HiddenField(validators=[DataRequired()])
