"""The registry of question types: each kind parses, grades and records through its class."""

from pathlib import Path

import pytest
from sqlalchemy import select, text
from werkzeug.datastructures import MultiDict

from lms.assessment.question_types import (
    QUESTION_TYPES,
    Multiple,
    Short,
    Single,
    UnknownQuestionKind,
    question_type,
)
from lms.assessment.record import answer_question, build
from lms.content.model import QuestionKind
from lms.db import db
from lms.models import Question

TEMPLATES = Path(__file__).parents[2] / "templates"

CHOICES = [
    {"key": "a", "html": "Paris", "correct": True, "feedback_html": "Yes."},
    {"key": "b", "html": "Lyon", "correct": False, "feedback_html": "No."},
    {"key": "c", "html": "Rome", "correct": True, "feedback_html": None},
]


def question(kind: str, **data) -> Question:
    """An unsaved question row of the kind, with the data the importer stores."""
    data = {
        "id": "q1",
        "kind": kind,
        "prompt_html": "<p>Which?</p>",
        "choices": [] if kind == "short" else CHOICES,
        "answers": [],
        "explanation_html": "<p>Because.</p>",
        **data,
    }
    return Question(key="q1", kind=QuestionKind(kind), data=data)


def test_every_kind_has_a_class_whose_templates_exist():
    assert set(QUESTION_TYPES) == set(QuestionKind)
    for kind, qtype in QUESTION_TYPES.items():
        assert qtype.kind is kind
        assert (TEMPLATES / qtype.form_template).is_file()
        assert (TEMPLATES / qtype.review_template).is_file()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("single", Single),
        (QuestionKind.MULTIPLE, Multiple),
        ("short", Short),
    ],
)
def test_a_kind_finds_its_class_by_value_or_enum(kind, expected):
    assert isinstance(question_type(kind), expected)


@pytest.mark.parametrize("kind", ["essay", "", None, "SHORT"])
def test_an_unknown_kind_is_refused_naming_the_known_ones(kind):
    with pytest.raises(UnknownQuestionKind) as refused:
        question_type(kind)
    assert str(refused.value) == (
        f"Unknown question kind {kind!r}: the known kinds are single, multiple, short."
    )
    assert refused.value.kind == kind


@pytest.mark.parametrize(
    ("kind", "form", "response", "answered"),
    [
        ("single", {"q-q1": "b"}, {"b"}, True),
        ("single", {}, set(), False),
        ("multiple", {"q-q1": ["a", "c"]}, {"a", "c"}, True),
        ("multiple", {}, set(), True),  # picking nothing is an answer, if a wrong one
        ("short", {"q-q1": "  Paris "}, "Paris", True),
        ("short", {"q-q1": "   "}, "", False),
        ("short", {"q-q1": "x" * 600}, "x" * 500, True),
    ],
)
def test_each_kind_parses_its_response_from_the_form(kind, form, response, answered):
    assert question_type(kind).parse(MultiDict(form), "q-q1") == (response, answered)


@pytest.mark.parametrize(
    ("kind", "answers", "response", "credit"),
    [
        ("single", [], {"a"}, 0.0),  # two right choices: a single pick is never right
        ("multiple", [], {"a", "c"}, 1.0),
        ("multiple", [], {"a"}, 0.0),
        ("short", ["Paris", "/par.s/"], "paris!", 1.0),
        ("short", ["Paris", "/par.s/"], "Parus", 1.0),
        ("short", ["Paris"], "Lyon", 0.0),
    ],
)
def test_each_kind_grades_through_the_content_rules(kind, answers, response, credit):
    q = question(kind, answers=answers)
    assert question_type(kind).grade(q.data, response) == credit


def test_a_choice_kind_records_the_picks_in_the_order_shown():
    q = question("multiple")
    order = [CHOICES[2], CHOICES[0], CHOICES[1]]
    item = answer_question(q, order, {"a", "b"})
    assert [(c.key, c.picked) for c in item.choices] == [("c", False), ("a", True), ("b", True)]
    assert (item.answer, item.correct, item.credit, item.percent) == (None, False, 0.0, 0)
    assert question_type("multiple").wrong_given(item) == [("Lyon", True)]


def test_a_short_kind_records_the_text_typed():
    q = question("short", answers=["Paris", "/p.r.s/"])
    item = answer_question(q, [], "Lyon")
    assert (item.answer, item.accepted, item.correct) == ("Lyon", ("Paris", "/p.r.s/"), False)
    assert question_type("short").wrong_given(item) == [("lyon", False)]
    assert question_type("short").wrong_given(answer_question(q, [], "paris")) == []


def test_a_select_all_answer_missing_a_right_choice_says_so():
    item = answer_question(question("multiple"), CHOICES, {"a"})
    assert question_type("multiple").wrong_given(item) == [("(a right choice left out)", False)]


@pytest.mark.parametrize(
    ("kind", "answers"), [("single", []), ("multiple", []), ("short", ["/re/", "Paris"])]
)
def test_the_demo_responses_grade_right_and_wrong(kind, answers):
    choices = CHOICES[:2] if kind == "single" else CHOICES
    q = question(kind, answers=answers, choices=[] if kind == "short" else choices)
    qtype = question_type(kind)
    record = build([q], {"q1": qtype.right_response(q.data)})
    assert record.right == 1
    assert build([q], {"q1": qtype.wrong_response(q.data)}).right == 0


def test_the_stored_record_keeps_the_shape_attempts_always_had():
    q = question("single", choices=CHOICES[:2])
    (stored,) = build([q], {"q1": {"a"}}).to_json()
    assert stored == {
        "key": "q1",
        "kind": "single",
        "prompt_html": "<p>Which?</p>",
        "choices": [
            {"key": "a", "html": "Paris", "correct": True, "feedback_html": "Yes.", "picked": True},
            {"key": "b", "html": "Lyon", "correct": False, "feedback_html": "No.", "picked": False},
        ],
        "answer": None,
        "accepted": [],
        "explanation_html": "<p>Because.</p>",
        "correct": True,
        "credit": 1.0,
        "percent": 100,
    }


def test_question_kind_loads_as_the_enum_and_is_stored_as_before(app, courses):
    with app.app_context():
        kinds = db.session.scalars(select(Question.kind).order_by(Question.key)).all()
        assert all(isinstance(k, QuestionKind) for k in kinds)
        stored = db.session.execute(text("SELECT DISTINCT kind FROM questions")).scalars()
        assert set(stored) == {"single", "multiple", "short"}
