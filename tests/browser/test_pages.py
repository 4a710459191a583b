"""axe-core and the console on each role's pages that the journeys do not pass through."""

import pytest
from playwright.sync_api import expect

from lms.models import Role
from tests.browser.roles import sign_in_demo

# Add a role's pages here as they land: (name, path, expected status).
PAGES = {
    Role.REP: [
        ("course", "/courses/sales-foundations", 200),
        ("module, attempts listed", "/courses/sales-foundations/the-shared-funnel", 200),
        ("course locked (403)", "/courses/first-calls/opening-the-call", 403),
        ("page not found (404)", "/courses/no-such-course", 404),
    ],
    Role.ADMIN: [
        ("users", "/admin/users", 200),
        ("users filtered", "/admin/users?q=example&role=rep&status=active", 200),
        ("new user", "/admin/users/new", 200),
        ("edit user", "/admin/users/1", 200),
        ("teams", "/admin/teams", 200),
        ("team", "/admin/teams/1", 200),
        ("assign a path", "/teams/1/assign", 200),
    ],
}


@pytest.mark.parametrize("role", list(PAGES), ids=lambda role: role.value)
def test_every_page_of_a_role_passes_axe(visitor, role):
    sign_in_demo(visitor, role)
    visitor.check(f"{role.value} home")
    for name, path, status in PAGES[role]:
        if status >= 400:
            # Chromium logs the page's own error status; nothing else may appear.
            visitor.console.allow(rf"Failed to load resource: .*status of {status}")
        visitor.goto(path, status=status)
        visitor.check(f"{role.value}: {name}", screenshot=True)


def test_sign_in_error_and_signed_out_pages_pass_axe(visitor):
    page = visitor.page
    visitor.goto("/login")
    page.get_by_label("Email").fill("rep@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("do not match an active account")).to_be_visible()
    visitor.check("sign-in, wrong password", screenshot=True)

    sign_in_demo(visitor, Role.REP)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You are signed out.")
    visitor.check("signed out")
