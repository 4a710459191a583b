"""Write a courses folder for benchmarks: the shipped courses plus 20 generated ones.

    .venv/bin/python -m bench.coursegen OUT_DIR [--courses 20] [--modules 10]

The shipped courses come along because an import retires every course missing from the
folder, and the demo's onboarding path needs them.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent / "courses"
TRACKS = ("product", "buyer", "process", "skills")
TOPICS = (
    "discovery",
    "qualification",
    "objections",
    "pricing",
    "negotiation",
    "forecasting",
    "prospecting",
    "demos",
    "renewals",
    "champions",
)


def course_slug(number: int) -> str:
    return f"bench-{number:02}"


def module_filename(number: int) -> str:
    return f"{number:02}-{TOPICS[(number - 1) % len(TOPICS)]}-{number:02}.md"


def _module(course: int, number: int) -> str:
    """A module of about 600 words: headings, a list, a table, an admonition and a quiz."""
    topic = TOPICS[(number - 1) % len(TOPICS)]
    paragraph = (
        f"Good {topic} starts with the buyer, not with the product. Ask what changed, who "
        "feels the pain, what it costs them today and what happens if nothing changes. "
        "Write the answers down in the buyer's own words and read them back before the call "
        "ends, so that the next step rests on facts the buyer agreed to. "
    )
    rows = "\n".join(f"| Stage {i} | {topic} check {i} | {10 * i} min |" for i in range(1, 7))
    return f"""---
title: {topic.capitalize()} in practice, part {course}.{number}
estimated_minutes: 8
---
## Why {topic} matters

{paragraph * 3}

## A checklist

- Prepare three open questions about {topic} before the call.
- Listen for numbers: the cost, the deadline, the people involved.
- Agree on one dated next step, with an owner.
- Note what you learned in the CRM the same day.

| Stage | What to check | Time |
|-------|---------------|------|
{rows}

!!! tip "From the field"
    {paragraph}

## In short

{paragraph * 2}

```quiz
? [c{course}-m{number}-first] What comes first in {topic}?
- [ ] The price list
- [x] The buyer's situation and pain
  > Yes: start with the buyer.
- [ ] A product demo
! Start with the buyer's situation.

? [c{course}-m{number}-next] How should a call about {topic} end?
- [x] With a dated next step and an owner
- [ ] With a discount
- [ ] With a long product tour
```
"""


def generate(out: Path, courses: int = 20, modules: int = 10) -> int:
    """Write the folder; return how many generated modules it holds."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SHIPPED, out)
    for c in range(1, courses + 1):
        folder = out / course_slug(c)
        folder.mkdir()
        (folder / "course.md").write_text(
            f"---\ntitle: Bench course {c:02}\nsummary: Generated for benchmarks.\n"
            f"track: {TRACKS[c % len(TRACKS)]}\npass_score: 50\nprerequisites: []\n---\n"
            f"Generated course {c:02}: {modules} modules on the everyday craft of selling.\n",
            encoding="utf-8",
        )
        for m in range(1, modules + 1):
            (folder / module_filename(m)).write_text(_module(c, m), encoding="utf-8")
    with (out / "paths.yml").open("a", encoding="utf-8") as paths:
        paths.write(
            "\n- slug: bench-catalogue\n  title: Bench catalogue\n"
            "  description: Every generated course.\n  courses:\n"
        )
        for c in range(1, courses + 1):
            paths.write(f"    - course: {course_slug(c)}\n      due_day: {10 * c}\n")
    return courses * modules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--courses", type=int, default=20)
    parser.add_argument("--modules", type=int, default=10)
    args = parser.parse_args()
    print(f"{generate(args.out, args.courses, args.modules)} modules written to {args.out}")


if __name__ == "__main__":
    main()
