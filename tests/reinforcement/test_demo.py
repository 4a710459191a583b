"""`flask demo` gives reps a boost history and questions due today."""

from sqlalchemy import func, select

from lms.cli.seed import DEMO_PASSWORD
from lms.db import db
from lms.models import ReinforcementReview
from tests.conftest import SHIPPED_COURSES, import_folder
from tests.helpers.boost import boost_section
from tests.helpers.sign_in import sign_in


def test_the_demo_has_reps_with_a_reinforcement_history(app, client, runner):
    import_folder(app, SHIPPED_COURSES)
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        answers = db.session.scalar(select(func.count()).select_from(ReinforcementReview))
    assert answers > 0
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        again = db.session.scalar(select(func.count()).select_from(ReinforcementReview))
    assert again == answers, "a second run adds nothing"
    sign_in(client, "rep@example.com", DEMO_PASSWORD)
    assert boost_section(client.get("/").get_data(as_text=True)) is not None
    manager = app.test_client()
    sign_in(manager, "manager@example.com", DEMO_PASSWORD)
    team = manager.get("/reports/").headers["Location"].rsplit("/", 1)[-1]
    assert "%" in manager.get(f"/boost/teams/{team}").get_data(as_text=True)
