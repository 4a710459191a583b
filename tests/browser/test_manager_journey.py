"""A manager finds the rep at risk, records a judgement and takes the team away as CSV; then
helps a rep out of attempts, and the rep sees the retry and the shared note."""

import csv
import io
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from lms.cli.seed import DEMO_PASSWORD
from lms.models import Role
from tests.browser.roles import answer_quiz, sign_in_demo


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
    page.get_by_label("Note", exact=True).fill("Pair with Noah on two discovery calls this week.")
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


def remedy_form(page, heading: str):
    """One of the forms under "Help ... along" on the rep detail page, by its heading."""
    return page.locator("form", has=page.get_by_role("heading", name=heading, level=3))


def choose_option(form, select_label: str, text: str) -> None:
    """Pick the option of a select whose text contains `text` (labels carry counts, dates)."""
    select = form.get_by_label(select_label, exact=True)
    select.select_option(select.locator("option", has_text=text).first.get_attribute("value"))


def test_manager_grants_attempts_extends_and_shares_a_note_the_rep_sees(visitor, new_visitor):
    live, page = visitor.live, visitor.page
    email = live.make_user(Role.REP, name="Rowan Hale", team_name="Team Atlas")
    course, module, title = live.stuck_on_last_quiz(email)
    team, rep_id = live.team_id("Team Atlas"), live.user_id(email)

    sign_in_demo(visitor, Role.MANAGER)
    visitor.goto(f"/reports/teams/{team}/reps/{rep_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rowan Hale")
    expect(page.locator(".summary")).to_contain_text("At risk")

    attempts = remedy_form(page, "Attempts and resets")
    choose_option(attempts, "Module", f"{title} (")
    attempts.get_by_label("Grant more attempts").check()
    attempts.get_by_label("How many more attempts").fill("1")
    attempts.get_by_label("Why").fill("Missed the data workshop; retake after it.")
    attempts.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("status")).to_contain_text(f"granted 1 more attempt at {title}")
    visitor.check("manager: rep detail, attempts granted", screenshot=True)

    due = date.today() + timedelta(days=9)
    dates = remedy_form(page, "Due dates")
    choose_option(dates, "Course or path", "Sales Foundations, due")
    dates.get_by_label("New due date").fill(due.isoformat())
    dates.get_by_label("Why").fill("Workshop runs next week.")
    dates.get_by_role("button", name="Set the due date").click()
    expect(page.get_by_role("status")).to_contain_text(f"due {due.isoformat()}")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Missed the data workshop")
    expect(timeline).to_contain_text("Workshop runs next week.")

    note = "Two practice calls with Noah first."
    page.get_by_label("Not yet").check()
    page.get_by_label("Note", exact=True).fill(note)
    page.get_by_label("Share the note with Rowan Hale").check()
    page.get_by_role("button", name="Record judgement").click()
    history = page.get_by_role("table", name="Judgement history, newest first")
    expect(history.locator("tbody tr").first).to_contain_text(note)
    expect(history.locator("tbody tr").first.locator("td").last).to_have_text("Yes")
    visitor.check("manager: rep detail, after remedies")

    rep = new_visitor()  # the rep, in a browser context of their own
    rep.sign_in(email, DEMO_PASSWORD)
    due_text = rep.page.locator(
        ".course-card", has=rep.page.get_by_role("heading", name="Sales Foundations")
    ).locator(".due")
    expect(due_text).to_contain_text("Due in 9 days")
    expect(due_text.locator("time")).to_have_attribute("datetime", due.isoformat())
    rep.check("rep home, retry granted")

    rep.goto(f"/courses/{course}/{module}")
    expect(rep.page.get_by_text(re.compile(r"\d+ of \d+ attempts used"))).to_be_visible()
    expect(rep.page.get_by_text("You have used all")).to_have_count(0)
    rep.check("module, retry granted")
    answer_quiz(rep.page, live.answers(course, module, right=True))
    rep.page.get_by_role("button", name="Submit answers").click()
    expect(rep.page.get_by_role("status")).to_contain_text("Passed")

    rep.goto("/")
    expect(
        rep.page.get_by_text(f"Your manager wants more before you sell: “{note}”")
    ).to_be_visible()
    expect(rep.page.get_by_text("You are ready to sell")).to_have_count(0)
    rep.check("rep home, path complete, not yet", screenshot=True)
