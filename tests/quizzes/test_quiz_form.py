"""The quiz as a rep sees it before submitting: the right controls, labelled, no answers."""

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import BASICS_QUIZ


class Controls(HTMLParser):
    """Collect the form controls and the `for` of every label."""

    def __init__(self):
        super().__init__()
        self.inputs: list[dict] = []
        self.label_for: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") != "hidden":
            self.inputs.append(attrs)
        if tag == "label" and "for" in attrs:
            self.label_for.add(attrs["for"])


@pytest.fixture
def quiz_page(client, rep):
    return client.get(BASICS_QUIZ).get_data(as_text=True)


def controls(html: str) -> Controls:
    parser = Controls()
    parser.feed(html[html.index('<section id="quiz"') :])
    return parser


@pytest.mark.parametrize(
    ("question", "kind", "count"),
    [("capital", "radio", 3), ("colours", "checkbox", 3), ("funnel", "text", 1)],
)
def test_each_question_kind_has_its_control(quiz_page, question, kind, count):
    found = [i for i in controls(quiz_page).inputs if i["name"] == f"q-{question}"]
    assert [i["type"] for i in found] == [kind] * count


def test_every_control_has_a_label(quiz_page):
    parsed = controls(quiz_page)
    assert len(parsed.inputs) == 7
    for control in parsed.inputs:
        assert control["id"] in parsed.label_for


def test_quiz_page_states_the_rules(quiz_page):
    assert "Select all that apply." in quiz_page
    assert "pass mark 60%" in quiz_page
    assert "0 of 2 attempts used" in quiz_page


@pytest.mark.parametrize(
    "secret",
    [
        "Lyon is the third largest city",
        "Right.",
        "Green is secondary",
        "Paris has been the capital for centuries",
        "Sales works the bottom of the funnel",
        "purchase",
        "buy(ing)?",
        "correct",
    ],
)
def test_quiz_page_reveals_no_answers(quiz_page, secret):
    assert secret.lower() not in quiz_page.lower()


def test_choices_of_one_question_have_distinct_values(quiz_page):
    values = re.findall(r'name="q-capital" value="([^"]+)"', quiz_page)
    assert len(set(values)) == 3
