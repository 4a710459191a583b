"""`flask demo` shows every status on Team Atlas; `--reps N` seeds an organisation in bulk."""

import csv
import io

from sqlalchemy import func, select

from lms.cli.seed import DEMO_PASSWORD
from lms.db import db
from lms.models import ModuleProgress, Team, User
from tests.conftest import SHIPPED_COURSES, import_folder
from tests.helpers.sign_in import sign_in


def test_demo_team_shows_every_status_and_is_idempotent(app, client, runner):
    import_folder(app, SHIPPED_COURSES)
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert runner.invoke(args=["demo"]).exit_code == 0  # a second run adds nothing
    sign_in(client, "manager@example.com", DEMO_PASSWORD)
    team = client.get("/reports/").headers["Location"]
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"{team}/export.csv").get_data(as_text=True)))
    )
    assert len(rows) >= 8
    assert {r["status"] for r in rows} == {
        "ready",
        "overdue",
        "certification expired",
        "at risk",
        "on track",
        "not started",
    }
    assert any(r["disagrees"] == "yes" for r in rows)
    assert len({r["rep"] for r in rows}) == len(rows)


def test_demo_reps_seeds_teams_of_100_led_by_the_demo_manager(app, runner):
    import_folder(app, SHIPPED_COURSES)
    result = runner.invoke(args=["demo", "--reps", "150"])
    assert result.exit_code == 0, result.output
    assert "Organisation: 150 new reps" in result.output
    assert "0 new reps" in runner.invoke(args=["demo", "--reps", "150"]).output
    with app.app_context():
        teams = db.session.scalars(select(Team).where(Team.name.like("Org team %"))).all()
        assert sorted(len([m for m in t.members if m.role.value == "rep"]) for t in teams) == [
            50,
            100,
        ]
        first = next(t for t in teams if t.name == "Org team 001")
        assert "manager@example.com" in {m.email for m in first.managers}
        rows = db.session.scalar(select(func.count()).select_from(ModuleProgress))
        reps = db.session.scalar(select(func.count()).where(User.email.like("rep-%")))
        assert reps == 150 and rows > 50 * reps  # a realistic spread, most reps well along
