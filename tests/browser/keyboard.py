"""Driving a page with the keyboard alone, checking at every step that focus can be seen."""

from __future__ import annotations

# Tab, Shift+Tab, Space and Enter do everything, except one thing HTML itself reserves for
# the arrow keys: moving the choice within a radio group (one Tab stop for the whole group).
KEYS = {"Tab", "Shift+Tab", "Space", "Enter"}
RADIO_KEYS = {"ArrowDown"}
MAX_TABS = 150

FOCUS_PROBLEM = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "nothing has focus";
  const what = el.outerHTML.slice(0, 160);
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && style.outlineColor !== "rgba(0, 0, 0, 0)" && style.outlineColor !== "transparent";
  const shadow = style.boxShadow && style.boxShadow !== "none";
  if (!outline && !shadow) return "no visible focus indicator on " + what;
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return "focus on an element with no size: " + what;
  if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth)
    return "focus outside the viewport: " + what;
  return "";
}"""


class Keys:
    """Presses only the keys a keyboard user has, and records them."""

    def __init__(self, page) -> None:
        self.page = page
        self.pressed: list[str] = []

    def press(self, key: str) -> None:
        radio = self.focused("el.type === 'radio'")
        assert key in KEYS or (key in RADIO_KEYS and radio), f"{key} is not a keyboard-only key"
        self.page.keyboard.press(key)
        self.pressed.append(key)
        if key in ("Tab", "Shift+Tab"):
            problem = self.page.evaluate(FOCUS_PROBLEM)
            assert not problem, f"after {key} on {self.page.url}: {problem}"

    def type(self, text: str) -> None:
        """Type into the focused field."""
        assert self.focused("el.matches('input, textarea')"), "typing with no field focused"
        self.page.keyboard.type(text)

    def focused(self, test: str) -> bool:
        """Evaluate a JavaScript test on the focused element, named `el`."""
        return self.page.evaluate(
            f"() => {{ const el = document.activeElement; return !!({test}); }}"
        )

    def focused_matches(self, selector: str) -> bool:
        return self.page.evaluate("(s) => document.activeElement.matches(s)", selector)

    def tab_to(self, selector: str, backwards: bool = False) -> None:
        """Tab (or Shift+Tab) until the focused element matches the CSS selector."""
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(MAX_TABS):
            self.press(key)
            if self.focused_matches(selector):
                return
        raise AssertionError(f"{MAX_TABS} presses of {key} never reached {selector}")

    def answer(self, key: str, answer) -> None:
        """Answer one quiz question: text, the checkboxes to tick, or the radio to choose."""
        field = f'[name="q-{key}"]'
        self.tab_to(field)
        if isinstance(answer, str):
            self.type(answer)
        elif self.focused("el.type === 'radio'"):
            (choice,) = answer
            for _ in range(self.page.locator(field).count()):
                if self.focused_matches(f'[value="{choice}"]'):
                    break
                self.press("ArrowDown")  # moves the focus and the choice to the next radio
            self.press("Space")
            assert self.focused_matches(f'[value="{choice}"]:checked')
        else:
            for position in range(self.page.locator(field).count()):
                if position:
                    self.press("Tab")
                value = self.page.evaluate("() => document.activeElement.value")
                if value in answer:
                    self.press("Space")
