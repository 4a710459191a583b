"""A failed render leaves nothing behind, and no input renders for longer than the budget."""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from lms.content import limits
from lms.content.render import RenderError, render_budget, render_inline, render_markdown
from tests.content.content_trees import COURSE_MD, module, write_tree

NORMAL = "# Title\n\nSome **bold** text and [a link](https://example.com).\n\n- one\n- two\n"
BRACKETS = "\n\n".join(["[" * 9_999] * 20)


@pytest.mark.parametrize("bad", ["- " * 600 + "x\n", BRACKETS])
def test_a_failed_render_does_not_change_later_renders(bad):
    clean = render_markdown(NORMAL)
    clean_inline = render_inline("**bold** `code`")
    with pytest.raises(RenderError), render_budget(0.2):
        render_markdown(bad)
    assert render_markdown(NORMAL) == clean
    assert render_inline("**bold** `code`") == clean_inline
    assert "<strong>bold</strong>" in clean.html


def test_the_budget_stops_a_quadratic_render_on_any_thread():
    outcome: list[object] = []

    def work() -> None:
        started = time.thread_time()
        try:
            with render_budget(0.5):
                render_markdown(BRACKETS)
        except RenderError as exc:
            outcome.append((str(exc), time.thread_time() - started))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=30)
    ((message, seconds),) = outcome
    assert "rendering took more than" in message
    assert seconds < 3


@pytest.mark.parametrize("unit", ["[", "<a ", "[a](", "![", "<http://"])
def test_a_50_kb_line_of_a_slow_shape_is_a_quick_file_line_error(demo, unit):
    line = unit * (50_000 // len(unit))
    started = time.thread_time()
    catalog = demo({"01-a.md": module(f"Intro.\n\n{line}\n")})
    assert time.thread_time() - started < 2
    assert [str(p) for p in catalog.errors] == [
        "demo/01-a.md:6: line is longer than 10,000 characters: break it into shorter lines"
    ]


def test_paragraphs_of_slow_shapes_within_the_line_limit_hit_the_budget(demo, monkeypatch):
    monkeypatch.setattr(limits, "RENDER_BUDGET_SECONDS", 0.5)
    started = time.thread_time()
    catalog = demo({"01-a.md": module(BRACKETS), "02-b.md": module(BRACKETS)})
    assert time.thread_time() - started < 5
    assert [(p.path, p.line) for p in catalog.errors] == [("demo/01-a.md", 4), ("demo/02-b.md", 4)]
    assert "rendering took more than the 0.5 s" in catalog.errors[0].message


def _hostile_tree(root) -> int:
    """About 5 MB of the slowest shapes found, each file just under the limits."""
    quiz = "".join(f"? [q{i}] {'[' * 9_000}\n- [x] a\n- [ ] b\n\n" for i in range(100))
    files = {
        "demo/course.md": COURSE_MD,
        "demo/01-a.md": module("\n\n".join(["[" * 9_999] * 100)),
        "demo/02-b.md": module("\n\n".join(["<a " * 3_333] * 100)),
        "demo/03-c.md": module("\n\n".join(["[a](" * 2_499] * 100)),
        "demo/04-d.md": module("\n".join(["- " * 4_999 + "x"] * 100)),
        "demo/05-e.md": module(f"```quiz\n{quiz}```\n"),
    }
    write_tree(root, files)
    return sum(len(text.encode()) for text in files.values())


def test_validating_5_mb_of_hostile_input_takes_under_10_s_and_500_mb(tmp_path):
    size = _hostile_tree(tmp_path / "courses")
    assert 4_500_000 < size <= 5_000_000
    script = textwrap.dedent(
        f"""
        from lms.content.loader import load_catalog
        catalog = load_catalog({str(tmp_path / "courses")!r})
        assert catalog.errors
        """
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)  # noqa: S603
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time, not wall time: on a shared CI machine the wall clock measures the neighbours.
    # The render budget itself runs on the wall clock, so a busy machine only cuts it short.
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert cpu < 10
    assert after.ru_maxrss < 500 * 1024  # KiB: the largest child's peak


def test_the_budget_reads_the_cpu_clock_rarely_yet_still_stops_on_time(monkeypatch):
    # The CPU clock is a system call; a normal render must not pay for one per step.
    from lms.content import render

    reads = []
    clock = time.thread_time

    def counted() -> float:
        reads.append(1)
        return clock()

    monkeypatch.setattr(render.time, "thread_time", counted)
    with render_budget(5):
        render_markdown(NORMAL * 50)
    assert len(reads) <= 3
    started = time.thread_time()
    with pytest.raises(RenderError), render_budget(0.3):
        render_markdown(BRACKETS)
    assert time.thread_time() - started < 2


def test_a_slow_file_is_reported_alone_and_later_files_render(demo, monkeypatch):
    # Before per-file allowances, one slow file spent the whole validation's budget and every
    # file after it failed too, so a benign file's verdict depended on its neighbours.
    monkeypatch.setattr(limits, "FILE_RENDER_SECONDS", 0.3)
    catalog = demo({"01-a.md": module(BRACKETS), "02-b.md": module(NORMAL * 20)})
    assert [(p.path, p.line) for p in catalog.errors] == [("demo/01-a.md", 4)]
    # 0.3 s plus 4 s per MB of the file's 200 KB: the allowance is the file's own.
    assert "rendering this file took more than its 1.1 s" in catalog.errors[0].message
    (slow, fine) = catalog.courses[0].modules
    assert "<strong>bold</strong>" in fine.body_html


def test_a_file_allowance_grows_with_its_size(demo, monkeypatch):
    # 250 KB of ordinary paragraphs needs about 0.3 s: far more than a 0.05 s floor, well
    # within 0.05 s plus 4 s per MB. Ordinary text of any allowed size is not refused for time.
    monkeypatch.setattr(limits, "FILE_RENDER_SECONDS", 0.05)
    body = "A paragraph with *emphasis*, `code` and [a link](https://example.com).\n\n" * 3_500
    assert len(body) > 250_000
    # On two busy hyperthreads a CPU second does less work: when this machine needs more
    # than two thirds of the allowance, it cannot show the point and a refusal proves nothing.
    started = time.thread_time()
    render_markdown(body)
    took = time.thread_time() - started
    allowance = 0.05 + limits.FILE_RENDER_SECONDS_PER_MB * len(body) / 1_000_000
    if took * 1.5 > allowance:
        pytest.skip(f"250 KB took {took:.2f} s of CPU here, too close to its {allowance:.2f} s")
    catalog = demo({"01-a.md": module(body)})
    assert catalog.errors == []


def test_time_the_garbage_collector_takes_is_not_charged_to_the_text():
    # Late in a long test run (a large heap) a full collection during a one-line course.md
    # took over a second of the thread's CPU time, and the file was refused "out of time".
    import gc

    def slow_collection(phase: str, _info: dict) -> None:
        if phase == "start":
            end = time.thread_time() + 0.5
            while time.thread_time() < end:
                pass

    gc.callbacks.append(slow_collection)  # the collector's own list: it reads no other
    try:
        with render_budget(0.3):
            gc.collect()
            assert "<strong>bold</strong>" in render_markdown(NORMAL).html
    finally:
        gc.callbacks.remove(slow_collection)
