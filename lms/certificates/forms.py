"""The manager's sign-off and the admin's revocation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, TextAreaField
from wtforms.validators import DataRequired, Length

from lms.certification.grants import MAX_NOTE_CHARS, MAX_REASON_CHARS
from lms.web.forms import DATE_MESSAGE, strip


class SignOffForm(FlaskForm):
    """Confirm one sign-off item: the day it was seen, and an optional note."""

    confirmed_on = DateField(
        "Seen on", validators=[DataRequired(DATE_MESSAGE)], invalid_value_message=DATE_MESSAGE
    )
    note = TextAreaField(
        "Note (optional)", validators=[Length(max=MAX_NOTE_CHARS)], filters=[strip]
    )


class RevokeForm(FlaskForm):
    """Revoke a certificate; the reason is kept in the rep's history."""

    reason = TextAreaField(
        "Reason",
        validators=[DataRequired("Give the reason."), Length(max=MAX_REASON_CHARS)],
        filters=[strip],
    )
