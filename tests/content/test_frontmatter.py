"""Front matter of course.md and modules: keys, types, ranges, defaults, prerequisites."""

import pytest

from lms.content.loader import DEFAULT_PASS_SCORE
from tests.content.content_trees import COURSE_MD, messages, module

COURSE_KEYS = "title, summary, track, pass_score, prerequisites, estimated_minutes, review"
MODULE_KEYS = "title, estimated_minutes, pass_score, max_attempts, shuffle, quiz, review, practice"


def course_md(meta: str) -> str:
    return f"---\n{meta}---\nOverview.\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "# No front matter\n",
            '1: missing front matter: start the file with a line "---", then key: value lines '
            '(title: ...), then a line "---"',
        ),
        (
            "---\ntitle: A\nText.\n",
            '1: front matter is not closed: add a line "---" after its last key',
        ),
        (
            "---\ntitle: A\nshuffle: [true\n---\n",
            "3: YAML syntax error: expected ',' or ']', but got '<stream end>'; "
            "check indentation and quoting",
        ),
        (
            "---\ntitle: A\n  pass_score: 3\n---\n",
            "3: YAML syntax error: mapping values are not allowed here; "
            "check indentation and quoting",
        ),
        ("---\n- title\n---\n", "2: front matter must be key: value lines"),
        ("---\n---\n", '1: missing required key "title" in front matter'),
        ("---\ntitle:\n---\n", '2: "title" is empty: give it a value'),
        ("---\ntitle: 42\n---\n", '2: "title" must be text, got 42: put the value in quotes'),
        (
            "---\ntitle: A\ntitel: B\n---\n",
            f'3: unknown key "titel" in front matter; allowed keys: {MODULE_KEYS}',
        ),
        (
            "---\ntitle: A\ntitle: B\n---\n",
            '3: duplicate key "title" (first at line 2): keep only one',
        ),
        (
            "---\ntitle: A\nestimated_minutes: 1.5\n---\n",
            '3: "estimated_minutes" must be a whole number from 0 to 10,000, got 1.5',
        ),
        (
            "---\ntitle: A\nestimated_minutes: -1\n---\n",
            '3: "estimated_minutes" must be a whole number from 0 to 10,000, got -1',
        ),
        (
            "---\ntitle: A\npass_score: 101\n---\n",
            '3: "pass_score" must be a whole number from 0 to 100, got 101',
        ),
        (
            '---\ntitle: A\npass_score: "80"\n---\n',
            '3: "pass_score" must be a whole number from 0 to 100, got "80"',
        ),
        (
            "---\ntitle: A\nmax_attempts: true\n---\n",
            '3: "max_attempts" must be a whole number from 0 to 1,000, got true',
        ),
        (
            "---\ntitle: A\nmax_attempts: -2\n---\n",
            '3: "max_attempts" must be a whole number from 0 to 1,000, got -2',
        ),
        ("---\ntitle: A\nshuffle: 1\n---\n", '3: "shuffle" must be true or false, got 1'),
        ('---\ntitle: A\nshuffle: "yes"\n---\n', '3: "shuffle" must be true or false, got "yes"'),
        (
            "---\ntitle: A\n# the questions live in a GIFT file\nquiz: checks.gift\n---\n",
            '4: "quiz" names checks.gift, which is not in the course folder: add it beside '
            "01-a.md, or fix the name",
        ),
        (
            "---\ntitle: A\nquiz: checks.txt\n---\n",
            '3: "quiz" must name a .gift file beside the module, like checks.gift',
        ),
    ],
)
def test_module_front_matter_problems(demo, source, expected):
    assert messages(demo({"01-a.md": source})) == [f"demo/01-a.md:{expected}"]


def test_every_front_matter_error_is_listed(demo):
    source = "---\ntitle: 7\nshuffle: 1\nmax_attempts: yes\nfoo: bar\n---\n"
    assert [p.line for p in demo({"01-a.md": source}).problems] == [2, 3, 4, 5]


def test_module_defaults(demo):
    body = "word " * 401
    (m,) = demo({"01-a.md": module(body)}).courses[0].modules
    assert (m.title, m.estimated_minutes, m.pass_score, m.max_attempts, m.shuffle) == (
        "A",
        3,  # 401 words at 200 a minute, rounded up
        None,
        0,
        False,
    )
    assert m.quiz_file is None


def test_module_reading_time_is_at_least_one_minute_and_counts_chinese(demo):
    catalog = demo({"01-a.md": module("Hi.\n"), "02-b.md": module("销售" * 201 + "\n")})
    assert [m.estimated_minutes for m in catalog.courses[0].modules] == [1, 3]


