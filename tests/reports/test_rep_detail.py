"""The rep detail page: progress, every attempt with the answers given, timeline, judgements."""

from lms.db import db
from lms.models import Judgement
from tests.reports.conftest import rep_page, submit


def test_every_attempt_shows_with_the_answers_given(client, auth, atlas):
    app = client.application
    submit(app, atlas["overdue"], {"capital": set(), "colours": set(), "funnel": "marketing"})
    submit(app, atlas["overdue"], {"funnel": "purchase"})
    auth.login("maya@example.com")
    html = rep_page(client, atlas)
    assert "A quiz module, attempt 1: 0% (not passed)" in html
    assert "A quiz module, attempt 2: 33% (not passed)" in html
    assert "Answer given: <q>marketing</q>" in html
    assert "Quiz attempt 2 at A quiz module: 33%, not passed" in html  # timeline
    assert "2 of 2" in html  # attempts used of the module's maximum


def test_status_and_reason_match_the_dashboard(client, auth, atlas):
    auth.login("maya@example.com")
    assert "Basics was due 3 days ago; 1 of 2 modules done" in rep_page(client, atlas)


def test_recording_a_judgement_keeps_history_and_clears_the_flag(client, auth, atlas):
    auth.login("maya@example.com")
    assert "Disagrees with the data" in rep_page(client, atlas, "ready")
    response = client.post(
        f"/reports/teams/{atlas['team']}/reps/{atlas['ready']}/judgements",
        data={"verdict": "ready", "note": "Two strong practice calls"},
    )
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your judgement of Rita Ready is recorded." in html
    assert "Two strong practice calls" in html and "Wants another practice call" in html
    assert "Disagrees with the data" not in html
    dashboard = client.get(f"/reports/teams/{atlas['team']}").get_data(as_text=True)
    assert "Disagrees with the data" not in dashboard


def test_a_judgement_without_a_verdict_is_refused(client, auth, atlas):
    auth.login("maya@example.com")
    response = client.post(
        f"/reports/teams/{atlas['team']}/reps/{atlas['ready']}/judgements",
        data={"verdict": "maybe"},
        follow_redirects=True,
    )
    assert "Choose Ready or Not yet." in response.get_data(as_text=True)
    with client.application.app_context():
        assert db.session.query(Judgement).count() == 1


def test_the_form_carries_a_csrf_token(app, client, auth, atlas):
    auth.login("maya@example.com")
    app.config["WTF_CSRF_ENABLED"] = True
    assert 'name="csrf_token"' in rep_page(client, atlas)
    response = client.post(
        f"/reports/teams/{atlas['team']}/reps/{atlas['ready']}/judgements",
        data={"verdict": "ready"},
    )
    assert response.status_code == 400
