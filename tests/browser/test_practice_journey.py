"""Practice in Chromium with fake camera and microphone: record, review, try again, pass."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from lms.cli.seed import DEMO_PASSWORD
from lms.models import Role
from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS
from tests.browser.roles import sign_in_demo
from tests.browser.visitor import DESKTOP, Visitor

# Chromium's own test devices: a moving pattern and a beep, and "allow" without a prompt.
FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
PITCH = "/practice/first-calls/pitch-frank-in-two-minutes"


@pytest.fixture(scope="module")
def media_browser(browser):
    """A second Chromium with fake media, launched by the session's own Playwright.

    A second sync_playwright() would start inside the first one's event loop and fail when
    another browser test ran before this one.
    """
    chromium = browser.browser_type.launch(
        executable_path=str(CHROMIUM), headless=True, args=[*LAUNCH_ARGS, *FAKE_MEDIA]
    )
    yield chromium
    chromium.close()


@pytest.fixture
def media_visitors(media_browser, live):
    opened = []

    def open_one() -> Visitor:
        context = media_browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
        context.set_default_timeout(15_000)
        opened.append((context, Visitor(context.new_page(), live)))
        return opened[-1][1]

    yield open_one
    for context, _ in opened:
        context.close()


def ready_for_first_calls(live) -> str:
    """A new Team Atlas rep who has done every reading and quiz before the practice modules."""
    from sqlalchemy import select

    from lms.cli.seed import _work_through
    from lms.db import db
    from lms.models import Module, User

    email = live.make_user(Role.REP, name="Robin Practice", team_name="Team Atlas")
    with live.app.app_context():
        rep = db.session.scalar(select(User).where(User.email == email))
        modules = [
            m
            for m in db.session.scalars(
                select(Module).where(Module.retired_at.is_(None), Module.practice.is_(None))
            )
        ]
        _work_through(rep, modules, len(modules), set(), None)
    return email


def record_and_send(page) -> None:
    """Record two seconds of the fake camera with the keyboard, watch it back, send it."""
    record = page.get_by_role("button", name="Record video")
    record.focus()
    page.keyboard.press("Enter")
    status = page.locator("#recorder-status")
    expect(status).to_contain_text("Recording.")
    page.wait_for_timeout(2_000)
    expect(page.get_by_role("button", name="Stop")).to_be_focused()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Recorded")
    expect(page.get_by_label("Your recording")).to_be_visible()
    assert page.evaluate("document.getElementById('media').files.length") == 1
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("status").first).to_contain_text("waiting for review")


def review(visitor, rep_name: str, level: str, timed: str | None = None) -> None:
    page = visitor.page
    page.get_by_role("link", name="Reviews", exact=True).click()
    if timed:
        visitor.check("manager: practice review queue")
    page.get_by_role("link", name=rep_name).first.click()
    player = page.locator("video.practice-player")
    expect(player).to_be_visible()
    # The player reads the recording through range requests (Chromium asks for them).
    # Polled from here: wait_for_function evaluates its text in the page, which the CSP
    # (no 'unsafe-eval') refuses whenever the first check is not already true.
    deadline = time.monotonic() + 15
    while player.evaluate("video => video.readyState") < 1:
        assert time.monotonic() < deadline, "the player never loaded the recording"
        page.wait_for_timeout(100)
    for fieldset in page.locator("fieldset.criterion").all():
        fieldset.locator(f'input[type="radio"][value="{level}"]').check()
    if timed:
        visitor.check("manager: practice review page")
        page.get_by_role("textbox", name="Time", exact=True).first.fill("0:01")
        page.get_by_role("textbox", name="Comment", exact=True).first.fill(timed)
    page.get_by_label("Overall comment").fill("Thanks for recording.")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_role("status").first).to_contain_text("Review saved")


def test_record_review_try_again_and_pass(media_visitors, live):
    email = ready_for_first_calls(live)
    rep = media_visitors()
    rep.sign_in(email, DEMO_PASSWORD)
    rep.goto(PITCH)
    heading = "How it is reviewed: Two-minute pitch to a CFO"
    expect(rep.page.get_by_role("heading", name=heading)).to_be_visible()
    rep.check("rep: practice page with the recorder")
    record_and_send(rep.page)

    manager = media_visitors()
    sign_in_demo(manager, Role.MANAGER)
    review(manager, "Robin Practice", "2", timed="Say the number first.")

    rep.goto(PITCH)
    page = rep.page
    expect(page.get_by_text("needs another try").first).to_be_visible()
    expect(page.get_by_text("2 · Weak").first).to_be_visible()
    seek = page.get_by_role("link", name="0:01")
    expect(seek).to_be_visible()
    seek.click()
    page.wait_for_function("document.querySelector('video.practice-player').currentTime >= 1")
    rep.check("rep: practice page with a review")
    record_and_send(page)

    review(manager, "Robin Practice", "4")
    rep.goto(PITCH)
    expect(page.get_by_text("You passed this practice with version 2")).to_be_visible()
    rep.goto("/courses/first-calls/pitch-frank-in-two-minutes")
    expect(page.get_by_text("You passed this practice.")).to_be_visible()
    rep.goto("/courses/first-calls")
    row = page.locator(".module-list li", has_text="pitch Veloxa to Frank")
    expect(row).to_contain_text(re.compile("Done|Complete", re.I))
