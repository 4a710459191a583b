"""A new rep's first quiz, failed then passed, in a real browser."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.roles import answer_quiz, module_address, overall_progress, sign_in_new_rep


def test_new_rep_fails_a_quiz_reads_the_feedback_passes_and_sees_progress(visitor):
    page = visitor.page
    sign_in_new_rep(visitor)
    expect(page.get_by_text(re.compile(r"0 of \d+ modules done"))).to_be_visible()
    # Relative due dates: the first course is due on day 5 of a path started today.
    due = page.locator(
        ".course-card", has=page.get_by_role("heading", name="Sales Foundations")
    ).locator(".due")
    expect(due).to_contain_text("Due in 5 days")
    in_five = (date.today() + timedelta(days=5)).isoformat()
    expect(due.locator("time")).to_have_attribute("datetime", in_five)
    visitor.check("rep home, new rep", screenshot=True)
    before = overall_progress(page)

    page.get_by_role("link", name=re.compile("^Continue: ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What sales enablement is")
    visitor.check("module with quiz", screenshot=True)
    page.get_by_role("heading", name="Check your understanding").scroll_into_view_if_needed()
    course, module = module_address(page.url)

    answer_quiz(page, visitor.live.answers(course, module, right=False))
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("status")).to_contain_text("Not passed yet")
    expect(page.get_by_text("Completion is a means, not the goal.")).to_be_visible()
    # Review policy after_pass (the default): explanations wait for a pass.
    expect(page.get_by_text("the four parts work together")).to_have_count(0)
    expect(
        page.get_by_text("The right answers and explanations show once you pass")
    ).to_be_visible()
    visitor.check("quiz result, not passed", screenshot=True)
    visitor.screenshot("quiz result, first screen", full_page=False, scheme="dark")

    page.get_by_role("link", name="Try again").click()
    answer_quiz(page, visitor.live.answers(course, module, right=True))
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("status")).to_contain_text("Passed")
    expect(page.get_by_role("table")).to_contain_text("Not passed")
    expect(page.get_by_text("the four parts work together")).to_be_visible()
    visitor.check("quiz result, passed", screenshot=True)

    page.get_by_role("link", name="Next module").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("What sales enablement is")
    assert module_address(page.url)[0] == course
    page.get_by_role("link", name="My onboarding").first.click()
    expect(page.get_by_text(re.compile(r"1 of \d+ modules done"))).to_be_visible()
    assert overall_progress(page) > before
    visitor.check("rep home, after a pass", screenshot=True)
    visitor.screenshot("rep home, first screen", full_page=False, scheme="dark")
