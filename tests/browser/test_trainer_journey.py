"""A trainer fixes a word in a module, previews and publishes; the rep sees it, progress kept."""

import re

from playwright.sync_api import expect

from lms.models import Role
from tests.browser.roles import sign_in_demo

MODULE = "/courses/sales-foundations/what-enablement-is"
BEFORE, AFTER = "on a Tuesday afternoon call", "on a Tuesday morning call"


def modules_done(page) -> str:
    return page.get_by_text(re.compile(r"\d+ of \d+ modules done")).first.inner_text()


def test_trainer_edits_previews_publishes_and_the_rep_sees_it_with_progress_kept(
    visitor, new_visitor
):
    rep = new_visitor()
    sign_in_demo(rep, Role.REP)  # passed this module's quiz in the demo
    done_before = modules_done(rep.page)
    rep.goto(MODULE)
    expect(rep.page.get_by_text(BEFORE)).to_be_visible()
    attempts = rep.page.locator("table", has_text="Passed").locator("tbody tr").count()
    assert attempts >= 1

    page = visitor.page
    sign_in_demo(visitor, Role.TRAINER)
    page.get_by_role("link", name="Courses", exact=True).click()
    visitor.check("trainer: courses", screenshot=True)
    page.get_by_role("link", name="Sales Foundations").click()
    visitor.check("trainer: course authoring", screenshot=True)
    page.get_by_role("link", name="Edit What sales enablement is").click()
    visitor.check("trainer: editor")

    source = page.get_by_label("The whole file")
    source.fill(source.input_value().replace(BEFORE, "on a Tuesday mor call"))
    caret = source.input_value().index("Tuesday mor") + len("Tuesday mor")
    source.evaluate("(el, at) => el.setSelectionRange(at, at)", caret)
    page.keyboard.type("ning", delay=30)  # typed: the preview follows as you type
    preview = page.locator("#preview")
    expect(page.locator("#preview-status")).to_have_text("Preview updated.")
    expect(preview).to_contain_text(AFTER)
    visitor.check("trainer: editor, live preview")

    page.get_by_role("button", name="Preview").click()  # the same without JavaScript
    expect(preview).to_contain_text(AFTER)
    expect(page.locator(".problem-none")).to_be_visible()
    visitor.check("trainer: editor with preview", screenshot=True)
    visitor.screenshot("editor with preview, first screen", full_page=False)

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=2, name="Reps it reaches")).to_be_visible()
    visitor.check("trainer: impact before publishing")
    page.get_by_role("button", name="Confirm and apply").click()
    expect(page.get_by_role("status").first).to_have_text(re.compile(r"^Published version \d+\.$"))
    page.get_by_role("link", name="Versions").first.click()
    expect(page.locator("pre.diff").first).to_contain_text(f"+you can use {AFTER}.")
    visitor.check("trainer: versions with a diff", screenshot=True)

    rep.page.reload()
    expect(rep.page.get_by_text(AFTER)).to_be_visible()
    expect(rep.page.get_by_text(BEFORE)).to_have_count(0)
    assert rep.page.locator("table", has_text="Passed").locator("tbody tr").count() == attempts
    rep.check("rep: module after the trainer's edit")
    rep.goto("/")
    assert modules_done(rep.page) == done_before


def test_trainer_creates_a_draft_course_and_module_previews_publishes_and_makes_a_path(
    visitor, new_visitor
):
    page = visitor.page
    sign_in_demo(visitor, Role.TRAINER)
    page.get_by_role("link", name="Courses", exact=True).click()
    page.get_by_role("link", name="New course").click()
    visitor.check("trainer: new course")
    page.get_by_label("Slug (the folder name)").fill("discovery-calls")
    page.get_by_label("Title").fill("Discovery calls")
    page.get_by_label("Track").select_option("skills")
    page.get_by_label("Summary").fill("Open a first call with the right questions.")
    page.get_by_role("button", name="Create the course").click()
    expect(page.get_by_role("heading", name="New module in Discovery calls")).to_be_visible()
    visitor.check("trainer: new module")
    page.get_by_label("Slug").fill("first-questions")
    page.get_by_label("Title").fill("First questions")
    page.get_by_role("button", name="Create and open the editor").click()
    expect(page.get_by_role("heading", name="Unpublished new module")).to_be_visible()

    source = page.get_by_label("The whole file")
    source.fill(source.input_value().replace("Write the module here.", "Ask what changed."))
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").first).to_contain_text("Draft saved")
    visitor.check("trainer: editor with a draft")
    page.get_by_role("link", name="Preview the draft as a rep").click()
    expect(page.get_by_text("Draft preview.")).to_be_visible()
    expect(page.get_by_text("Ask what changed.")).to_be_visible()
    visitor.check("trainer: draft preview as a rep", screenshot=True)
    page.get_by_role("link", name="Back to the editor").click()
    page.get_by_role("button", name="Publish the draft").click()
    expect(page.get_by_text("Nothing is stored until you confirm.")).to_be_visible()
    visitor.check("trainer: impact of publishing a draft")
    page.get_by_role("button", name="Confirm and apply").click()
    expect(page.get_by_role("status").first).to_contain_text("Draft published as version")

    rep = new_visitor()
    sign_in_demo(rep, Role.REP)
    rep.console.allow("404")  # the course itself is still a draft
    rep.goto("/courses/discovery-calls", status=404)
    page.get_by_role("link", name="Discovery calls").click()
    page.get_by_role("button", name="Publish the course").click()
    expect(page.get_by_role("status").first).to_contain_text("is published")
    rep.goto("/courses/discovery-calls/first-questions")
    expect(rep.page.get_by_text("Ask what changed.")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    page.get_by_role("link", name="Paths").click()
    page.get_by_role("link", name="New path").click()
    visitor.check("trainer: new path")
    page.get_by_label("Slug", exact=True).fill("discovery-first")
    page.get_by_label("Title", exact=True).fill("Discovery first")
    page.get_by_label("Courses, in order").fill("discovery-calls 2")
    page.get_by_role("button", name="Save the path").click()
    expect(page.get_by_text("Path discovery-first saved.")).to_be_visible()
    visitor.check("trainer: paths")
