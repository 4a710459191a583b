"""axe-core, vendored, run inside the page: the WCAG 2.0/2.1 A and AA rules, nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

AXE_DIR = Path(__file__).parent / "vendor" / "axe-core"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') still holds
# for the page itself: an injected <script> tag would need bypass_csp and hide violations.
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return {
    passes: result.passes.length,
    incomplete: result.incomplete.map((r) => r.id),
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary),
    })),
  };
}"""


# Table rules axe marks experimental, so the tag run above leaves them out; checked by name.
TABLE_RULES = ["td-has-header", "th-has-data-cells", "scope-attr-valid", "td-headers-attr"]
RUN_RULES = """async (rules) => {
  const result = await axe.run(document, {runOnly: {type: "rule", values: rules}});
  return {
    passes: result.passes.map((r) => r.id),
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary),
    })),
  };
}"""


@dataclass(frozen=True)
class AxeCheck:
    page: str
    url: str
    passes: int
    incomplete: list[str]  # rules axe could not decide, e.g. contrast over an image
    violations: list[dict]


CHECKED: list[AxeCheck] = []  # printed at the end of the session by conftest


@cache
def axe_version() -> str:
    return (AXE_DIR / "VERSION").read_text().split()[1]


@cache
def _source() -> str:
    return (AXE_DIR / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page, name: str) -> AxeCheck:
    """Run the WCAG A/AA rules on the page as it is now; record and return the outcome."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    found = page.evaluate(RUN_AXE, WCAG_TAGS)
    check = AxeCheck(name, page.url, found["passes"], found["incomplete"], found["violations"])
    CHECKED.append(check)
    return check


def run_rules(page, rules: list[str]) -> dict:
    """Run the named axe rules alone (experimental ones too): passes by id, violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    return page.evaluate(RUN_RULES, rules)


def describe(violations: list[dict]) -> str:
    """Violations as lines a developer can act on."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"])
    return "\n".join(lines)
