"""Each path's questions a day in the boost: set by trainers and admins, used by boost and reminder."""

import pytest
from sqlalchemy import select

from lms import clock
from lms.db import db
from lms.messaging.reminders import schedule
from lms.models import LearningPath, Notification, Role
from tests.conftest import finish_basics, import_folder, make_user
from tests.helpers.boost import answer_boost
from tests.helpers.sign_in import sign_in
from tests.reinforcement.conftest import day

FIELD = "daily"


def field_name(app) -> str:
    with app.app_context():
        path_id = db.session.scalar(select(LearningPath.id).where(LearningPath.slug == "starter"))
    return f"p{path_id}-{FIELD}"


def stored(app) -> int | None:
    with app.app_context():
        return db.session.scalar(
            select(LearningPath.boost_daily).where(LearningPath.slug == "starter")
        )


def set_daily(app, value: str, who: str = "trainer@example.com"):
    staff = app.test_client()
    sign_in(staff, who)
    return staff, staff.post("/authoring/paths/starter/boost", data={field_name(app): value})


def test_the_paths_page_shows_the_default_then_what_was_set(app, org):
    staff, response = set_daily(app, "5")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/authoring/paths#path-starter")
    assert stored(app) == 5
    html = staff.get("/authoring/paths").get_data(as_text=True)
    assert f'name="{field_name(app)}"' in html and 'value="5"' in html
    assert "set for this path" in html
    _admin, response = set_daily(app, "20", who="admin@example.com")
    assert response.status_code == 302 and stored(app) == 20


@pytest.mark.parametrize("value", ["0", "21", "three", ""])
def test_out_of_range_is_refused_and_nothing_changes(app, org, value):
    _staff, response = set_daily(app, value)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in html and "field-error" in html
    assert stored(app) is None


def test_managers_and_reps_may_not_set_it(app, org):
    for who in ("boss@example.com", "ana@example.com"):
        _client, response = set_daily(app, "5", who=who)
        assert response.status_code == 403
    assert stored(app) is None


def test_an_unknown_path_is_not_found(app, org):
    staff = app.test_client()
    sign_in(staff, "trainer@example.com")
    assert staff.post("/authoring/paths/nowhere/boost", data={"p1-daily": "5"}).status_code == 404


def answered_today(client) -> int:
    count = 0
    while answer_boost(client, right=True) is not None:
        count += 1
    return count


def test_the_boost_and_the_reminder_follow_the_paths_setting(app, client, rep, freeze_clock):
    freeze_clock(day(0))
    finish_basics(client)  # three questions due tomorrow
    make_user(app, email="trainer@example.com", role=Role.TRAINER)
    set_daily(app, "1")
    freeze_clock(day(1))
    with app.app_context(), db.writing() as session:
        schedule(session, clock.today())
    with app.app_context():
        notes = db.session.scalars(select(Notification)).all()
    assert notes and all("1 question in today's boost" in n.body_text for n in notes)
    assert answered_today(client) == 1
    set_daily(app, "2")
    freeze_clock(day(2))  # two cards left: both fit in a two-a-day boost
    assert answered_today(client) == 2


def test_a_reimport_of_the_courses_keeps_what_was_set(app, org):
    set_daily(app, "7")
    import_folder(app)
    assert stored(app) == 7
