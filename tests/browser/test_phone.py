"""At 375 x 667: no sideways scrolling, tap targets of 24 px or more, still zero axe violations."""

from lms.models import Role
from tests.browser.layout import horizontal_overflow, small_targets
from tests.browser.roles import sign_in_demo
from tests.browser.visitor import PHONE

FUNNEL = "/courses/sales-foundations/the-shared-funnel"


def measurer(visitor, problems: list[str]):
    """measure(name): record the page's sideways scroll and small targets; axe; photograph."""

    def measure(name: str) -> None:
        overflow = horizontal_overflow(visitor.page)
        if overflow > 0:
            problems.append(f"{name}: scrolls sideways by {overflow} px")
        problems.extend(f"{name}: tap target under 24 px: {t}" for t in small_targets(visitor.page))
        visitor.check(f"{name}, phone")
        visitor.screenshot(name)

    return measure


def test_rep_pages_fit_a_phone(visitor):
    page = visitor.page
    page.set_viewport_size(PHONE)
    sign_in_demo(visitor, Role.REP)  # failed the funnel quiz once: it has a result page
    problems = []
    measure = measurer(visitor, problems)

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


def test_manager_and_trainer_pages_fit_a_phone(visitor):
    page, live = visitor.page, visitor.live
    page.set_viewport_size(PHONE)
    problems = []
    measure = measurer(visitor, problems)
    team = live.team_id("Team Atlas")
    sign_in_demo(visitor, Role.MANAGER)
    visitor.goto(f"/reports/teams/{team}")
    measure("dashboard")
    visitor.screenshot("dashboard, first screen", full_page=False)
    for table in page.locator("table").all():  # wide tables scroll in their box, not the page
        assert table.evaluate("t => !!t.closest('.table-scroll')"), table.inner_text()[:60]
    scroller = page.locator(".table-scroll").first
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits anyway?"
    visitor.goto(f"/reports/teams/{team}/reps/{live.user_id('lee@example.com')}")
    measure("rep detail")
    for name, path in [("insights", "insights"), ("ramp chart", "ramp")]:
        visitor.goto(f"/reports/teams/{team}/{path}")
        measure(name)
    visitor.goto(f"/teams/{team}/assign")
    measure("assign a path")

    page.get_by_role("button", name="Sign out").click()
    sign_in_demo(visitor, Role.TRAINER)
    visitor.goto("/authoring/courses")
    measure("courses")
    visitor.goto("/authoring/courses/sales-foundations/the-shared-funnel/edit")
    measure("editor")
    visitor.goto("/authoring/courses/sales-foundations/the-shared-funnel/versions")
    measure("versions")
    visitor.goto("/authoring/courses/sales-foundations/quality")
    measure("question quality")

    page.get_by_role("button", name="Sign out").click()
    sign_in_demo(visitor, Role.ADMIN)
    for name, path in [("admin users", "/admin/users"), ("admin team", f"/admin/teams/{team}")]:
        visitor.goto(path)
        measure(name)
    assert not problems, "\n".join(problems)
