"""A rep's daily boost on a 375 px phone: answer, read why, go on, with no JavaScript needed."""

from lms.cli.seed_reinforcement import seed_reinforcement
from lms.models import Role
from tests.browser.layout import horizontal_overflow, small_targets
from tests.browser.roles import sign_in_demo
from tests.browser.visitor import PHONE


def test_a_reps_daily_boost_on_a_phone(visitor):
    page, live = visitor.page, visitor.live
    with live.app.app_context():
        seed_reinforcement()  # the demo rep's weeks of boost answers, three due today
    page.set_viewport_size(PHONE)
    sign_in_demo(visitor, Role.REP)
    problems = []
    for n in range(1, 4):
        boost = page.locator("#boost")
        boost.get_by_text(f"Question {n} of 3").wait_for()
        if n == 1:
            visitor.check("daily boost, phone")
            visitor.screenshot("daily boost, first screen", full_page=False)
        problems += [f"boost: scrolls sideways by {horizontal_overflow(page)} px"] * (
            horizontal_overflow(page) > 0
        )
        problems += [f"boost: small target {t}" for t in small_targets(page)]
        text = boost.locator('input[type="text"]')
        if text.count():
            text.fill("not sure")
        else:
            boost.locator('input[name="answer"]').first.check()
        boost.get_by_role("button", name="Check my answer").click()
        page.get_by_role("heading", name="Today's boost", level=1).wait_for()
        assert page.get_by_text("Right answer").count() or page.locator(".is-right").count()
        if n == 1:
            visitor.check("boost feedback, phone")
            visitor.screenshot("boost feedback")
        if n < 3:
            page.get_by_role("link", name=f"Next question ({n + 1} of 3)").click()
    page.get_by_text("That is today's boost done.").wait_for()
    page.get_by_role("link", name="Back to my onboarding").click()
    assert page.locator("#boost").count() == 0
    assert not problems, "\n".join(problems)
