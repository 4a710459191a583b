"""Look up the team the demo manager leads, whose dashboard the bench drives."""

from sqlalchemy import create_engine, select

from lms.models import Team


def team_id(env: dict[str, str], name: str = "Org team 001") -> int:
    engine = create_engine(env["LMS_DATABASE_URL"])
    with engine.connect() as connection:
        found = connection.scalar(select(Team.id).where(Team.name == name))
    engine.dispose()
    return found
