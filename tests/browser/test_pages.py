"""axe-core and the console on each role's pages that the journeys do not pass through."""

import pytest
from playwright.sync_api import expect

from lms.models import Role
from tests.browser.roles import sign_in_demo

# Add a role's pages here as they land: (name, path, expected status). {team} is Team
# Atlas's id, {rep} Lee Chen's (out of attempts on a quiz: At risk), {user} Riley Rep's.
PAGES = {
    Role.REP: [
        ("course", "/courses/sales-foundations", 200),
        ("module, attempts listed", "/courses/sales-foundations/the-shared-funnel", 200),
        ("course locked (403)", "/courses/first-calls/opening-the-call", 403),
        ("page not found (404)", "/courses/no-such-course", 404),
    ],
    Role.MANAGER: [
        (
            "dashboard, filtered and sorted",
            "/reports/teams/{team}?status=at+risk&sort=score&dir=desc",
            200,
        ),
        ("dashboard, nobody matches", "/reports/teams/{team}?status=ready&path=no-such-path", 200),
        ("rep detail", "/reports/teams/{team}/reps/{rep}", 200),
        ("question insights", "/reports/teams/{team}/insights", 200),
        ("ramp chart", "/reports/teams/{team}/ramp", 200),
        ("assign a path", "/teams/{team}/assign", 200),
        ("another team (404)", "/reports/teams/999/reps/{rep}", 404),
    ],
    Role.TRAINER: [
        ("courses", "/authoring/courses", 200),
        ("course authoring", "/authoring/courses/sales-foundations", 200),
        ("editor", "/authoring/courses/sales-foundations/the-shared-funnel/edit", 200),
        ("versions", "/authoring/courses/sales-foundations/the-shared-funnel/versions", 200),
        ("question quality", "/authoring/courses/sales-foundations/quality", 200),
        ("question quality, no attempts", "/authoring/courses/buyer-research/quality", 200),
        ("paths, with each path's daily boost", "/authoring/paths", 200),
    ],
    Role.ADMIN: [
        ("users", "/admin/users", 200),
        ("users filtered", "/admin/users?q=example&role=rep&status=active", 200),
        ("new user", "/admin/users/new", 200),
        ("edit user", "/admin/users/{user}", 200),
        ("teams", "/admin/teams", 200),
        ("team", "/admin/teams/{team}", 200),
        ("assign a path", "/teams/{team}/assign", 200),
        ("team picker", "/reports/", 200),
        ("dashboard", "/reports/teams/{team}", 200),
        ("courses", "/authoring/courses", 200),
    ],
}


def _ids(live) -> dict[str, int]:
    return {
        "team": live.team_id("Team Atlas"),
        "rep": live.user_id("lee@example.com"),
        "user": live.user_id("rep@example.com"),
    }


@pytest.mark.parametrize("role", list(PAGES), ids=lambda role: role.value)
def test_every_page_of_a_role_passes_axe(visitor, role):
    sign_in_demo(visitor, role)
    visitor.check(f"{role.value} home")
    ids = _ids(visitor.live)
    for name, path, status in PAGES[role]:
        if status >= 400:
            # Chromium logs the page's own error status; nothing else may appear.
            visitor.console.allow(rf"Failed to load resource: .*status of {status}")
        visitor.goto(path.format(**ids), status=status)
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
