"""Moodle's own GIFT examples keep Moodle's meaning: kinds, partial credit and feedback."""

from pathlib import Path

import pytest

from lms.content.gift_parse import parse_gift
from lms.content.grading import question_credit

GIFT_DIR = Path(__file__).parent / "gift"


def moodle_questions():
    problems = []
    source = (GIFT_DIR / "moodle-docs.gift").read_text(encoding="utf-8")
    questions = parse_gift(source, "demo/moodle.gift", problems)
    return {q.id: q for q in questions}, [str(p) for p in problems]


def credit(question, picked):
    """The credit for picking the choices with these texts, or for typing this answer."""
    if isinstance(picked, str):
        return question_credit(question, picked)
    keys = {c.key for c in question.choices if c.html in picked}
    assert len(keys) == len(picked), f"no such choice among {picked}"
    return question_credit(question, keys)


def test_every_example_parses_without_a_problem():
    questions, problems = moodle_questions()
    assert problems == []
    assert len(questions) == 17


# (question, kind, [(picked choice texts or typed answer, credit)]) as Moodle grades them.
MEANINGS = [
    ("mc", "single", [(["Grant"], 1), (["no one"], 0), ([], 0)]),
    ("missing-word", "single", [(["nothing"], 1), (["a small amount"], 0)]),
    ("thanksgiving", "single", [(["fourth"], 1), (["third"], 0)]),
    ("short", "short", [("Ulysses S. Grant", 1), ("grant", 1), ("Lincoln", 0)]),
    ("short-missing-word", "short", [("2", 1), ("two", 1), ("three", 0)]),
    ("tf-false", "single", [(["False"], 1), (["True"], 0)]),
    ("tf-true", "single", [(["True"], 1), (["False"], 0)]),
    # A "=" answer makes single choice; "~%50%" earns half, a plain "~" nothing.
    (
        "weights",
        "single",
        [(["full credit answer"], 1), (["half credit answer"], 0.5), (["wrong answer"], 0)],
    ),
    (
        "weights-feedback",
        "single",
        [(["Nazareth"], 1), (["Galilee"], 0.5), (["Bethlehem"], 0.25), (["Jerusalem"], 0)],
    ),
    # Short answers: "=%75%x" earns 75% for x.
    ("short-weights", "short", [("Nazareth", 1), ("nazereth", 0.75), ("Bethlehem", 0.25)]),
    # No "=" answer: multiple answers; each pick adds its weight, bounded to 0..100%.
    (
        "multiple-answers",
        "multiple",
        [
            (["Grant", "Grant's wife"], 1),
            (["Grant"], 0.5),
            (["Grant", "No one"], 0),
            (["Grant", "Grant's wife", "No one"], 0),
            (["No one", "Grant's father"], 0),
            ([], 0),
        ],
    ),
    ("feedback", "single", [(["right answer"], 1), (["wrong answer"], 0)]),
    ("tf-feedback", "single", [(["False"], 1), (["True"], 0)]),
    ("general-feedback", "short", [("8", 1), ("eight", 0)]),
    ("escapes", "single", [(["= 2 + 3"], 1), (["= 2 + 2"], 0)]),
    ("escaped-title-colon", "single", [(["True"], 1)]),
    ("only-equals", "single", [(["="], 1), (["~"], 0)]),
]


@pytest.mark.parametrize(("qid", "kind", "grades"), MEANINGS, ids=[m[0] for m in MEANINGS])
def test_each_moodle_example_keeps_moodles_meaning(qid, kind, grades):
    question = moodle_questions()[0][qid]
    assert question.kind.value == kind
    assert [(picked, credit(question, picked)) for picked, _ in grades] == grades


def test_per_answer_and_general_feedback_and_missing_words():
    questions = moodle_questions()[0]
    feedback = {c.html: c.feedback_html for c in questions["weights-feedback"].choices}
    assert feedback["Galilee"] == "You need to be more specific."
    assert feedback["Nazareth"] == "Yes! That's right!"
    assert questions["weights-feedback"].prompt_html == "Jesus Christ was from _____."
    # {FALSE#feedback}: the feedback is for the rep who picked True.
    tf = {c.html: c.feedback_html for c in questions["tf-feedback"].choices}
    assert tf == {"True": "No one is buried in Grant's tomb.", "False": None}
    assert questions["general-feedback"].explanation_html == "There are eight ounces in a cup."


def test_titles_escapes_and_categories():
    questions = moodle_questions()[0]
    assert questions["escaped-title-colon"].prompt_html == "Is {this} a #hash and a ~tilde?"
    assert [c.html for c in questions["escapes"].choices] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
    # Item 8: a choice that is only an escaped "=" shows as "=", never as "\=".
    assert [c.html for c in questions["only-equals"].choices] == ["=", "~"]


def test_the_right_marks_follow_the_weights():
    questions = moodle_questions()[0]
    right = [c.html for c in questions["multiple-answers"].choices if c.correct]
    assert right == ["Grant", "Grant's wife"]
    # In single choice only the full-credit answer is "the right answer".
    assert [c.html for c in questions["weights"].choices if c.correct] == ["full credit answer"]
