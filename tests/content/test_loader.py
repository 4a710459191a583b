"""The loader end to end: the format's own example, asset URLs, robustness, no Flask."""

import ast
from pathlib import Path

import lms.content
from lms.content.loader import load_catalog, load_course
from lms.content.model import QuestionKind
from tests.content.content_trees import messages, write_tree

COURSE = """\
---
title: Sales Foundations
summary: What sales enablement is and how marketing and sales share the funnel.
track: process            # product | buyer | process | skills (free text is refused)
pass_score: 80            # default pass mark, in percent, for the quizzes of its modules
prerequisites: []         # course slugs that must be complete first
estimated_minutes: 45     # optional; default: the sum of its modules'
---
Overview in Markdown, shown on the course page.
"""
MODULE = """\
---
title: What sales enablement is
estimated_minutes: 10     # optional; default: word count / 200, rounded up
pass_score: 80            # optional; overrides the course's
max_attempts: 3           # optional; absent or 0: unlimited
shuffle: true             # optional; shuffle the choices of each question
---
# What it is

![The funnel](assets/funnel.png)

!!! tip "Remember"
    Enablement equips reps.

```quiz
? [enablement-parts] What does sales enablement equip reps with? Select all that apply.
- [x] Knowledge
- [x] Skills
- [ ] A bigger discount budget
```

## Next steps
"""


def test_the_format_example_loads_with_custom_asset_urls(tmp_path):
    write_tree(
        tmp_path,
        {
            "sales-foundations/course.md": COURSE,
            "sales-foundations/01-what-enablement-is.md": MODULE,
            "sales-foundations/02-funnel-roles.md": "---\ntitle: Funnel roles\n---\nText.\n",
            "sales-foundations/assets/funnel.png": b"\x89PNG",
            "paths.yml": "- slug: ae\n  title: AE\n  courses:\n"
            "    - {course: sales-foundations, due_day: 7}\n",
        },
    )
    catalog = load_catalog(tmp_path, asset_url=lambda slug: f"https://cdn.example/{slug}/")
    assert messages(catalog) == []
    (course,) = catalog.courses
    assert (course.slug, course.title, course.estimated_minutes) == (
        "sales-foundations",
        "Sales Foundations",
        45,
    )
    first, second = course.modules
    assert (first.slug, first.title, first.pass_score, first.max_attempts, first.shuffle) == (
        "what-enablement-is",
        "What sales enablement is",
        80,
        3,
        True,
    )
    assert second.slug == "funnel-roles"
    assert 'src="https://cdn.example/sales-foundations/funnel.png"' in first.body_html
    assert '<div class="admonition tip">' in first.body_html
    assert "quiz" not in first.body_html
    assert first.toc_html.count("<li>") == 2
    assert first.source == MODULE
    (question,) = first.questions
    assert (question.id, question.kind, question.line) == (
        "enablement-parts",
        QuestionKind.MULTIPLE,
        16,
    )
    assert [p.slug for p in catalog.paths] == ["ae"]


def test_load_course_loads_one_folder(tmp_path):
    write_tree(tmp_path, {"demo/course.md": "---\ntitle: D\n---\n"})
    course, problems = load_course(tmp_path / "demo", tmp_path)
    assert course.slug == "demo"
    assert [str(p) for p in problems] == [
        'demo/course.md:1: missing required key "track" in front matter'
    ]


def test_crlf_files_and_a_byte_order_mark_are_fine(demo):
    module = "\ufeff---\r\ntitle: A\r\n---\r\n```quiz\r\n? [q] x?\r\n= y\r\n```\r\n"
    catalog = demo({"01-a.md": module.encode("utf-8")})
    assert messages(catalog) == []
    assert catalog.courses[0].modules[0].questions[0].line == 5


def test_garbage_never_raises_and_problems_are_sorted(demo):
    catalog = demo(
        {
            "01-a.md": b"\x00\xff\xfe garbage",
            "02-b.md": "---\ntitle: [\n---\n```quiz\n?\n",
            "03-c.md/notes.txt": "a folder named like a module",
            "course.md": "---\n: : :\n---\n",
        },
        course_md=None,
    )
    assert catalog.errors
    assert [(p.path, p.line) for p in catalog.problems] == sorted(
        (p.path, p.line) for p in catalog.problems
    )


def test_content_package_imports_nothing_from_flask():
    for file in Path(lms.content.__file__).parent.glob("*.py"):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0].startswith("flask") for n in names), file.name
