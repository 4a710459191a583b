"""Security headers on the rep's pages."""

import pytest

PAGES = ["/", "/courses/basics", "/courses/basics/reading", "/courses/basics/quiz"]


def script_src(policy: str) -> str:
    return next(d for d in policy.split(";") if d.strip().startswith("script-src"))


@pytest.mark.parametrize("url", PAGES)
def test_signed_in_pages_carry_security_headers(client, rep, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in script_src(policy)
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_sign_in_page_has_a_policy_too(client):
    response = client.get("/login")
    assert "'unsafe-inline'" not in script_src(response.headers["Content-Security-Policy"])
    assert response.headers["X-Content-Type-Options"] == "nosniff"
