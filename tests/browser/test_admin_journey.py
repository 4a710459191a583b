"""An admin creates a user, who then signs in with the password the admin gave them."""

import re
from datetime import date

from playwright.sync_api import expect

from lms.models import Role
from tests.browser.roles import sign_in_demo

PASSWORD = "violet-harbour-lantern-42"  # noqa: S105 - a test account's password


def test_admin_creates_a_user_who_then_signs_in(visitor, new_visitor):
    page = visitor.page
    sign_in_demo(visitor, Role.ADMIN)
    expect(page).to_have_url(re.compile(r"/admin/users$"))  # an admin lands on the users
    page.get_by_role("link", name="Add a user").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a user")

    page.get_by_label("Name").fill("Robin Reyes")
    page.get_by_label("Initial password").fill("short")
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    visitor.check("admin: new user, with errors", screenshot=True)

    page.get_by_label("Email").fill("robin.reyes@browser.example.com")
    page.get_by_label("Role").select_option(label="Rep")
    page.get_by_label("Team").select_option(label="Team Atlas")
    page.get_by_label("Start date").fill(date.today().isoformat())
    page.get_by_label("Onboarding path").select_option(index=1)
    page.get_by_label("Initial password").fill(PASSWORD)
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Robin Reyes can now sign in as robin.reyes@browser.example.com."
    )
    expect(page.get_by_role("status").nth(1)).to_contain_text("An invitation")
    expect(page.get_by_role("table")).to_contain_text("Robin Reyes")
    visitor.check("admin: users, after creating one", screenshot=True)
    visitor.screenshot("admin users, first screen", full_page=False)

    robin = new_visitor()
    robin.sign_in("robin.reyes@browser.example.com", PASSWORD)
    expect(robin.page.get_by_role("navigation").first).to_contain_text("Robin Reyes")
    expect(robin.page.get_by_role("link", name=re.compile("^Continue: "))).to_be_visible()
    robin.check("new user's first home")


HR_EXPORT = (
    "Employee ID;Email;Name;Role;Team\n"
    "901;pat.import@browser.example.com;Pat Import;Rep;team atlas\n"
)


def test_admin_imports_an_hr_export_after_a_preview(visitor):
    """Upload -> preview -> confirm, then the new person's history shows the import."""
    page = visitor.page
    sign_in_demo(visitor, Role.ADMIN)
    expect(page).to_have_url(re.compile(r"/admin/users$"))  # an admin lands on the users
    page.get_by_role("link", name="Import from a file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import users from an HR export")
    visitor.check("admin: import, upload")

    visitor.console.allow(r"Failed to load resource: .*status of 422")  # the refused file
    page.get_by_label("HR export (CSV)").set_input_files(
        {"name": "hr.csv", "mimeType": "text/csv", "buffer": b"email,name\nx@y.z,\xe9\n"}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "line 2: byte 0xe9 at position 7 is not UTF-8"
    )
    visitor.check("admin: import, refused file")

    page.get_by_label("HR export (CSV)").set_input_files(
        {"name": "hr.csv", "mimeType": "text/csv", "buffer": HR_EXPORT.encode()}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import preview: hr.csv")
    expect(page.locator("#import-summary")).to_contain_text("1 to create; 0 to update")
    expect(page.get_by_role("table")).to_contain_text("pat.import@browser.example.com")
    expect(page.get_by_text("ignored the column(s) employee id")).to_be_visible()
    visitor.check("admin: import, preview", screenshot=True)

    page.get_by_role("button", name="Apply these changes").click()
    expect(page.get_by_role("status")).to_contain_text("Imported: 1 created")
    page.get_by_role("link", name="Pat Import").click()
    page.get_by_role("link", name="History of Pat Import").click()
    expect(page.get_by_role("table")).to_contain_text("Account created as rep in Team Atlas")
    expect(page.get_by_role("table")).to_contain_text("HR import hr.csv, line 2")
    visitor.check("admin: a user's history")
