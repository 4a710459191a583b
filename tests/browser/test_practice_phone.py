"""The practice skills and criteria pages at 375 px, light and dark: no sideways scroll, no axe."""

import pytest

from lms.models import Role
from tests.browser.layout import horizontal_overflow, small_targets
from tests.browser.roles import sign_in_demo
from tests.browser.visitor import PHONE

PAGES = [
    # (who opens it, name, path); {team} is Team Atlas, whose demo reps have reviews.
    (Role.MANAGER, "practice skills", "/practice/teams/{team}/skills"),
    (Role.TRAINER, "practice criteria", "/practice/criteria"),
]


@pytest.mark.parametrize(("role", "name", "path"), PAGES, ids=[p[1] for p in PAGES])
def test_practice_tables_fit_a_phone_in_both_schemes(new_visitor, role, name, path):
    visitor = new_visitor(PHONE)
    sign_in_demo(visitor, role)
    visitor.goto(path.format(team=visitor.live.team_id("Team Atlas")))
    page = visitor.page
    assert page.locator("table").count() > 0, f"{name}: the demo should fill the table"
    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(f"{name} [{scheme}]: scrolls sideways by {overflow} px")
    problems.extend(f"{name}: tap target under 24 px: {t}" for t in small_targets(page))
    assert not problems, "\n".join(problems)
    visitor.check(f"{name}, phone")  # axe, WCAG A/AA, in dark then light
    visitor.screenshot(f"{name}", scheme="dark")
