"""Form helpers every blueprint's forms share: options, trimming, selects that name the fix."""

from __future__ import annotations

from wtforms import SelectField

try:  # WTForms 3.3 deprecates (value, label) tuples; older releases know no SelectChoice.
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - WTForms < 3.3

    def SelectChoice(value, label):  # noqa: N802 - stands in for the class
        return (value, label)


DATE_MESSAGE = "Enter the date as YYYY-MM-DD, for example 2026-12-01."
PICK_MESSAGE = "Choose one from the list."


def option(value, label: str):
    """One <option>: its submitted value (always text) and what it shows."""
    return SelectChoice("" if value is None else str(value), label)


def strip(value):
    """Trim typed text; pasted addresses often carry spaces."""
    return value.strip() if isinstance(value, str) else value


def optional_int(value) -> int | None:
    """Select values: an id, or None for the empty "none" option."""
    return None if value in ("", None) else int(value)


def choice_field(label: str, noun: str = "", **kwargs) -> SelectField:
    """A select that names the fix when its value is not one of the choices."""
    message = f"Choose {noun} from the list." if noun else PICK_MESSAGE
    kwargs.setdefault("invalid_choice_message", message)
    return SelectField(label, invalid_value_message=message, **kwargs)
