"""Hostile course content uploaded as a .zip runs nothing in a real browser, wherever it shows."""

import io
import re
import zipfile

from playwright.sync_api import expect

from lms.models import Role
from tests.browser.roles import sign_in_demo

SLUG = "hostile-corpus"
RUN = "window.__pwned=1;document.title='pwned';alert(1)"
HOSTILE = f"""Plain words stay: the visible marker.

<script>{RUN}</script>
<img src=x onerror="{RUN}">
<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>">
[js link](javascript:window.__pwned=1)
[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
![js image](javascript:window.__pwned=1)
<a href="jav&#x61;script:window.__pwned=1">entity link</a>
<a href=" JaVaScRiPt:window.__pwned=1">mixed-case link</a>
<a href="#" onclick="{RUN}">onclick link</a>
<iframe src="javascript:top.__pwned=1"></iframe>
<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>
<svg onload="{RUN}"><circle r="4"/></svg>
<svg><script>{RUN}</script></svg>
<p style="background:url(javascript:window.__pwned=1)">styled</p>
<style>body {{ background: url("javascript:window.__pwned=1") }}</style>
<details open ontoggle="{RUN}"><summary>toggle</summary>x</details>
<object data="data:text/html,<script>parent.__pwned=1</script>"></object>
<form action="javascript:window.__pwned=1"><button>form button</button></form>
<noscript><p title="</noscript><img src=x onerror={RUN}>"></noscript>
<title><img src=x onerror="{RUN}"></title>
<math><mtext><table><mglyph><style><img src=x onerror="{RUN}">
"""
QUIZ = f"""
```quiz
? [hostile] Pick <img src=x onerror="{RUN}"> one <script>{RUN}</script>
- [x] <svg onload="{RUN}"></svg>Safe choice
  > <a href="javascript:window.__pwned=1">feedback link</a>
- [ ] <b onclick="{RUN}">Other choice</b>
  > <iframe src="javascript:top.__pwned=1"></iframe>Not that one.
! <a href="data:text/html,<script>alert(1)</script>">explanation link</a> Because.
```
"""
LINKS = ["js link", "data link", "entity link", "mixed-case link", "onclick link"]
QUIZ_LINKS = ["feedback link", "explanation link"]


def hostile_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{SLUG}/course.md", "---\ntitle: Hostile corpus\ntrack: skills\n---\n")
        archive.writestr(f"{SLUG}/01-evil.md", f"---\ntitle: Evil\n---\n{HOSTILE}\n{QUIZ}")
    return buffer.getvalue()


def watch(visitor) -> list[str]:
    """Every dialog the page opens, dismissed and recorded; and missing images allowed."""
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message} on {visitor.page.url}")
        dialog.dismiss()

    visitor.page.on("dialog", on_dialog)
    visitor.console.allow(r"Failed to load resource: .*status of 404")  # <img src=x>
    return dialogs


def assert_nothing_ran(visitor, dialogs: list[str], where: str) -> None:
    page = visitor.page
    assert not dialogs, f"{where}: {dialogs}"
    assert page.evaluate("() => window.__pwned") is None, f"{where}: a payload ran"
    assert page.title() != "pwned", where
    assert page.locator("iframe, object, embed, svg script, script:not([src])").count() == 0
    # Console only, no axe: an image without alt text here is the hostile author's doing.
    visitor.console.assert_clean(where)


def click_each(visitor, dialogs, names: list[str], where: str) -> None:
    """Click the links a hostile author wrote: none may run script or leave the page."""
    page = visitor.page
    for name in names:
        url = page.url.split("#")[0]
        page.get_by_text(name, exact=True).first.click()
        page.wait_for_timeout(100)  # a javascript: URL would run right after the click
        assert page.url.split("#")[0] == url, f"{where}: clicking {name!r} went to {page.url}"
        assert_nothing_ran(visitor, dialogs, f"{where}, after clicking {name}")


def test_hostile_upload_runs_nothing_in_module_editor_preview_quiz_and_result(visitor, new_visitor):
    trainer, dialogs = visitor, watch(visitor)
    page = trainer.page
    sign_in_demo(trainer, Role.TRAINER)
    trainer.goto("/authoring/courses")
    page.get_by_label("Upload a course folder as a .zip").set_input_files(
        {"name": f"{SLUG}.zip", "mimeType": "application/zip", "buffer": hostile_zip()}
    )
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_role("button", name="Confirm and apply").click()  # after the impact preview
    expect(page.get_by_role("status").first).to_contain_text("Upload")
    expect(page.get_by_role("link", name="Hostile corpus")).to_be_visible()

    trainer.goto(f"/authoring/courses/{SLUG}/evil/edit")
    preview = page.locator("#preview")
    expect(preview).to_contain_text("the visible marker")
    assert_nothing_ran(trainer, dialogs, "editor preview of hostile text")
    source = page.get_by_label("The whole file")
    source.focus()
    caret = source.input_value().index("visible marker.") + len("visible marker.")
    source.evaluate("(el, at) => el.setSelectionRange(at, at)", caret)
    page.keyboard.type(f' Typed: <img src=y onerror="{RUN}"> typed last.')  # live preview
    expect(page.locator("#preview-status")).to_contain_text("Preview updated")
    expect(preview).to_contain_text("typed last")
    assert_nothing_ran(trainer, dialogs, "editor live preview of hostile text")
    click_each(trainer, dialogs, LINKS + QUIZ_LINKS, "editor preview")

    rep = new_visitor()
    rep_dialogs = watch(rep)
    rep.sign_in(rep.live.make_user(Role.REP, path_slug=None), "repready-demo")
    rep.goto(f"/courses/{SLUG}/evil")
    expect(rep.page.get_by_text("the visible marker")).to_be_visible()
    assert_nothing_ran(rep, rep_dialogs, "module page of hostile text")
    click_each(rep, rep_dialogs, LINKS, "module page")

    rep.page.get_by_label(re.compile("Safe choice")).check()
    rep.page.get_by_role("button", name="Submit answers").click()
    expect(rep.page.get_by_role("status")).to_contain_text("Passed")
    expect(rep.page.get_by_text("Because.")).to_be_visible()
    assert_nothing_ran(rep, rep_dialogs, "quiz result of hostile text")
    click_each(rep, rep_dialogs, QUIZ_LINKS, "quiz result")
