"""Inline renders repeated within one validation: rendered once, charged every time."""

import pytest

from lms.content import render
from lms.content.render import RenderError, render_budget, render_inline


@pytest.fixture
def counted(monkeypatch):
    """A fake CPU and wall clock that only rendering moves: 0.1 s per inline render."""
    clock = [0.0]
    renders: list[str] = []
    real = render._render_inline

    def slow(text: str, asset_base: str) -> str:
        renders.append(text)
        clock[0] += 0.1
        return real(text, asset_base)

    monkeypatch.setattr(render.time, "thread_time", lambda: clock[0])
    monkeypatch.setattr(render, "_monotonic", lambda: clock[0])
    monkeypatch.setattr(render, "_render_inline", slow)
    return renders


def test_a_repeat_is_rendered_once_with_the_same_html(counted):
    with render_budget(5):
        first = [render_inline(t) for t in ("**True**", "False", "**True**", "**True**")]
    strong = "<strong>True</strong>"
    assert first == [strong, "False", strong, strong]
    assert counted == ["**True**", "False"]


def test_a_repeat_spends_the_budget_as_rendering_it_again_would(counted):
    with render_budget(0.35):
        for _ in range(3):
            render_inline("**True**")  # 0.1 s each, rendered or not
        with pytest.raises(RenderError) as error:
            render_inline("**True**")
    assert error.value.out_of_time
    assert counted == ["**True**"]


def test_each_validation_and_each_lone_render_starts_afresh(counted):
    for _ in range(2):
        with render_budget(5):
            render_inline("x")
    render_inline("x")
    render_inline("x")
    assert counted == ["x"] * 4
