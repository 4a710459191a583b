"""Practice modules: the practice block, the rubric file, and what the format refuses."""

import pytest

from lms.content.practice import weighted_score
from tests.content.content_trees import messages, module

RUBRIC = """title: CFO pitch
scale: [1, 5]
levels: {1: Missing, 3: Adequate, 5: Exemplary}
criteria:
  - id: leads-with-research
    title: Opens with what they learned about the buyer's business
    weight: 2
  - id: quantifies-value
    title: Puts a number on the value, in the CFO's terms
"""

BLOCK = """title: Pitch Veloxa to a CFO in two minutes
practice:
  submit: [video, audio, text]
  max_minutes: 3
  rubric: rubrics/cfo-pitch.yml
  reviewers: manager
  pass: 3.5
"""


def practice_module(block: str = BLOCK, body: str = "The buyer: Dana, CFO.\n") -> str:
    return module(body, meta=block)


def test_the_formats_example_loads(demo):
    catalog = demo({"01-pitch.md": practice_module(), "rubrics/cfo-pitch.yml": RUBRIC})
    assert catalog.problems == []
    practice = catalog.courses[0].modules[0].practice
    assert practice.submit == ["video", "audio", "text"]
    assert (practice.max_minutes, practice.reviewers, practice.pass_mark) == (3, "manager", 3.5)
    rubric = practice.rubric
    assert (rubric.title, rubric.low, rubric.high) == ("CFO pitch", 1, 5)
    assert rubric.levels == {1: "Missing", 3: "Adequate", 5: "Exemplary"}
    assert [(c.id, c.weight) for c in rubric.criteria] == [
        ("leads-with-research", 2),
        ("quantifies-value", 1),
    ]


def test_stored_data_is_plain_json(demo):
    catalog = demo({"01-pitch.md": practice_module(), "rubrics/cfo-pitch.yml": RUBRIC})
    data = catalog.courses[0].modules[0].practice.as_data()
    assert data["rubric"]["levels"] == [[1, "Missing"], [3, "Adequate"], [5, "Exemplary"]]
    assert data["rubric"]["source"] == RUBRIC


def test_defaults_reviewers_manager_and_no_time_limit(demo):
    block = "title: Email\npractice:\n  submit: [text]\n  rubric: rubrics/r.yml\n  pass: 3\n"
    catalog = demo({"01-email.md": practice_module(block), "rubrics/r.yml": RUBRIC})
    practice = catalog.courses[0].modules[0].practice
    assert (practice.reviewers, practice.max_minutes) == ("manager", None)


def test_a_plain_module_has_no_practice(demo):
    assert demo({"01-a.md": module()}).courses[0].modules[0].practice is None


def test_rubric_files_are_part_of_the_course_even_unused(demo):
    catalog = demo({"01-a.md": module(), "rubrics/spare.yml": RUBRIC})
    assert catalog.problems == []


def test_an_unused_rubric_is_still_checked(demo):
    catalog = demo({"01-a.md": module(), "rubrics/spare.yml": "title: X\nscale: [1, 5]\n"})
    assert messages(catalog) == [
        'demo/rubrics/spare.yml:1: missing required key "criteria" in the rubric'
    ]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "title: A\npractice: yes\n",
            'demo/01-a.md:3: "practice" must be key: value lines (submit, rubric, pass, ...), got true',
        ),
        (
            "title: A\npractice:\n  submit: [video]\n  rubric: rubrics/cfo-pitch.yml\n",
            'demo/01-a.md:3: missing required key "pass" in "practice"',
        ),
        (
            "title: A\npractice:\n  submit: [dance]\n  rubric: rubrics/cfo-pitch.yml\n  pass: 3\n",
            'demo/01-a.md:4: "submit" may hold only video, audio, text, file, got "dance"',
        ),
        (
            "title: A\npractice:\n  submit: []\n  rubric: rubrics/cfo-pitch.yml\n  pass: 3\n",
            'demo/01-a.md:4: "submit" must be a list of one or more of video, audio, text, file, got []',
        ),
        (
            "title: A\npractice:\n  submit: [text, text]\n  rubric: rubrics/cfo-pitch.yml\n  pass: 3\n",
            'demo/01-a.md:4: "submit" names a kind twice: keep each once',
        ),
        (
            "title: A\npractice:\n  submit: [video]\n  max_minutes: 0\n  rubric: rubrics/cfo-pitch.yml\n  pass: 3\n",
            'demo/01-a.md:5: "max_minutes" must be a whole number from 1 to 120, got 0',
        ),
        (
            "title: A\npractice:\n  submit: [video]\n  rubric: ../other/r.yml\n  pass: 3\n",
            'demo/01-a.md:5: "rubric" must be a path inside the course, like rubrics/cfo-pitch.yml, got "../other/r.yml"',
        ),
        (
            "title: A\npractice:\n  submit: [video]\n  rubric: rubrics/r.txt\n  pass: 3\n",
            'demo/01-a.md:5: "rubric" must name a .yml file of this course, like rubrics/cfo-pitch.yml, got "rubrics/r.txt"',
        ),
        (
            "title: A\npractice:\n  submit: [video]\n  rubric: rubrics/missing.yml\n  pass: 3\n",
            'demo/01-a.md:5: "rubric" names rubrics/missing.yml, which is not in the course folder: add it, or fix the path',
        ),
        (
            "title: A\npractice:\n  submit: [video]\n  rubric: rubrics/cfo-pitch.yml\n  reviewers: boss\n  pass: 3\n",
            'demo/01-a.md:6: "reviewers" must be one of manager, trainer, peer, got "boss"',
        ),
        (
            "title: A\npractice:\n  submit: [video]\n  rubric: rubrics/cfo-pitch.yml\n  pass: 6\n",
            'demo/01-a.md:6: "pass" is 6, outside the rubric\'s scale [1, 5]: pick a mark a review can reach',
        ),
        (
            "title: A\npractice:\n  submit: [video]\n  rubric: rubrics/cfo-pitch.yml\n  pass: high\n",
            'demo/01-a.md:6: "pass" must be a number on the rubric\'s scale, like 3.5, got "high"',
        ),
        (
            "title: A\npractice:\n  submit: [video]\n  rubric: rubrics/cfo-pitch.yml\n  pass: 3\n  anonymous: true\n",
            'demo/01-a.md:7: unknown key "anonymous" in "practice"; allowed keys: submit, max_minutes, rubric, reviewers, pass',
        ),
    ],
)
def test_practice_block_errors(demo, block, expected):
    catalog = demo({"01-a.md": practice_module(block), "rubrics/cfo-pitch.yml": RUBRIC})
    assert messages(catalog) == [expected]


