"""Browser tests: one Chromium and one live server per session, one fresh page per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.axe import CHECKED, axe_version
from tests.browser.html_check import SAVED
from tests.browser.visitor import DESKTOP, Visitor

CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium; Playwright's own browser download cannot work on these offline machines.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _why_skipped() -> str | None:
    if not CHROMIUM.exists():
        return f"browser tests were SKIPPED: {CHROMIUM} not found"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "browser tests were SKIPPED: playwright is not installed (pip install -e '.[test]')"
    if os.environ.get("LMS_TEST_DATABASE_URL"):
        # What the browser sees does not depend on the database; the rest of the suite covers it.
        return "browser tests run once, on SQLite: skipped in the PostgreSQL pass"
    return None


SKIP_REASON = _why_skipped()


def pytest_collection_modifyitems(config, items):
    # The HTML check reads the pages every other browser test saved: it runs last.
    items.sort(key=lambda item: Path(item.path).name == "test_html_valid.py")
    if SKIP_REASON:
        here = Path(__file__).parent
        for item in items:
            if here in Path(item.path).parents:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_terminal_summary(terminalreporter):
    """Say what axe checked: each page and how many rules passed there."""
    if SAVED:
        terminalreporter.write_line(f"Nu HTML Checker: {len(SAVED)} distinct pages saved")
    if not CHECKED:
        return
    terminalreporter.section(f"axe-core {axe_version()}: WCAG 2.0/2.1 A and AA rules")
    for check in CHECKED:
        verdict = "no violations" if not check.violations else f"{len(check.violations)} VIOLATED"
        review = f"; to review by hand: {', '.join(check.incomplete)}" if check.incomplete else ""
        terminalreporter.write_line(
            f"{check.page:44} {check.passes:3} rules passed, {verdict}{review}"
        )


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    """RepReady under gunicorn on a free 127.0.0.1 port, with courses/ and the demo."""
    from tests.browser.server import LiveServer

    server = LiveServer(tmp_path_factory.mktemp("live"))
    server.seed()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_visitor(browser, live):
    """Opens visitors, each in its own browser context (its own cookies), closed at the end."""
    opened = []

    def open_one(viewport=DESKTOP) -> Visitor:
        # Reduced motion: Pico then drops its transitions, so axe never sees a colour mid-way.
        context = browser.new_context(viewport=viewport, reduced_motion="reduce")
        context.set_default_timeout(10_000)
        opened.append((context, Visitor(context.new_page(), live)))
        return opened[-1][1]

    yield open_one
    for context, _ in opened:
        context.close()
    for _, visitor in opened:
        visitor.console.assert_clean("end of test")


@pytest.fixture
def visitor(new_visitor):
    """A fresh browser context at desktop size; fails the test on any console error left."""
    return new_visitor()
