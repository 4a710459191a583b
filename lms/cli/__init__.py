"""Command groups by noun: `flask courses`, `flask users`, `flask db`, `flask demo`."""

from flask import Flask


def register_cli(app: Flask) -> None:
    """Attach the command groups to the app."""
    from lms.cli.courses import courses
    from lms.cli.database import database
    from lms.cli.demo import demo
    from lms.cli.users import users

    for command in (courses, database, demo, users):
        app.cli.add_command(command)
