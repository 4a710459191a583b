"""A failed sign-in says so at page level: an alert, and a title that starts with "Error"."""

import pytest

from tests.conftest import make_user


@pytest.fixture
def user(app, courses):
    return make_user(app)


def test_failed_sign_in_has_an_alert_and_an_error_title(client, auth, user):
    page = auth.login("rep@example.com", "wrong-password-entirely").get_data(as_text=True)
    assert "<title>Error: Sign in · RepReady</title>" in page
    assert 'role="alert">Sign-in failed: please check the field marked below.</p>' in page


def test_the_sign_in_page_alone_has_neither(client, user):
    page = client.get("/login").get_data(as_text=True)
    assert "<title>Sign in · RepReady</title>" in page
    assert 'role="alert"' not in page
