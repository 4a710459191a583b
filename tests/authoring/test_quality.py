"""Question quality: facility, discrimination (Moodle's), wrong choices picked, flags."""

import html

import pytest

from lms.analytics.quality import pearson, question_stats
from lms.models import Role
from tests.authoring.conftest import count_statements
from tests.conftest import BASICS_QUIZ, make_user, submit_quiz
from tests.helpers.sign_in import sign_in

QUESTIONS = [
    {
        "key": "a",
        "prompt_html": "A?",
        "kind": "single",
        "choices": [
            {"key": "a1", "html": "Right", "correct": True},
            {"key": "a2", "html": "Wrong", "correct": False},
        ],
    },
    {"key": "b", "prompt_html": "B?", "kind": "short", "choices": []},
]


def sitting(a_right: bool, b_right: bool, picked="a1", answer="x"):
    return [
        {
            "key": "a",
            "kind": "single",
            "correct": a_right,
            "choices": [
                {"key": "a1", "html": "Right", "correct": True, "picked": picked == "a1"},
                {"key": "a2", "html": "Wrong", "correct": False, "picked": picked == "a2"},
            ],
        },
        {"key": "b", "kind": "short", "correct": b_right, "answer": answer, "choices": []},
    ]


@pytest.mark.parametrize(
    ("xs", "ys", "expected"),
    [
        ([1, 0, 1, 0], [1, 0, 1, 0], 1.0),
        ([1, 0, 1, 0], [0, 1, 0, 1], -1.0),
        ([1, 1, 1], [0, 1, 0], None),  # everyone right: no variance, undefined
        ([1], [1], None),
        ([1, 0, 1, 0, 1], [2, 0, 1, 1, 2], 0.7637626158259734),
    ],
)
def test_pearson(xs, ys, expected):
    assert (
        pearson(xs, ys) == pytest.approx(expected)
        if expected is not None
        else pearson(xs, ys) is None
    )


def test_question_stats_from_snapshots():
    snapshots = [
        sitting(True, True),
        sitting(True, False, answer="Buy"),
        sitting(False, False, picked="a2", answer=" buy "),
        sitting(False, True, picked="a2"),
    ]
    a, b = question_stats(QUESTIONS, snapshots)
    assert (a.answered, a.right, a.facility) == (4, 2, 0.5)
    # a's score [1,1,0,0] against the rest of the test (b) [1,0,0,1]: r = 0
    assert a.discrimination == pytest.approx(0.0)
    assert [(c.html, c.picked) for c in a.wrong_choices] == [("Wrong", 2)]
    assert b.wrong_answers == [("buy", 2)]
    assert a.flag is None


@pytest.mark.parametrize(
    ("rights", "flag"),
    [
        ([1] * 10, "Nearly everyone gets it right"),
        ([0] * 8 + [1, 1], "Nearly everyone gets it wrong"),
        ([1] * 9 + [0], None),
    ],
)
def test_flags(rights, flag):
    (a, _) = question_stats(QUESTIONS, [sitting(bool(r), True) for r in rights])
    assert a.flag == flag


def test_the_page_shows_each_question_with_its_numbers(app, client, trainer):
    for i, capital in enumerate(["Paris", "Lyon", "Lyon"]):
        rep = app.test_client()
        make_user(app, email=f"q{i}@example.com")
        sign_in(rep, f"q{i}@example.com")
        submit_quiz(
            rep, BASICS_QUIZ, {"capital": capital, "colours": ["Red", "Blue"], "funnel": "nope"}
        )
    with count_statements(app) as seen:
        page = html.unescape(client.get("/authoring/courses/basics/quality").get_data(as_text=True))
    assert len(seen) <= 8
    assert "From 3 submitted attempt(s)." in page
    assert "Nearly everyone gets it right" in page  # colours: 3 of 3
    assert "Nearly everyone gets it wrong" in page  # funnel: 0 of 3
    assert '<th scope="row">Lyon</th>\n        <td>2</td>\n        <td>67%</td>' in page
    assert "<q>nope</q>: 3" in page


def test_only_reps_attempts_count(app, client, trainer):
    """A trainer's own try ("See it as a rep"), a manager's and an admin's are left out."""
    people = [
        ("rep0@example.com", Role.REP, "Paris"),
        ("boss@example.com", Role.MANAGER, "Lyon"),
        ("root@example.com", Role.ADMIN, "Lyon"),
    ]
    for email, role, capital in people:
        other = app.test_client()
        make_user(app, email=email, role=role)
        sign_in(other, email)
        submit_quiz(other, BASICS_QUIZ, {"capital": capital, "colours": ["Red"], "funnel": "x"})
    # The signed-in trainer tries the quiz as a rep would.
    submit_quiz(client, BASICS_QUIZ, {"capital": "Lyon", "colours": ["Red"], "funnel": "x"})
    page = html.unescape(client.get("/authoring/courses/basics/quality").get_data(as_text=True))
    assert "From 1 submitted attempt(s)." in page
    assert '<th scope="row">Lyon</th>\n        <td>0</td>' in page
