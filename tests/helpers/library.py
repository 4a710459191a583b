"""A courses tree with a library for the search and library tests: the fixture courses plus
items in English and Chinese, a module linking to one, and accents to fold."""

from __future__ import annotations

import shutil
from pathlib import Path

from lms.db import db
from lms.search.engines import Filters
from lms.search.service import search
from tests.conftest import FIXTURE_COURSES

ITEMS = {
    "acme-battlecard.md": """\
---
title: Veloxa vs Acme battlecard
kind: battlecard
personas: [cfo, it-director]
stages: [evaluation]
products: [veloxa-core]
owner: enablement@example.com
review_by: 2020-01-01
shareable: false
---
## Landmines

Acme hides its implementation fees. Never send this battlecard to a buyer.
""",
    "pricing-objection.md": """\
---
title: Price objection handler
kind: objection
personas: [cfo]
stages: [negotiation]
owner: marketing@example.com
review_by: 2099-01-01
shareable: true
---
When the buyer says the price is too high, ask what they compare it with.
""",
    "follow-up-email.md": """\
---
title: Follow-up email after discovery
kind: email-template
personas: [it-director]
stages: [discovery]
shareable: false
---
Hi {{name}},

Thank you for your time today. Attached is my résumé of what we heard, and the Northwind story.
""",
    "pricing-zh.md": """\
---
title: 定价说明
kind: one-pager
personas: [cfo]
stages: [evaluation]
shareable: true
---
Veloxa 的定价按席位计算，每年付费。
""",
    "northwind-case-study.md": """\
---
title: Northwind case study
kind: case-study
personas: [cfo]
stages: [evaluation]
shareable: true
---
Northwind cut ramp time by a third with Veloxa.
""",
}

LINKED_MODULE = """\
---
title: Handling pricing talk
---
Start here.

## Objections about money

Use the [price objection handler](library:pricing-objection) when the objection comes.

```quiz
? [secret-answer] Which word is the right one?
- [x] Zanzibarian
- [ ] Wrong
```
"""


def library_tree(root: Path) -> Path:
    """The fixture courses with a library/ folder and a module that links to an item."""
    shutil.copytree(FIXTURE_COURSES, root, dirs_exist_ok=True)
    for name, text in ITEMS.items():
        path = root / "library" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "basics" / "03-pricing-talk.md").write_text(LINKED_MODULE, encoding="utf-8")
    # Advanced requires Basics: a new rep may not open it, nor find it.
    (root / "advanced" / "02-secret.md").write_text(
        "---\ntitle: Locked away\n---\nThe quokka strategy is advanced.\n", encoding="utf-8"
    )
    return root


def found_urls(app, query: str) -> list[str]:
    """The urls a search finds, as an admin would (every course)."""
    with app.app_context():
        filters = Filters(course_ids=frozenset(range(1, 50)))
        return [hit.url for hit in search(db.session, query, filters)]
