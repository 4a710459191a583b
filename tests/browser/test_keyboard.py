"""The rep's journey with the keyboard alone: skip link, visible focus, no mouse."""

import re

from playwright.sync_api import expect

from lms.cli.seed import DEMO_PASSWORD
from lms.models import Role
from tests.browser.keyboard import Keys
from tests.browser.roles import module_address


def test_skip_link_is_the_first_stop_shows_when_focused_and_lands_in_main(visitor):
    visitor.goto("/login")
    keys = Keys(visitor.page)
    skip = visitor.page.get_by_role("link", name="Skip to main content")
    assert skip.bounding_box()["y"] < 0  # out of sight until needed
    keys.press("Tab")
    assert keys.focused_matches("a.skip-link")
    assert skip.bounding_box()["y"] >= 0
    keys.press("Enter")
    assert keys.focused_matches("main#main")
    keys.press("Tab")
    assert keys.focused_matches("input#email")


def test_rep_journey_with_the_keyboard_alone(visitor):
    page, live = visitor.page, visitor.live
    email = live.make_user(Role.REP)
    visitor.goto("/login")
    keys = Keys(page)
    keys.tab_to("input#email")
    keys.type(email)
    keys.press("Tab")
    keys.type(DEMO_PASSWORD)
    keys.press("Enter")
    page.wait_for_url(live.url + "/")

    keys.tab_to("a.continue")
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("What sales enablement is")
    course, module = module_address(page.url)

    for right in (False, True):
        for key, answer in live.answers(course, module, right=right).items():
            keys.answer(key, answer)
        keys.tab_to("form[action$='/quiz'] button[type=submit]")
        keys.press("Shift+Tab")  # back to the last answer, and forward again
        assert keys.focused_matches("input")
        keys.press("Tab")
        keys.press("Enter")
        verdict = "Passed" if right else "Not passed yet"
        expect(page.get_by_role("status")).to_contain_text(verdict)
        if not right:
            keys.tab_to(".result-actions a.button")  # Try again
            keys.press("Enter")
            page.wait_for_url(re.compile("#quiz$"))

    keys.tab_to("header nav a[href='/']:not(.brand)")  # My onboarding
    keys.press("Enter")
    expect(page.get_by_text(re.compile(r"1 of \d+ modules done"))).to_be_visible()
    assert set(keys.pressed) <= {"Tab", "Shift+Tab", "Space", "Enter", "ArrowDown"}
