"""A quiz passed in a course no certification counts leaves certifications unread."""

from __future__ import annotations

from sqlalchemy import select

from lms import clock
from lms.certification.standing import load_standings
from lms.db import db
from lms.models import Course, User
from tests.conftest import count_statements, import_folder

SIDE_COURSE = "---\ntitle: Side course\ntrack: skills\n---\nOff every path.\n"


def standings_for(app, email: str, slug: str) -> tuple[list, int]:
    """The standings a quiz passed in the course would look at, and the statements read."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        course_id = db.session.scalar(select(Course.id).where(Course.slug == slug))
        with count_statements(app) as seen:
            standings = load_standings(db.session, user, clock.now(), course_id)
        return standings, len([s for s in seen if s.lstrip().upper().startswith("SELECT")])


def test_only_the_certifications_a_course_counts_toward_are_read(app, cert_org, cert_tree):
    (cert_tree / "side").mkdir()
    (cert_tree / "side" / "course.md").write_text(SIDE_COURSE)
    import_folder(app, cert_tree)
    on_path, _ = standings_for(app, "ana@example.com", "basics")
    exam, _ = standings_for(app, "ana@example.com", "final-exam")
    side, read = standings_for(app, "ana@example.com", "side")
    assert [s.certification.title for s in on_path + exam] == ["Certified Starter"] * 2
    assert side == [] and read == 1
