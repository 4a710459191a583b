"""A seeded app shared by a test module: two teams, every role, an attempt, and sign-in helpers.

Personas: `rep` and `manager` share team Alpha; `other_rep` and `other_manager` are team Beta.
URLs are always filled with Alpha's data, so Beta's people are the id-editing attacker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select, text

from lms.assessment import attempts as quizzes
from lms.db import Base, db
from lms.models import Module, Role, Team, User
from tests.conftest import PASSWORD, build_app, drop_app, import_folder
from tests.helpers.sign_in import signed_in_client

ANONYMOUS = "anonymous"
REP = "rep"
OTHER_REP = "other_rep"
MANAGER = "manager"
OTHER_MANAGER = "other_manager"
TRAINER = "trainer"
ADMIN = "admin"
PERSONAS = (ANONYMOUS, REP, OTHER_REP, MANAGER, OTHER_MANAGER, TRAINER, ADMIN)
EMAILS = {
    REP: "rep@example.com",
    OTHER_REP: "other-rep@example.com",
    MANAGER: "manager@example.com",
    OTHER_MANAGER: "other-manager@example.com",
    TRAINER: "trainer@example.com",
    ADMIN: "admin@example.com",
}


@dataclass
class World:
    """The app and the ids of what was seeded."""

    app: object
    ids: dict[str, int] = field(default_factory=dict)


def build_world(tmp_path, **config) -> World:
    """Create an app on a fresh database with the fixture courses, people and an attempt."""
    app = build_app(tmp_path, **config)
    import_folder(app)
    world = World(app)
    from lms.people.users import create_user

    start = date.today() - timedelta(days=1)
    people = [
        (MANAGER, Role.MANAGER, "Alpha", None),
        (OTHER_MANAGER, Role.MANAGER, "Beta", None),
        (REP, Role.REP, "Alpha", "starter"),
        (OTHER_REP, Role.REP, "Beta", "starter"),
        (TRAINER, Role.TRAINER, None, None),
        (ADMIN, Role.ADMIN, None, None),
    ]
    with app.app_context():
        with db.writing() as session:
            for persona, role, team, path in people:
                user = create_user(
                    session,
                    email=EMAILS[persona],
                    name=persona.replace("_", " ").title(),
                    role=role,
                    password=PASSWORD,
                    team_name=team,
                    start_date=start,
                    path_slug=path,
                )
                world.ids[f"{persona}_id"] = user.id
        world.ids["team_id"] = db.session.scalar(select(Team.id).where(Team.name == "Alpha"))
        world.ids["other_team_id"] = db.session.scalar(select(Team.id).where(Team.name == "Beta"))
        rep = db.session.get(User, world.ids["rep_id"])
        module = db.session.scalar(select(Module).where(Module.slug == "quiz"))
        attempt = quizzes.submit(rep, module, module.questions, quizzes.new_token(), {})
        world.ids["attempt_id"] = attempt.id
        world.ids["module_id"] = module.id
    return world


def drop_world(world: World) -> None:
    """Drop the world's tables and close its connections."""
    drop_app(world.app)


def client_for(world: World, persona: str):
    """A test client signed in as the persona (anonymous: not signed in)."""
    if persona == ANONYMOUS:
        return world.app.test_client()
    return signed_in_client(world.app, EMAILS[persona])


def snapshot(world: World) -> dict[str, list[tuple]]:
    """Every row of every table, to prove a request changed nothing."""
    with world.app.app_context(), db.engine.connect() as conn:
        return {
            table.name: sorted(
                (
                    tuple(map(repr, row))
                    for row in conn.execute(text(f"SELECT * FROM {table.name}"))
                ),
            )
            for table in Base.metadata.sorted_tables
        }
