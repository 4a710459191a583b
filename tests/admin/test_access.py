"""Every admin page is for admins only: 403 for other roles, sign-in for visitors."""

import pytest
from flask import url_for

from tests.conftest import PASSWORD
from tests.helpers.sign_in import csrf_token, sign_in


def admin_urls(app, org) -> list[tuple[str, str]]:
    """(method, url) for every route of the admin blueprint, read from the URL map."""
    values = {"user_id": org["boss"], "team_id": org["east"], "import_id": 1}
    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("admin."):
                url = url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})
                found += [(m, url) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


def test_the_admin_blueprint_has_the_expected_pages(app, org):
    urls = {url for _, url in admin_urls(app, org)}
    assert {"/admin/users", "/admin/users/new", "/admin/teams"} <= urls
    assert len(admin_urls(app, org)) >= 14


@pytest.mark.parametrize("email", ["ana@example.com", "boss@example.com", "trainer@example.com"])
def test_every_admin_page_is_403_for_other_roles(app, client, auth, org, email):
    auth.login(email)
    for method, url in admin_urls(app, org):
        response = client.open(url, method=method)
        assert response.status_code == 403, (method, url)
        assert "You do not have access to this page" in response.get_data(as_text=True)


def test_every_admin_page_sends_visitors_to_sign_in(app, client, org):
    for method, url in admin_urls(app, org):
        response = client.open(url, method=method)
        assert response.status_code == 302, (method, url)
        assert response.headers["Location"].startswith("/login?next=")


def test_admins_see_the_admin_link_and_others_do_not(client, auth, org):
    auth.login("admin@example.com")
    assert 'href="/admin/users"' in client.get("/", follow_redirects=True).get_data(as_text=True)
    auth.logout()
    auth.login("boss@example.com", PASSWORD)
    assert 'href="/admin/users"' not in client.get("/", follow_redirects=True).get_data(
        as_text=True
    )


def test_a_refused_post_changes_nothing(app, client, auth, org):
    auth.login("boss@example.com")
    client.post(f"/admin/users/{org['ana']}/deactivate")
    auth.logout()
    assert auth.login("ana@example.com").status_code == 302


def test_admin_forms_need_their_csrf_token(app, org):
    from lms import create_app

    protected = create_app({**app.config, "WTF_CSRF_ENABLED": True}).test_client()
    assert sign_in(protected, "admin@example.com").status_code == 302
    url = f"/admin/users/{org['ana']}/deactivate"
    assert protected.post(url).status_code == 400
    token = csrf_token(protected.get(f"/admin/users/{org['ana']}").get_data(as_text=True))
    assert protected.post(url, data={"csrf_token": token}).status_code == 302
