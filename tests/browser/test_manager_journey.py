"""A manager finds the rep at risk, records a judgement and takes the team away as CSV."""

import csv
import io
import re

from playwright.sync_api import expect

from lms.models import Role
from tests.browser.roles import sign_in_demo


def test_manager_finds_the_rep_at_risk_judges_them_and_exports_the_csv(visitor):
    page = visitor.page
    sign_in_demo(visitor, Role.MANAGER)
    page.get_by_role("link", name="My team").click()  # one team: straight to its dashboard
    expect(page.get_by_role("heading", level=1)).to_have_text("Team Atlas: who is ready to sell")
    visitor.check("manager: dashboard", screenshot=True)
    visitor.screenshot("dashboard, first screen", full_page=False)  # for the README
    visitor.screenshot("dashboard, first screen", full_page=False, scheme="dark")

    page.get_by_role("link", name=re.compile(r"^\d+ At risk$")).click()
    rows = page.locator(".readiness-table tbody tr")
    expect(rows.first.locator(".badge")).to_have_text("At risk")
    assert set(rows.locator(".badge").all_inner_texts()) == {"At risk"}
    visitor.check("manager: dashboard, at risk only")
    page.get_by_role("link", name="Last activity").click()  # sort by a column
    expect(page.locator("th[aria-sort]")).to_contain_text("Last activity")
    visitor.check("manager: dashboard, at risk, sorted")

    rep_link = rows.first.locator("th a")
    name = rep_link.inner_text()
    reason = rows.first.locator(".reason").inner_text()
    rep_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator(".summary")).to_contain_text(reason)
    visitor.check("manager: rep detail", screenshot=True)
    visitor.screenshot("rep detail, first screen", full_page=False)

    page.get_by_label("Not yet").check()
    page.get_by_label("Note").fill("Pair with Noah on two discovery calls this week.")
    page.get_by_role("button", name="Record judgement").click()
    expect(page.get_by_role("status")).to_have_text(f"Your judgement of {name} is recorded.")
    history = page.get_by_role("table", name="Judgement history, newest first")
    expect(history.locator("tbody tr").first).to_contain_text("Pair with Noah")
    visitor.check("manager: rep detail, judgement recorded")

    page.get_by_role("link", name="Team Atlas").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    table = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
    row = next(r for r in table if r["rep"] == name)
    assert row["status"] == "at risk"
    assert row["manager_judgement"] == "not yet"
    assert len(table) >= 10  # the whole team: the filter of the page is not the CSV's
