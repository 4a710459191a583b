"""A person at the browser: goes to pages, signs in, and checks every page they see."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser import html_check
from tests.browser.axe import describe, run_axe

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 667}


class ConsoleWatch:
    """JavaScript errors and console errors (CSP violations among them) seen by a page."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        self.allowed: list[re.Pattern] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _on_console(self, message) -> None:
        text = message.text
        problem = message.type == "error" or "Content Security Policy" in text
        if problem and not any(pattern.search(text) for pattern in self.allowed):
            self.problems.append(f"console {message.type}: {text} ({message.location})")

    def allow(self, pattern: str) -> None:
        """Accept an expected message, e.g. the 404 status of a page meant to be missing."""
        self.allowed.append(re.compile(pattern))

    def assert_clean(self, where: str) -> None:
        problems, self.problems = self.problems, []  # reported once, not again at teardown
        assert not problems, f"{where}: " + "\n".join(problems)


class Visitor:
    """One page in one browser context, with the live server's address."""

    def __init__(self, page, live) -> None:
        self.page = page
        self.live = live
        self.console = ConsoleWatch(page)

    def goto(self, path: str, status: int = 200):
        response = self.page.goto(self.live.url + path)
        assert response.status == status, f"{path}: {response.status}"
        return response

    def sign_in(self, email: str, password: str) -> None:
        """Sign in through the real form, checking the sign-in page on the way."""
        self.goto("/login")
        self.check("sign-in")
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        # Each role lands on its own page (lms/auth/views.py LANDING): wait to leave sign-in.
        self.page.wait_for_url(lambda url: "/login" not in url)

    def check(self, name: str, screenshot: bool = False) -> None:
        """What every page must pass: no console or CSP error, zero WCAG A/AA violations in
        the dark and the light colour scheme; its HTML is kept for the Nu HTML Checker."""
        self.console.assert_clean(name)
        fake_buttons = self.page.locator("a[role=button]").count()
        assert not fake_buttons, f"{name}: a[role=button] ignores Space; use class='button'"
        html_check.save(self.page, name)
        # The same page in both schemes: no reload, only the media query changes (the context
        # asks for reduced motion, so no colour is caught halfway through a transition).
        for scheme in ("dark", "light"):
            self.page.emulate_media(color_scheme=scheme)
            found = run_axe(self.page, f"{name} [{scheme}]")
            assert not found.violations, f"axe on {name} in {scheme} ({found.url}):\n" + describe(
                found.violations
            )
        if screenshot:
            self.screenshot(name)

    def screenshot(self, name: str, full_page: bool = True, scheme: str = "light") -> Path:
        """A picture in test-artifacts/screenshots/ (not committed), named by page and size;
        `scheme="dark"` takes it in the dark colour scheme and adds "-dark" to the name."""
        width = self.page.viewport_size["width"]
        size = "phone" if width <= PHONE["width"] else "desktop"
        suffix = "-dark" if scheme == "dark" else ""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{re.sub(r'[^a-z0-9]+', '-', name.lower())}-{size}{suffix}.png"
        self.page.emulate_media(color_scheme=scheme)
        self.page.screenshot(path=path, full_page=full_page)
        self.page.emulate_media(color_scheme="light")
        return path
