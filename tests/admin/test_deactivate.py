"""Deactivating ends a user's sessions and sign-ins; their history stays."""

import pytest
from sqlalchemy import func, select

from lms.db import db
from lms.models import Attempt, ModuleProgress, User
from tests.conftest import BASICS_QUIZ, AuthActions, submit_quiz

BAD_LOGIN = "That email and password do not match an active account."


@pytest.fixture
def admin(auth, org):
    auth.login("admin@example.com")
    return org


@pytest.fixture
def ana(app, org):
    """Ana, signed in on her own device, with a failed quiz attempt."""
    client = app.test_client()
    AuthActions(client).login("ana@example.com")
    answers = {"capital": "Lyon", "colours": ["Green"], "funnel": "top"}
    assert submit_quiz(client, BASICS_QUIZ, answers).status_code == 302
    return client


def counts(app, user_id):
    with app.app_context():
        return tuple(
            db.session.scalar(
                select(func.count()).select_from(model).where(model.user_id == user_id)
            )
            for model in (Attempt, ModuleProgress)
        )


def test_deactivating_ends_sessions_refuses_sign_in_and_keeps_history(app, client, admin, ana):
    history = counts(app, admin["ana"])
    assert history == (1, 1)
    assert ana.get("/").status_code == 200

    response = client.post(f"/admin/users/{admin['ana']}/deactivate")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ana is deactivated: they cannot sign in; their progress is kept." in page
    assert "Reactivate Ana" in page

    assert ana.get("/").headers["Location"].startswith("/login")  # the open session ended
    refused = AuthActions(app.test_client()).login("ana@example.com")
    wrong = AuthActions(app.test_client()).login("bo@example.com", "not-bo-s-password")
    assert BAD_LOGIN in refused.get_data(as_text=True)
    assert BAD_LOGIN in wrong.get_data(as_text=True)
    assert counts(app, admin["ana"]) == history


def test_the_list_marks_deactivated_users(client, admin):
    client.post(f"/admin/users/{admin['bo']}/deactivate")
    html = client.get("/admin/users?status=inactive").get_data(as_text=True)
    assert ">Bo</a></th>" in html and "Deactivated" in html


def test_reactivating_lets_them_sign_in_with_their_password(app, client, admin):
    client.post(f"/admin/users/{admin['bo']}/deactivate")
    response = client.post(f"/admin/users/{admin['bo']}/reactivate")
    assert "Bo can sign in again." in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert AuthActions(app.test_client()).login("bo@example.com").status_code == 302


def test_an_admin_cannot_deactivate_themselves(app, client, admin):
    response = client.post(f"/admin/users/{admin['admin']}/deactivate", follow_redirects=True)
    assert "You cannot deactivate your own account; ask another admin." in response.get_data(
        as_text=True
    )
    with app.app_context():
        assert db.session.get(User, admin["admin"]).active


def test_reactivating_does_not_revive_sessions_opened_before(client, admin, ana):
    """Deactivation rotates the session token, so an old cookie stays dead for good."""
    client.post(f"/admin/users/{admin['ana']}/deactivate")
    client.post(f"/admin/users/{admin['ana']}/reactivate")
    assert ana.get("/").headers["Location"].startswith("/login")
