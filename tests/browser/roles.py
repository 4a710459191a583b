"""One helper per role: who signs in, and what that role does on its pages."""

from __future__ import annotations

import re

from lms.cli.seed import DEMO_PASSWORD
from lms.models import Role


def sign_in_new_rep(visitor) -> str:
    """A rep created today on the demo path, signed in; returns their email."""
    email = visitor.live.make_user(Role.REP)
    visitor.sign_in(email, DEMO_PASSWORD)
    return email


def sign_in_demo(visitor, role: Role) -> None:
    """One of the demo accounts (manager@example.com, trainer@..., admin@...)."""
    visitor.sign_in(f"{role.value}@example.com", DEMO_PASSWORD)


def module_address(url: str) -> tuple[str, str]:
    """(course slug, module slug) from a module page's address."""
    course, module = re.search(r"/courses/([^/#?]+)/([^/#?]+)", url).groups()
    return course, module


def answer_quiz(page, answers: dict) -> None:
    """Fill the quiz on a module page with the mouse: choice keys (a set) or text."""
    for key, answer in answers.items():
        if isinstance(answer, str):
            page.locator(f"#q-{key}").fill(answer)
        else:
            for choice in answer:
                page.locator(f'input[name="q-{key}"][value="{choice}"]').check()


def overall_progress(page) -> int:
    """The value of the first path's overall progress bar on the home page."""
    return int(
        page.locator('progress[aria-label$="overall progress"]').first.get_attribute("value")
    )
