"""A rep whose CSRF token expired during a long quiz gets the quiz back with their answers."""

from __future__ import annotations

import time

import pytest
from itsdangerous import TimestampSigner

from lms import create_app
from lms.models import Role
from tests.conftest import BASICS_QUIZ, BASICS_RIGHT, make_user, quiz_form
from tests.helpers.sign_in import csrf_token, sign_in

NINE_HOURS = 9 * 3600  # past WTF_CSRF_TIME_LIMIT (8 h), inside the 12 h session


@pytest.fixture
def protected(app, courses):
    make_user(app)
    # A rep active in another tab all along: the idle timeout must not end the session.
    return create_app({**app.config, "WTF_CSRF_ENABLED": True, "SESSION_IDLE_TIMEOUT": 10 * 3600})


def later(monkeypatch, seconds: int) -> None:
    """Signed tokens and cookies from now on are read (and made) `seconds` in the future."""
    real = time.time
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _self: int(real()) + seconds)


def test_expired_token_gives_the_quiz_back_with_answers_kept(protected, monkeypatch):
    client = protected.test_client()
    sign_in(client)
    html = client.get(BASICS_QUIZ).get_data(as_text=True)
    form = {**quiz_form(html, BASICS_RIGHT), "csrf_token": csrf_token(html)}
    later(monkeypatch, NINE_HOURS)

    response = client.post(f"{BASICS_QUIZ}/quiz", data=form)

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "security check expired" in page
    assert 'value="purchase"' in page  # the short answer is kept
    assert page.count("checked") == 3  # one single choice, two select-all choices
    assert csrf_token(page) != form["csrf_token"]
    resubmitted = client.post(f"{BASICS_QUIZ}/quiz", data={**form, "csrf_token": csrf_token(page)})
    assert resubmitted.status_code == 302
    assert "/attempts/" in resubmitted.headers["Location"]


def test_a_missing_token_is_still_a_plain_400(protected):
    client = protected.test_client()
    sign_in(client)
    html = client.get(BASICS_QUIZ).get_data(as_text=True)
    response = client.post(f"{BASICS_QUIZ}/quiz", data=quiz_form(html, BASICS_RIGHT))
    assert response.status_code == 400
    assert "Something in that request was not right" in response.get_data(as_text=True)


def test_a_manager_whose_form_expired_on_a_course_locked_for_reps_gets_the_quiz_back(
    protected, monkeypatch
):
    # The expired-form page re-implemented the quiz page and checked the course's lock, not
    # the lock as it applies to this user: a manager (never locked out) got a bare 400.
    make_user(protected, "boss@example.com", role=Role.MANAGER)
    client = protected.test_client()
    sign_in(client, "boss@example.com")
    url = "/courses/advanced/deep"
    html = client.get(url).get_data(as_text=True)
    assert 'name="token"' in html
    form = {**quiz_form(html, {}), "csrf_token": csrf_token(html)}
    later(monkeypatch, NINE_HOURS)

    response = client.post(f"{url}/quiz", data=form)

    assert response.status_code == 400
    assert "security check expired" in response.get_data(as_text=True)


def test_a_rep_whose_form_expired_on_a_locked_course_gets_the_403_page(protected, monkeypatch):
    client = protected.test_client()
    sign_in(client)
    html = client.get(BASICS_QUIZ).get_data(as_text=True)  # any page with a CSRF token
    later(monkeypatch, NINE_HOURS)

    response = client.post("/courses/advanced/deep/quiz", data={"csrf_token": csrf_token(html)})

    assert response.status_code == 403
    assert "You do not have access to this page" in response.get_data(as_text=True)
