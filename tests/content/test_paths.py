"""paths.yml: onboarding paths, their courses and due days."""

import pytest

from lms.content.model import LearningPath, PathCourse
from tests.content.content_trees import COURSE_MD, messages

PATH_KEYS = "slug, title, description, courses, certification"
COURSE_KEYS = "course, due_day"
EXAMPLE = """\
- slug: new-account-executive
  title: New account executive onboarding
  description: The first 30 days.
  courses:
    - course: sales-foundations
      due_day: 7            # days after the rep's start date
    - course: product-essentials
      due_day: 14
"""


def load(tree, paths_yml: str):
    return tree(
        {
            "paths.yml": paths_yml,
            "sales-foundations/course.md": COURSE_MD,
            "product-essentials/course.md": COURSE_MD,
        }
    )


def test_the_format_example_loads(tree):
    catalog = load(tree, EXAMPLE)
    assert messages(catalog) == []
    assert catalog.paths == [
        LearningPath(
            slug="new-account-executive",
            title="New account executive onboarding",
            description="The first 30 days.",
            courses=[PathCourse("sales-foundations", 7), PathCourse("product-essentials", 14)],
        )
    ]


def test_description_is_optional_and_an_empty_file_has_no_paths(tree):
    catalog = load(
        tree, "- slug: p\n  title: P\n  courses:\n    - {course: sales-foundations, due_day: 0}\n"
    )
    assert messages(catalog) == []
    assert catalog.paths[0].description == ""
    assert load(tree, "# nothing yet\n").paths == []


def path(
    courses: str = "    - course: sales-foundations\n      due_day: 7\n",
    head: str = "- slug: p\n  title: P\n",
) -> str:
    return f"{head}  courses:\n{courses}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("slug: p\n", '1: paths.yml must be a list of paths, each starting with "- slug: ..."'),
        (
            "- slug: p\n  title: [P\n",
            "2: YAML syntax error: expected ',' or ']', but got '<stream end>'; "
            "check indentation and quoting",
        ),
        ("- just-a-slug\n", "1: path must be key: value lines"),
        (path(head="- title: P\n"), '1: missing required key "slug" in path'),
        (path(head="- slug: p\n"), '1: missing required key "title" in path'),
        ("- slug: p\n  title: P\n", '1: missing required key "courses" in path'),
        (
            path(head="- slug: New Hires\n  title: P\n"),
            '1: "slug" must be a slug (lowercase letters, digits and single hyphens, like '
            'sales-foundations, at most 80), got "New Hires"',
        ),
        (
            path(head="- slug: p\n  title: P\n  description: 5\n"),
            '3: "description" must be text, got 5: put the value in quotes',
        ),
        (
            path(head="- slug: p\n  title: P\n  owner: me\n"),
            f'3: unknown key "owner" in path; allowed keys: {PATH_KEYS}',
        ),
        (
            "- slug: p\n  title: P\n  courses: sales-foundations\n",
            '3: "courses" must be a list, got "sales-foundations"',
        ),
        (
            "- slug: p\n  title: P\n  courses: []\n",
            '3: path has no courses: add "- course: ..." entries',
        ),
        (
            path("    - course: sales-foundations\n"),
            '4: missing required key "due_day" in path course',
        ),
        (path("    - due_day: 3\n"), '4: missing required key "course" in path course'),
        (
            path("    - course: sales-foundations\n      due_day: -1\n"),
            '5: "due_day" must be a whole number from 0 to 3,650, got -1',
        ),
        (
            path("    - course: sales-foundations\n      due_day: true\n"),
            '5: "due_day" must be a whole number from 0 to 3,650, got true',
        ),
        (
            path("    - course: sales-foundations\n      due_day: 1\n      weight: 2\n"),
            f'6: unknown key "weight" in path course; allowed keys: {COURSE_KEYS}',
        ),
        (
            path("    - course: sales-foundation\n      due_day: 1\n"),
            '4: course "sales-foundation" does not exist: no course folder sales-foundation/; '
            "did you mean sales-foundations?",
        ),
        (
            path(
                "    - {course: sales-foundations, due_day: 1}\n"
                "    - {course: sales-foundations, due_day: 2}\n"
            ),
            '5: course "sales-foundations" is listed twice in path "p" (also at line 4): keep one',
        ),
        (
            path() + path(head="- slug: p\n  title: Q\n"),
            '6: duplicate path slug "p" (also at line 1): give each path its own slug',
        ),
        (
            b"- slug: p\n  title: Caf\xe9\n",
            "2: file is not valid UTF-8 (byte 0xe9): save it as UTF-8",
        ),
    ],
)
def test_paths_problems(tree, source, expected):
    files = {"paths.yml": source, "sales-foundations/course.md": COURSE_MD}
    assert f"paths.yml:{expected}" in messages(tree(files))
