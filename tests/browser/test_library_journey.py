"""A rep searches while typing, opens a battlecard, copies an email template and shares a
case study; the manager sees the share in the library's usage."""

import re

from playwright.sync_api import expect

from lms.models import Role
from tests.browser.roles import sign_in_demo


def test_rep_searches_copies_and_shares_and_the_manager_sees_it(visitor):
    page = visitor.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in_demo(visitor, Role.REP)

    page.get_by_role("searchbox", name="Search").fill("objec")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    results = page.locator("#search-results")
    expect(results.locator("mark").first).to_have_text(re.compile("objec", re.I))
    page.get_by_label("Search courses, quizzes and the library").fill("定价")
    # As the rep types: the results change without a page load.
    expect(results).to_contain_text("定价与套餐说明")
    expect(page).to_have_url(re.compile(r"q=%E5%AE%9A%E4%BB%B7"))
    visitor.check("rep: search results")

    page.get_by_role("link", name="Library", exact=True).click()
    page.get_by_label("Kind").select_option("battlecard")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Veloxa vs spreadsheet forecasting").click()
    expect(page.locator(".meta")).to_contain_text("Internal only")
    expect(page.get_by_role("button", name="Create a link")).to_have_count(0)
    visitor.check("rep: library item")

    visitor.goto("/library/email-same-day-recap")
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("status").filter(has_text="Copied.")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Subject: Our call today") and "résumé" in copied

    visitor.goto("/library/case-study-copperline")
    page.get_by_label("Buyer's company").fill("Wayne Logistics")
    page.get_by_role("button", name="Create a link").click()
    link = page.get_by_role("textbox", name="Link for Wayne Logistics")
    shared = link.input_value()
    visitor.check("rep: shared link")

    buyer = page.context.browser.new_context()
    try:
        buyer_page = buyer.new_page()
        buyer_page.goto(shared)
        expect(buyer_page.get_by_role("heading", level=1)).to_contain_text("Copperline")
    finally:
        buyer.close()

    page.get_by_role("button", name="Sign out").click()
    sign_in_demo(visitor, Role.MANAGER)
    visitor.goto("/library/usage")
    expect(page.locator("body")).to_contain_text("to Wayne Logistics, by Riley Rep")
    visitor.check("manager: library usage")
