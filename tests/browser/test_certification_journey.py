"""A manager signs a rep off and the certificate is granted; anyone can verify it signed out."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from lms import clock
from lms.cli.seed import DEMO_PASSWORD
from lms.cli.seed_certification import _complete
from lms.db import db
from lms.models import Certification, Role, User


def candidate(live) -> tuple[str, str]:
    """A manager of a new team and their rep, who has done the path and passed the exam."""
    manager = live.make_user(Role.MANAGER, team_name="Team Cert", name="Cleo Coach")
    rep = live.make_user(Role.REP, team_name="Team Cert", name="Zoë Ångström")
    with live.app.app_context(), db.writing() as session:
        cert = session.scalar(select(Certification))
        user = session.scalar(select(User).where(User.email == rep))
        courses = [link.course_id for link in cert.path.courses] + [cert.exam_course_id]
        _complete(session, user, courses, clock.now())
    return manager, rep


def test_manager_signs_off_and_the_certificate_verifies_signed_out(new_visitor, live):
    manager_email, rep_email = candidate(live)
    manager = new_visitor()
    page = manager.page
    manager.sign_in(manager_email, DEMO_PASSWORD)
    manager.goto("/reports/")
    page.get_by_role("link", name="Zoë Ångström").first.click()
    page.get_by_role("link", name="Certifications and sign-offs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoë Ångström: certifications")
    manager.check("manager: rep certifications")
    for title in ("Delivered the standard Veloxa demo", "Ran a discovery call"):
        form = page.locator("form", has=page.get_by_role("button", name=re.compile(title)))
        form.get_by_label("Note (optional)").fill("Seen on a real call")
        form.get_by_role("button").click()
        expect(page.get_by_role("status")).to_contain_text("Sign-off recorded")
    expect(page.locator("h2 .badge")).to_have_text("Valid")

    rep = new_visitor()
    rep.sign_in(rep_email, DEMO_PASSWORD)
    rep.goto("/certifications")
    rep.check("rep: my certifications")
    rep.page.get_by_role("link", name="Your certificate").click()
    expect(rep.page.get_by_role("heading", level=1)).to_have_text("Certified Account Executive")
    rep.check("rep: certificate")
    verify_url = rep.page.get_by_role("link", name=re.compile("verify")).get_attribute("href")

    stranger = new_visitor()
    stranger.page.goto(verify_url)
    expect(stranger.page.get_by_role("heading", level=1)).to_have_text("Certificate check")
    facts = stranger.page.locator("dl").inner_text()
    assert "Zoë Ångström" in facts and "Certified Account Executive" in facts and "Valid" in facts
    assert rep_email not in stranger.page.content()
    stranger.check("public: certificate verification")
