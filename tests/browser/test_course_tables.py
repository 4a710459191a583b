"""Shipped course tables name their rows; heading permalinks stay out of accessible names."""

import pytest
from playwright.sync_api import expect

from lms.models import Role
from tests.browser.axe import TABLE_RULES, describe, run_rules
from tests.browser.roles import sign_in_demo

TABLES = {
    "pricing": ("/courses/product-essentials/packaging-and-pricing", "List price"),
    "funnel": ("/courses/sales-foundations/the-shared-funnel", "Where in the funnel"),
}


@pytest.mark.parametrize("name", list(TABLES))
def test_row_headers_on_the_shipped_tables(visitor, name):
    path, first_row = TABLES[name]
    sign_in_demo(visitor, Role.TRAINER)
    visitor.goto(path)
    row_header = visitor.page.get_by_role("rowheader", name=first_row)
    expect(row_header).to_have_attribute("scope", "row")
    found = run_rules(visitor.page, TABLE_RULES)
    assert not found["violations"], describe(found["violations"])
    assert "td-has-header" in found["passes"]


def test_heading_names_leave_out_the_pilcrow_and_keep_their_ids(visitor):
    sign_in_demo(visitor, Role.TRAINER)
    visitor.goto(TABLES["funnel"][0])
    page = visitor.page
    heading = page.get_by_role("heading", name="Who works where", exact=True)
    expect(heading).to_have_attribute("id", "who-works-where")
    expect(page.get_by_role("link", name="¶")).to_have_count(0)  # out of the accessibility tree
    expect(heading.locator("a.headerlink")).to_have_text("¶")  # still there for a mouse
    page.get_by_text("On this page").click()  # the table of contents
    page.get_by_role("link", name="Who works where").click()
    assert page.url.endswith("#who-works-where")
