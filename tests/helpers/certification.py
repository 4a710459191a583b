"""A copy of the fixture courses whose starter path carries a certification with an exam."""

from __future__ import annotations

import shutil
from pathlib import Path

CERTIFICATION = """\
  certification:
    title: Certified Starter
    valid_months: 12
    exam: final-exam
    sign_off:
      - id: standard-demo
        title: Delivered the standard demo to their manager
    recertify: {recertify}
"""
EXAM_COURSE = "---\ntitle: Final exam\ntrack: process\nreview: never\n---\nThe exam.\n"
EXAM_MODULE = """\
---
title: Exam questions
---
Answer to be certified.

```quiz
? [exam-one] Which stage does sales own?
- [ ] Awareness
- [x] Purchase
```
"""
EXAM_RIGHT = {"exam-one": "Purchase"}
DEEP_MODULE = "advanced/01-deep.md"


def certification_tree(tmp_path: Path, fixture: Path, recertify: str = "changes") -> Path:
    """Write the fixture courses plus a certification on the starter path; return the root."""
    root = tmp_path / "cert-courses"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(fixture, root)
    paths = root / "paths.yml"
    paths.write_text(paths.read_text() + CERTIFICATION.format(recertify=recertify))
    (root / "final-exam").mkdir()
    (root / "final-exam" / "course.md").write_text(EXAM_COURSE)
    (root / "final-exam" / "01-exam.md").write_text(EXAM_MODULE)
    return root


def change_module(root: Path, relative: str = DEEP_MODULE) -> None:
    """Edit a module's text so the next import gives it a new version."""
    path = root / relative
    path.write_text(path.read_text().replace("Deeper text.", "Deeper text, revised."))
