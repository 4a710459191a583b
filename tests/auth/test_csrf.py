"""With CSRF protection on, every state-changing POST needs the form's token."""

import re

import pytest

from lms import create_app
from tests.conftest import BASICS_QUIZ, PASSWORD, form_token, make_user


@pytest.fixture
def csrf_client(app, courses):
    """A client of an app created with CSRF protection on, on the same database."""
    make_user(app)
    protected = create_app({**app.config, "WTF_CSRF_ENABLED": True})
    return protected.test_client()


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in(client) -> None:
    html = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login",
        data={"email": "rep@example.com", "password": PASSWORD, "csrf_token": csrf_token(html)},
    )
    assert response.status_code == 302


def assert_friendly_400(response) -> None:
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Something in that request was not right" in html
    assert "Traceback" not in html


def test_login_without_token_is_refused(csrf_client):
    response = csrf_client.post("/login", data={"email": "rep@example.com", "password": PASSWORD})
    assert_friendly_400(response)
    assert csrf_client.get("/").status_code == 302


def test_login_with_token_works(csrf_client):
    sign_in(csrf_client)
    assert csrf_client.get("/").status_code == 200


def test_logout_without_token_is_refused(csrf_client):
    sign_in(csrf_client)
    assert_friendly_400(csrf_client.post("/logout"))
    assert csrf_client.get("/").status_code == 200


def test_module_complete_without_token_is_refused(csrf_client):
    sign_in(csrf_client)
    assert_friendly_400(csrf_client.post("/courses/basics/reading/complete"))
    assert "Mark as complete" in csrf_client.get("/courses/basics/reading").get_data(as_text=True)


def test_quiz_submit_without_csrf_token_is_refused(csrf_client):
    sign_in(csrf_client)
    html = csrf_client.get(BASICS_QUIZ).get_data(as_text=True)
    response = csrf_client.post(f"{BASICS_QUIZ}/quiz", data={"token": form_token(html)})
    assert_friendly_400(response)
    assert "Your attempts" not in csrf_client.get(BASICS_QUIZ).get_data(as_text=True)
