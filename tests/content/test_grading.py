"""Grading: answer normalization, short answers, choice questions, scores, snapshots."""

import json

import pytest

from lms.content.grading import (
    grade_question,
    normalize_answer,
    question_from_dict,
    question_to_dict,
    score_percent,
    short_answer_matches,
)
from lms.content.model import Choice, Question, QuestionKind


def choice_question(kind: QuestionKind, right: str) -> Question:
    """Choices a, b, c, d; the keys in right are the right ones."""
    choices = [Choice(key=k, html=k.upper(), correct=k in right) for k in "abcd"]
    return Question(id="q", kind=kind, prompt_html="Pick", choices=choices)


SHORT = Question(
    id="funnel-focus",
    kind=QuestionKind.SHORT,
    prompt_html="Which stage?",
    answers=["purchase", "/buy(ing)?|close/"],
    explanation_html="Bottom of the funnel.",
    line=19,
    source="? [funnel-focus] Which stage?\n= purchase\n= /buy(ing)?|close/",
)


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("  Purchase ", "purchase"),
        ("Close\t the   DEAL\n", "close the deal"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_normalize_answer(raw, normalized):
    assert normalize_answer(raw) == normalized


@pytest.mark.parametrize(
    ("answer", "right"),
    [
        ("purchase", True),
        ("  PURCHASE  ", True),
        ("purchase order", False),
        ("buying", True),
        (" Close ", True),
        ("closed", False),  # a regex must match the whole answer
        ("buy or close", False),
        ("", False),
    ],
)
def test_short_answer_matches(answer, right):
    assert short_answer_matches(answer, SHORT.answers) is right


def test_plain_answers_fold_white_space_on_both_sides():
    assert short_answer_matches("close  the\tdeal", ["Close the deal"])


def test_regex_answers_are_trimmed_not_folded():
    assert not short_answer_matches("close  deal", ["/close deal/"])
    assert short_answer_matches("  close deal ", ["/close deal/"])


def test_long_answers_never_match_so_a_bad_regex_cannot_hang():
    assert not short_answer_matches("a" * 501, ["/(a+)+b|a*/"])
    assert short_answer_matches("a" * 500, ["/a*/"])


def test_an_invalid_stored_regex_does_not_match_or_raise():
    assert not short_answer_matches("x", ["/(/"])


@pytest.mark.parametrize(
    ("picked", "right"),
    [
        ({"b"}, True),
        (["b"], True),
        ("b", True),
        ({"a"}, False),
        ({"a", "b"}, False),
        (set(), False),
    ],
)
def test_single_choice_is_right_only_with_exactly_the_right_choice(picked, right):
    assert grade_question(choice_question(QuestionKind.SINGLE, "b"), picked) is right


@pytest.mark.parametrize(
    ("picked", "right"),
    [
        ({"a", "b", "c"}, True),
        (["c", "b", "a"], True),
        ({"a", "b"}, False),  # one right choice missing
        ({"a", "b", "c", "d"}, False),  # one wrong choice picked
        (set(), False),
    ],
)
def test_select_all_needs_every_right_choice_and_no_wrong_one(picked, right):
    assert grade_question(choice_question(QuestionKind.MULTIPLE, "abc"), picked) is right


def test_short_questions_take_text():
    assert grade_question(SHORT, " Buying ")
    assert not grade_question(SHORT, ["purchase"])
    assert not grade_question(SHORT, None)


def test_grading_works_on_snapshots():
    question = choice_question(QuestionKind.MULTIPLE, "ab")
    question.choices[0].feedback_html = "Yes"
    snapshot = json.loads(json.dumps(question_to_dict(question)))
    assert question_from_dict(snapshot) == question
    assert grade_question(snapshot, {"a", "b"})
    assert not grade_question(snapshot, {"a"})


def test_short_question_snapshot_round_trips():
    snapshot = question_to_dict(SHORT)
    assert snapshot == {
        "id": "funnel-focus",
        "kind": "short",
        "prompt_html": "Which stage?",
        "choices": [],
        "answers": ["purchase", "/buy(ing)?|close/"],
        "explanation_html": "Bottom of the funnel.",
        "line": 19,
        "source": "? [funnel-focus] Which stage?\n= purchase\n= /buy(ing)?|close/",
    }
    assert question_from_dict(json.loads(json.dumps(snapshot))) == SHORT


@pytest.mark.parametrize(
    ("n_right", "n_total", "percent"),
    [
        (0, 0, 100),
        (0, 3, 0),
        (3, 3, 100),
        (2, 3, 67),
        (1, 3, 33),
        (1, 8, 13),
        (1, 2, 50),
        (7, 8, 88),
    ],
)
def test_score_percent_rounds_half_up(n_right, n_total, percent):
    assert score_percent(n_right, n_total) == percent
