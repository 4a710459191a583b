"""`flask demo` seeds certified, expiring, expired and in-progress reps on the shipped path."""

from __future__ import annotations

from sqlalchemy import select

from lms.cli.seed import DEMO_PASSWORD
from lms.db import db
from lms.models import CertificationGrant, User
from tests.conftest import SHIPPED_COURSES, import_folder
from tests.helpers.sign_in import sign_in


def test_the_demo_has_every_certification_state(app, client, runner):
    import_folder(app, SHIPPED_COURSES)
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert runner.invoke(args=["demo"]).exit_code == 0  # a second run adds nothing
    with app.app_context():
        held = {
            user.email: grant
            for grant, user in db.session.execute(
                select(CertificationGrant, User).join(User, User.id == CertificationGrant.user_id)
            )
        }
    assert set(held) == {"cora@example.com", "eli@example.com", "exa@example.com"}
    sign_in(client, "manager@example.com", DEMO_PASSWORD)
    report = client.get("/reports/certifications").get_data(as_text=True)
    assert "Cora Certified" in report and "Exa Expired" in report
    assert ">Expired</span>" in report and ">Valid</span>" in report
    client.post("/logout")
    sign_in(client, "ivo@example.com", DEMO_PASSWORD)
    mine = client.get("/certifications").get_data(as_text=True)
    assert "Certified Account Executive" in mine and "In progress" in mine
    assert (
        "Ran a discovery call their manager listened to: <span>waiting for your manager</span>"
        in mine
    )
