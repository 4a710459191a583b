"""The trainer's course pages at 375 px: no sideways scrolling, nothing too small to tap."""

from lms.models import Role
from tests.browser.layout import horizontal_overflow, small_targets
from tests.browser.roles import sign_in_demo
from tests.browser.visitor import PHONE

COURSE = "/authoring/courses/sales-foundations"
MODULE = f"{COURSE}/the-shared-funnel"
PAGES = [
    ("courses", "/authoring/courses"),
    ("course", COURSE),
    ("question quality", f"{COURSE}/quality"),
    ("editor", f"{MODULE}/edit"),
    ("versions", f"{MODULE}/versions"),
    ("paths", "/authoring/paths"),
]


def test_the_trainers_course_pages_fit_a_phone(visitor):
    visitor.page.set_viewport_size(PHONE)
    sign_in_demo(visitor, Role.TRAINER)
    problems = []
    for name, path in PAGES:
        visitor.goto(path)
        overflow = horizontal_overflow(visitor.page)
        if overflow > 0:
            problems.append(f"{name}: scrolls sideways by {overflow} px")
        problems.extend(f"{name}: tap target under 24 px: {t}" for t in small_targets(visitor.page))
        visitor.screenshot(f"trainer {name}")
    assert not problems, "\n".join(problems)
