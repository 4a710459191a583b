"""The attempt record's reader takes every shape stored so far and writes it back unchanged."""

import pytest

from lms.assessment.question_types import UnknownQuestionKind
from lms.assessment.record import read

# As stored before partial credit: no "credit" or "percent".
BEFORE_PARTIAL_CREDIT = [
    {"key": "capital", "kind": "single", "prompt_html": "Capital?", "correct": True,
     "choices": [{"key": "a", "html": "Paris", "correct": True, "feedback_html": "Yes.",
                  "picked": True},
                 {"key": "b", "html": "Lyon", "correct": False, "feedback_html": None,
                  "picked": False}],
     "answer": None, "accepted": [], "explanation_html": None},
    {"key": "funnel", "kind": "short", "prompt_html": "Stage?", "correct": False,
     "choices": [], "answer": "buy it", "accepted": ["purchase"], "explanation_html": "<p>P</p>"},
]  # fmt: skip

# As the quality tests write them: only what the numbers need.
MINIMAL = [
    {"key": "a", "kind": "multiple", "correct": False,
     "choices": [{"key": "a1", "html": "Right", "correct": True, "picked": False}]},
]  # fmt: skip

PARTIAL = {"key": "w", "kind": "multiple", "prompt_html": "W?", "correct": False,
           "choices": [], "answer": None, "accepted": [], "explanation_html": None,
           "credit": 0.5, "percent": 50}  # fmt: skip


def test_a_record_from_before_partial_credit_reads_with_credit_from_correct():
    record = read(BEFORE_PARTIAL_CREDIT)
    capital, funnel = record
    assert (capital.credit, capital.percent, capital.earned) == (None, None, 1.0)
    assert (funnel.credit, funnel.earned, funnel.answer) == (None, 0.0, "buy it")
    assert [c.picked for c in capital.choices] == [True, False]
    assert capital.choices[0].feedback_html == "Yes."
    assert (record.right, record.partly_right, record.points, len(record)) == (1, 0, 1.0, 2)
    assert record.to_json() == BEFORE_PARTIAL_CREDIT  # read and written back, unchanged


def test_a_record_with_partial_credit_counts_it():
    record = read([PARTIAL, *BEFORE_PARTIAL_CREDIT])
    assert (record.right, record.partly_right, record.points) == (1, 1, 1.5)
    assert record.to_json()[0] == PARTIAL


def test_missing_keys_read_as_empty():
    (item,) = read(MINIMAL)
    assert (item.prompt_html, item.answer, item.accepted, item.explanation_html) == (
        "",
        None,
        (),
        None,
    )
    assert item.choices[0].feedback_html is None
    assert read(None).questions == ()


def test_a_stored_kind_no_type_handles_is_refused():
    with pytest.raises(UnknownQuestionKind):
        read([{**PARTIAL, "kind": "essay"}])
