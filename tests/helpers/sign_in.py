"""The test users' password, and signing in through the real login form (with its CSRF token)."""

from __future__ import annotations

import re

PASSWORD = "correct-horse-battery"  # noqa: S105 - test credential
REP_EMAIL = "rep@example.com"


def csrf_token(html: str) -> str:
    """The CSRF token of the first form in a rendered page."""
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in(client, email: str = REP_EMAIL, password: str = PASSWORD):
    """Post the login form as `email`; return the response (a 302 home when it worked)."""
    data = {"email": email, "password": password}
    if client.application.config.get("WTF_CSRF_ENABLED", True):
        data["csrf_token"] = csrf_token(client.get("/login").get_data(as_text=True))
    return client.post("/login", data=data)


def signed_in_client(app, email: str = REP_EMAIL, password: str = PASSWORD):
    """A new test client of `app`, signed in as `email`."""
    client = app.test_client()
    response = sign_in(client, email, password)
    assert response.status_code == 302, f"{email} could not sign in"
    return client