def test_a_quiz_and_a_practice_block_never_share_a_module(demo):
    body = "```quiz\n? [q1] Pick one.\n- [x] Yes\n- [ ] No\n```\n"
    catalog = demo({"01-a.md": practice_module(body=body), "rubrics/cfo-pitch.yml": RUBRIC})
    assert messages(catalog) == [
        "demo/01-a.md:3: a module has a quiz or a practice block, never both: "
        "move the questions to a module of their own"
    ]


@pytest.mark.parametrize(
    ("rubric", "expected"),
    [
        (
            "title: R\nscale: [5, 1]\ncriteria:\n  - id: a\n    title: A\n",
            'demo/rubrics/cfo-pitch.yml:2: "scale" must be two whole numbers [lowest, highest] from 0 to 100, lowest first, like [1, 5], got [5, 1]',
        ),
        (
            "title: R\nscale: [1, 5]\ncriteria: []\n",
            'demo/rubrics/cfo-pitch.yml:3: "criteria" must be a list of one or more criteria (- id: ..., title: ...)',
        ),
        (
            "title: R\nscale: [1, 5]\nlevels: {7: Wow}\ncriteria:\n  - id: a\n    title: A\n",
            "demo/rubrics/cfo-pitch.yml:3: a level must be a whole number from 1 to 5, got 7",
        ),
        (
            "title: R\nscale: [1, 5]\ncriteria:\n  - id: a\n    title: A\n  - id: a\n    title: B\n",
            'demo/rubrics/cfo-pitch.yml:6: duplicate criterion id "a" (also at line 4): give each criterion its own id',
        ),
        (
            "title: R\nscale: [1, 5]\ncriteria:\n  - id: Big Idea\n    title: A\n",
            'demo/rubrics/cfo-pitch.yml:4: "id" must be a slug (lowercase letters, digits and single hyphens, like quantifies-value, at most 80), got "Big Idea"',
        ),
        (
            "title: R\nscale: [1, 5]\ncriteria:\n  - id: a\n    title: A\n    weight: 0\n",
            'demo/rubrics/cfo-pitch.yml:6: "weight" must be a number above 0 and at most 100, got 0',
        ),
        (
            "title: R\nscale: [1, 5]\ncriteria:\n  - id: a\n    title: A\n    notes: x\n",
            'demo/rubrics/cfo-pitch.yml:6: unknown key "notes" in a criterion; allowed keys: id, title, weight',
        ),
        (
            "title: R\nscale: [1, 5]\ncriteria:\n  - id: a\n",
            'demo/rubrics/cfo-pitch.yml:4: missing required key "title" in a criterion',
        ),
        (
            "title: &t R\nscale: [1, 5]\ncriteria:\n  - id: a\n    title: A\n",
            "demo/rubrics/cfo-pitch.yml:1: YAML anchors (&name) are not allowed: the format takes plain YAML only; write the value out",
        ),
    ],
)
def test_rubric_errors(demo, rubric, expected):
    catalog = demo({"01-a.md": practice_module(), "rubrics/cfo-pitch.yml": rubric})
    assert messages(catalog) == [expected]


def test_too_many_criteria(demo):
    items = "".join(f"  - id: c{i}\n    title: C{i}\n" for i in range(51))
    rubric = f"title: R\nscale: [1, 5]\ncriteria:\n{items}"
    catalog = demo({"01-a.md": practice_module(), "rubrics/cfo-pitch.yml": rubric})
    assert messages(catalog) == [
        'demo/rubrics/cfo-pitch.yml:3: "criteria" has 51 criteria; at most 50 are allowed'
    ]


def test_one_rubric_shared_by_two_modules_is_reported_once(demo):
    broken = "title: R\nscale: [1, 5]\n"
    catalog = demo(
        {
            "01-a.md": practice_module(),
            "02-b.md": practice_module(),
            "rubrics/cfo-pitch.yml": broken,
        }
    )
    assert messages(catalog) == [
        'demo/rubrics/cfo-pitch.yml:1: missing required key "criteria" in the rubric'
    ]


def test_weighted_score_follows_the_weights():
    criteria = [{"id": "a", "weight": 2}, {"id": "b", "weight": 1}]
    assert weighted_score(criteria, {"a": 5, "b": 2}) == 4.0
    assert weighted_score(criteria, {"a": 3, "b": 4}) == 3.33
