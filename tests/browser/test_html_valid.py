"""The Nu HTML Checker over every page the other browser tests saw: zero errors allowed."""

import pytest

from tests.browser.html_check import SAVED, run_vnu, why_not_runnable


def test_every_visited_page_is_valid_html(visitor, tmp_path, capsys):
    reason = why_not_runnable()
    if reason:
        with capsys.disabled():
            print(f"\n== {reason} ==")
        pytest.skip(reason)
    if not SAVED:  # run on its own: check the sign-in page at least
        visitor.goto("/login")
        visitor.check("sign-in")
    errors = run_vnu(tmp_path)
    assert not errors, f"{len(errors)} HTML errors in {len(SAVED)} pages:\n" + "\n".join(errors)
