"""Column types shared by the models."""

from enum import StrEnum

from sqlalchemy import Enum


def enum_column(enum_cls: type[StrEnum], length: int | None = None) -> Enum:
    """Store a Python enum by value, as portable VARCHAR (no native ENUM to migrate).

    `length` keeps the width of a column that stored the values as plain strings before.
    """
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length or max(len(m.value) for m in enum_cls),
        values_callable=lambda cls: [m.value for m in cls],
    )
