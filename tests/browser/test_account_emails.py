"""Account emails end to end: forgot a password, reset it, sign in; accept an invitation."""

import re
from datetime import date

from playwright.sync_api import expect

from lms.models import Role
from tests.browser.roles import sign_in_demo

NEW_PASSWORD = "copper-meadow-violin-58"  # noqa: S105 - a test account's password


def test_a_rep_who_forgot_their_password_resets_it_from_the_email(live, new_visitor):
    email = live.make_user(name="Fran Forgetful")
    rep = new_visitor()
    page = rep.page
    rep.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    rep.check("forgot password")
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("status").first).to_contain_text("we have emailed it a link")

    page.goto(live.emailed_link(email, "reset"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    rep.check("reset password from the email")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("navigation").first).to_contain_text("Fran Forgetful")

    page.get_by_role("button", name="Sign out").click()
    rep.sign_in(email, NEW_PASSWORD)
    expect(page.get_by_role("navigation").first).to_contain_text("Fran Forgetful")
    rep.console.allow(r"status of 410")  # the used link, opened again
    page.goto(live.emailed_link(email, "reset"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Choose a new password")


def test_an_invited_rep_sets_a_password_and_lands_on_their_onboarding(visitor, new_visitor, live):
    page = visitor.page
    sign_in_demo(visitor, Role.ADMIN)
    page.get_by_role("link", name="Add a user").click()
    page.get_by_label("Name").fill("Ines Invited")
    page.get_by_label("Email").fill("ines.invited@browser.example.com")
    page.get_by_label("Role").select_option(label="Rep")
    page.get_by_label("Team").select_option(label="Team Atlas")
    page.get_by_label("Start date").fill(date.today().isoformat())
    page.get_by_label("Onboarding path").select_option(index=1)
    page.get_by_label("Initial password").fill("harbour-pine-crystal-77")
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_role("status").nth(1)).to_contain_text("An invitation")

    ines = new_visitor()
    ines.page.goto(live.emailed_link("ines.invited@browser.example.com", "invitation"))
    expect(ines.page.get_by_role("heading", level=1)).to_have_text("Welcome, Ines Invited")
    ines.check("invitation: set a password", screenshot=True)
    ines.page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    ines.page.get_by_label("New password again").fill(NEW_PASSWORD)
    ines.page.get_by_role("button", name="Set password and sign in").click()
    expect(ines.page.get_by_role("heading", level=1)).to_have_text(re.compile("onboarding", re.I))
    expect(ines.page.get_by_role("link", name=re.compile("^Continue: "))).to_be_visible()
