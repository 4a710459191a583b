"""The certification block of a path in paths.yml."""

import pytest

from lms.content.model import Certification, SignOffItem
from tests.content.content_trees import COURSE_MD, messages

NEVER_MD = "---\ntitle: Exam\ntrack: process\nreview: never\n---\nThe final exam.\n"
HEAD = """\
- slug: ae
  title: AE
  courses:
    - course: sales-foundations
      due_day: 7
  certification:
"""
EXAMPLE = """\
    title: Certified Account Executive
    valid_months: 12
    exam: ae-final-exam
    sign_off:
      - id: standard-demo
        title: Delivered the standard demo to their manager
    recertify: changes
"""


def load(tree, certification: str, exam_md: str = NEVER_MD):
    return tree(
        {
            "paths.yml": HEAD + certification,
            "sales-foundations/course.md": COURSE_MD,
            "ae-final-exam/course.md": exam_md,
            "ae-final-exam/01-q.md": "---\ntitle: Q\n---\nText.\n",
        }
    )


def test_the_format_example_loads(tree):
    catalog = load(tree, EXAMPLE)
    assert messages(catalog) == []
    assert catalog.paths[0].certification == Certification(
        title="Certified Account Executive",
        valid_months=12,
        recertify="changes",
        exam="ae-final-exam",
        sign_off=[SignOffItem("standard-demo", "Delivered the standard demo to their manager")],
        exam_line=9,
    )


def test_exam_and_sign_off_are_optional(tree):
    catalog = load(tree, "    title: C\n    valid_months: 1\n    recertify: full\n")
    assert messages(catalog) == []
    cert = catalog.paths[0].certification
    assert (cert.exam, cert.sign_off, cert.recertify) == (None, [], "full")


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "    title: C\n    valid_months: 0\n    recertify: full\n",
            'paths.yml:8: "valid_months" must be a whole number from 1 to 120, got 0',
        ),
        (
            "    title: C\n    valid_months: 121\n    recertify: full\n",
            'paths.yml:8: "valid_months" must be a whole number from 1 to 120, got 121',
        ),
        (
            "    title: C\n    valid_months: 12\n    recertify: sometimes\n",
            'paths.yml:9: "recertify" must be one of changes, full, got "sometimes"',
        ),
        (
            "    valid_months: 12\n    recertify: full\n",
            'paths.yml:6: missing required key "title" in certification',
        ),
        (
            "    title: C\n    valid_months: 12\n    recertify: full\n    exam: nope\n",
            'paths.yml:10: exam "nope" is not a course of this tree: no course folder nope/',
        ),
        (
            "    title: C\n    valid_months: 12\n    recertify: full\n    expires: soon\n",
            'paths.yml:10: unknown key "expires" in certification; allowed keys: '
            "title, valid_months, exam, sign_off, recertify",
        ),
        (
            "    title: C\n    valid_months: 12\n    recertify: full\n    sign_off:\n"
            "      - id: demo\n        title: A\n      - id: demo\n        title: B\n",
            'paths.yml:13: duplicate sign-off id "demo" (also at line 11): give each item its own id',
        ),
        (
            "    title: C\n    valid_months: 12\n    recertify: full\n    sign_off:\n"
            "      - id: Demo Item\n        title: A\n",
            'paths.yml:11: "id" must be a slug',
        ),
        (
            "    title: C\n    valid_months: 12\n    recertify: full\n    sign_off:\n"
            "      - id: demo\n",
            'paths.yml:11: missing required key "title" in sign-off item',
        ),
        ("    just text\n", 'paths.yml:6: "certification" must be a block of key: value lines'),
    ],
)
def test_mistakes_are_named_with_their_line(tree, block, expected):
    catalog = load(tree, block)
    assert any(m.startswith(expected) for m in messages(catalog)), messages(catalog)
    assert catalog.errors


def test_an_exam_that_shows_answers_is_warned_about(tree):
    catalog = load(tree, EXAMPLE, exam_md=COURSE_MD)
    assert catalog.errors == []
    (warning,) = catalog.warnings
    assert str(warning).startswith(
        'paths.yml:9: warning: exam "ae-final-exam" shows right answers after an attempt'
    )
    assert "review: never" in warning.message
