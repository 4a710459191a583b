"""`flask demo` seeds practice at every stage on Team Atlas, once."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from lms.cli.seed import DEMO_PASSWORD
from lms.db import db
from lms.models import Module, ModuleProgress, PracticeSubmission, User
from tests.conftest import SHIPPED_COURSES, import_folder
from tests.helpers.sign_in import signed_in_client


def test_demo_practice_at_every_stage(app, runner):
    import_folder(app, SHIPPED_COURSES)
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert runner.invoke(args=["demo"]).exit_code == 0  # a second run adds nothing
    with app.app_context():
        statuses = Counter(s.value for s in db.session.scalars(select(PracticeSubmission.status)))
        assert statuses == {"passed": 6, "retry": 4, "waiting": 2}
        noah = db.session.scalar(select(User).where(User.email == "noah@example.com"))
        practice_ids = db.session.scalars(select(Module.id).where(Module.practice.is_not(None)))
        for module_id in practice_ids:
            assert db.session.get(ModuleProgress, (noah.id, module_id)).completed_at
    manager = signed_in_client(app, "manager@example.com", DEMO_PASSWORD)
    queue = manager.get("/practice/reviews").get_data(as_text=True)
    assert "2 versions waiting" in queue and "Mia Rossi" in queue and "Sam Sørensen" in queue
