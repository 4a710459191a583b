"""At 375 x 667: no sideways scrolling, tap targets of 24 px or more, still zero axe violations."""

from lms.models import Role
from tests.browser.layout import horizontal_overflow, small_targets
from tests.browser.roles import sign_in_demo
from tests.browser.visitor import PHONE

FUNNEL = "/courses/sales-foundations/the-shared-funnel"


def test_rep_pages_fit_a_phone(visitor):
    page = visitor.page
    page.set_viewport_size(PHONE)
    sign_in_demo(visitor, Role.REP)  # failed the funnel quiz once: it has a result page
    problems = []

    def measure(name: str) -> None:
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(f"{name}: scrolls sideways by {overflow} px")
        problems.extend(f"{name}: tap target under 24 px: {t}" for t in small_targets(page))
        visitor.check(f"{name}, phone")
        visitor.screenshot(name)

    measure("rep home")
    visitor.goto("/courses/sales-foundations")
    measure("course")
    visitor.goto(FUNNEL)
    measure("module")
    visitor.screenshot("module, first screen", full_page=False)
    page.get_by_role("heading", name="Check your understanding").scroll_into_view_if_needed()
    measure("quiz")
    page.get_by_role("link", name="#1").click()
    page.get_by_role("heading", level=1).filter(has_text="attempt 1").wait_for()
    measure("quiz result")
    assert not problems, "\n".join(problems)
