"""Measuring a page as laid out: horizontal scrolling and the size of what can be tapped."""

from __future__ import annotations

MIN_TARGET = 24  # CSS px, WCAG 2.5.8

# Every visible thing that can be tapped, with the box a finger can hit: a radio or checkbox
# counts with its label (tapping the label ticks it). A link inside running text is exempt
# (WCAG 2.5.8's inline exception): its height is set by the line of text around it.
SMALL_TARGETS = """(min) => {
  const interactive = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
    + ' [role=button], [tabindex]:not([tabindex="-1"])';
  const blockOf = (el) => {
    let node = el.parentElement;
    while (node && getComputedStyle(node).display.startsWith("inline")) node = node.parentElement;
    return node;
  };
  const inText = (el) => {
    if (!getComputedStyle(el).display.startsWith("inline") || el.matches("[role=button]")) return false;
    const block = blockOf(el);
    if (!block) return false;
    const outside = block.textContent.replace(el.textContent, "").replace(/[\\s›·,.()→←|/-]/g, "");
    return outside.length > 0;
  };
  const small = [];
  for (const el of document.querySelectorAll(interactive)) {
    if (el.matches(".skip-link:not(:focus)")) continue;  // off-screen until focused
    let box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // not rendered (a closed <details>)
    if (["radio", "checkbox"].includes(el.type) && el.labels && el.labels.length) {
      const label = el.labels[0].getBoundingClientRect();
      if (label.width * label.height > box.width * box.height) box = label;
    }
    if (box.width >= min && box.height >= min) continue;
    if (el.tagName === "A" && inText(el)) continue;
    const name = (el.textContent || el.value || el.name || "").trim().slice(0, 40);
    small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""


def horizontal_overflow(page) -> int:
    """How many CSS px the page is wider than the viewport (0: no sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - innerWidth")


def small_targets(page) -> list[str]:
    return page.evaluate(SMALL_TARGETS, MIN_TARGET)