def test_module_values_are_kept(demo):
    meta = "title: A\nestimated_minutes: 0\npass_score: 90\nmax_attempts: 3\nshuffle: true\n"
    (m,) = demo({"01-a.md": module(meta=meta)}).courses[0].modules
    assert (m.estimated_minutes, m.pass_score, m.max_attempts, m.shuffle) == (0, 90, 3, True)


def test_course_defaults(demo):
    catalog = demo(
        {"01-a.md": module(meta="title: A\nestimated_minutes: 10\n"), "02-b.md": module()}
    )
    course = catalog.courses[0]
    assert (course.title, course.summary, course.track, course.pass_score) == (
        "Demo",
        "",
        "process",
        DEFAULT_PASS_SCORE,
    )
    assert DEFAULT_PASS_SCORE == 80
    assert course.prerequisites == []
    assert course.estimated_minutes == 11  # the sum of its modules'
    assert course.overview_html == "<p>Overview.</p>"
    assert course.source == COURSE_MD


def test_course_values_are_kept(tree):
    meta = (
        "title: Sales\nsummary: Why.\ntrack: skills\npass_score: 70\n"
        "prerequisites: [basics]\nestimated_minutes: 45\n"
    )
    catalog = tree({"sales/course.md": course_md(meta), "basics/course.md": COURSE_MD})
    assert messages(catalog) == []
    sales = next(c for c in catalog.courses if c.slug == "sales")
    assert (sales.title, sales.summary, sales.track, sales.pass_score) == (
        "Sales",
        "Why.",
        "skills",
        70,
    )
    assert (sales.prerequisites, sales.estimated_minutes) == (["basics"], 45)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("track: process\n", '1: missing required key "title" in front matter'),
        ("title: A\n", '1: missing required key "track" in front matter'),
        (
            "title: A\ntrack: sales\n",
            '3: "track" must be one of product, buyer, process, skills, got "sales"',
        ),
        (
            "title: A\ntrack: process\nsummary: 3\n",
            '4: "summary" must be text, got 3: put the value in quotes',
        ),
        (
            "title: A\ntrack: process\npass_score: -1\n",
            '4: "pass_score" must be a whole number from 0 to 100, got -1',
        ),
        (
            "title: A\ntrack: process\nestimated_minutes: true\n",
            '4: "estimated_minutes" must be a whole number from 0 to 10,000, got true',
        ),
        (
            "title: A\ntrack: process\nprerequisites: basics\n",
            '4: "prerequisites" must be a list of course slugs (at most 80 characters each), '
            "like [sales-foundations], "
            'got "basics"',
        ),
        (
            "title: A\ntrack: process\nprerequisites:\n  - Basics\n",
            '4: "prerequisites" must be a list of course slugs (at most 80 characters each), '
            "like [sales-foundations], "
            'got ["Basics"]',
        ),
        (
            "title: A\ntrack: process\nlevel: 2\n",
            f'4: unknown key "level" in front matter; allowed keys: {COURSE_KEYS}',
        ),
        (
            "title: A\ntrack: process\nprerequisites:\n  - other\n  - basic\n",
            '6: course "basic" does not exist: no course folder basic/; did you mean basics?',
        ),
        (
            "title: A\ntrack: process\nprerequisites:\n  - basics\n  - basics\n",
            '6: prerequisite "basics" is listed twice',
        ),
        (
            "title: A\ntrack: process\nprerequisites: [demo]\n",
            "4: prerequisites form a cycle: demo -> demo; remove one of them",
        ),
    ],
)
def test_course_front_matter_problems(tree, meta, expected):
    files = {"demo/course.md": course_md(meta), "basics/course.md": COURSE_MD}
    files["other/course.md"] = COURSE_MD
    assert messages(tree(files)) == [f"demo/course.md:{expected}"]


def test_indirect_prerequisite_cycle_names_the_cycle(tree):
    def course(prereq: str) -> str:
        return course_md(f"title: X\ntrack: buyer\nprerequisites: [{prereq}]\n")

    catalog = tree(
        {"a/course.md": course("b"), "b/course.md": course("c"), "c/course.md": course("a")}
    )
    assert messages(catalog) == [
        "c/course.md:4: prerequisites form a cycle: a -> b -> c -> a; remove one of them"
    ]


def test_quiz_block_in_course_md_is_an_error(demo):
    catalog = demo({}, course_md=COURSE_MD + "\n```quiz\n? [q] x\n- [x] a\n- [ ] b\n```\n")
    assert messages(catalog) == [
        "demo/course.md:7: quiz blocks belong in module files, not in course.md: "
        "move it to a module"
    ]
