"""Grading: answer normalization, short answers, choice questions, scores, snapshots."""

import json
import time

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lms.content.grading import (
    grade_question,
    is_regex_answer,
    normalize_answer,
    percent,
    question_credit,
    question_from_dict,
    question_to_dict,
    regex_error,
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
        ("Enterprise.", "enterprise"),
        ("  «Enterprise»!? ", "enterprise"),
        ("(enterprise)", "enterprise"),
        ("ＥＮＴＥＲＰＲＩＳＥ！", "enterprise"),  # full-width letters and mark
        ("「企业」。", "企业"),
        ("企业，", "企业"),
        ("“Close the deal”", "close the deal"),
        ("e.g.", "e.g"),  # only the ends are trimmed
        ("U.S.A.", "u.s.a"),
        ("close,\u3000the  deal", "close, the deal"),  # ideographic space folded
        ("...", ""),
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


@pytest.mark.parametrize(
    ("answer", "accepted"),
    [
        ("Enterprise.", "enterprise"),
        ("enterprise", "Enterprise."),
        ("ＥＮＴＥＲＰＲＩＳＥ", "enterprise"),
        ("“enterprise”", "enterprise"),
        ("企业。", "企业"),
    ],
)
def test_plain_answers_ignore_punctuation_and_width_at_the_ends(answer, accepted):
    assert short_answer_matches(answer, [accepted])


def test_plain_answers_fold_white_space_on_both_sides():
    assert short_answer_matches("close  the\tdeal", ["Close the deal"])


def test_regex_answers_are_trimmed_not_folded():
    assert not short_answer_matches("close  deal", ["/close deal/"])
    assert short_answer_matches("  close deal ", ["/close deal/"])


def test_long_answers_never_match():
    assert not short_answer_matches("a" * 501, ["/a*/"])
    assert short_answer_matches("a" * 500, ["/a*/"])


@pytest.mark.parametrize("pattern", ["/(a+)+b/", "/(a|a)*b/", "/(a*)*$x/", "/(.*a){20}/"])
def test_catastrophic_patterns_grade_in_linear_time(pattern):
    # Python's re takes 15 s on 29 characters of (a+)+b; RE2 never backtracks.
    started = time.perf_counter()
    for n in (29, 35, 500):
        short_answer_matches("a" * n + "!", [pattern])
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("pattern", "fault"),
    [
        ("/(a)\\1/", "invalid escape sequence: \\1"),  # backreferences: no RE2
        ("/(?=a)b/", "invalid perl operator: (?="),  # lookahead: no RE2
        ("/(?<!a)b/", "invalid perl operator: (?<!"),
        ("/(unclosed/", "missing ): (unclosed"),
    ],
)
def test_patterns_re2_cannot_compile_are_named(pattern, fault):
    assert regex_error(pattern) == fault


def test_patterns_re2_compiles_have_no_error():
    assert regex_error("/buy(ing)?|close/") is None
    assert regex_error("/\\d{3}-\\w+/") is None


@pytest.mark.parametrize(
    ("answer", "pattern", "right"),
    [
        ("  BUYING ", "/buy(ing)?/", True),  # trimmed of white space, case ignored
        ("Ça", "/ça/", True),  # case ignored beyond ASCII
        ("buying.", "/buy(ing)?/", False),  # a regex sees the punctuation: no normalisation
        ("buy  it", "/buy it/", False),  # nor folded inner white space
        ("rebuy", "/buy/", False),  # the whole answer must match
    ],
)
def test_regex_answers_match_the_whole_trimmed_answer_ignoring_case(answer, pattern, right):
    assert short_answer_matches(answer, [pattern]) is right


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


# Property tests: what the normalisation promises for any text.

EDGES = ".,!?;:\"'。，！？；：、()[]{}（）【】「」《》“”‘’«» \t\u3000"
ASCII_WORDS = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1)


@given(st.text())
def test_normalising_twice_changes_nothing(text):
    assert normalize_answer(normalize_answer(text)) == normalize_answer(text)


@given(st.text())
def test_normalised_text_has_no_edge_punctuation_or_double_spaces(text):
    normalized = normalize_answer(text)
    assert "  " not in normalized
    assert normalized == normalized.strip()
    assert not normalized or (normalized[0] not in EDGES and normalized[-1] not in EDGES)


@given(st.text(), st.text(EDGES), st.text(EDGES))
def test_punctuation_and_space_around_an_answer_never_matter(text, before, after):
    assert normalize_answer(before + text + after) == normalize_answer(text)


@given(ASCII_WORDS)
def test_case_and_full_width_never_matter(word):
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in word)
    assert normalize_answer(word.upper()) == normalize_answer(word.lower())
    assert normalize_answer(full_width) == normalize_answer(word)


@given(st.text(max_size=400), st.text(EDGES, max_size=5))
def test_an_accepted_answer_matches_itself_with_edge_punctuation(text, extra):
    assume(not is_regex_answer(text))
    assert short_answer_matches(f"{extra}{text}{extra}", [text])


# Partial credit (GIFT weights, Moodle's meaning) and scores.


def weighted(kind, credits):
    choices = [
        Choice(key=k, html=k, correct=c > 0 if kind is QuestionKind.MULTIPLE else c == 1, credit=c)
        for k, c in zip("abcd", credits, strict=False)
    ]
    return Question(id="q", kind=kind, prompt_html="Pick", choices=choices)


@pytest.mark.parametrize(
    ("picked", "credit"),
    [({"a"}, 1.0), ({"b"}, 0.5), ({"c"}, 0.0), ({"d"}, 0.0), ({"a", "b"}, 0.0), (set(), 0.0)],
)
def test_weighted_single_choice_earns_the_picked_weight(picked, credit):
    question = weighted(QuestionKind.SINGLE, [1, 0.5, 0, -0.5])
    assert question_credit(question, picked) == credit


@pytest.mark.parametrize(
    ("picked", "credit"),
    [
        ({"a", "b"}, 1.0),
        ({"a"}, 0.5),
        ({"a", "c"}, 0.0),  # 50% - 100%: bounded to 0
        ({"a", "b", "c"}, 0.0),
        ({"a", "b", "d"}, 0.75),  # 100% - 25%
        (set(), 0.0),
    ],
)
def test_weighted_multiple_answers_add_up_and_stay_between_0_and_1(picked, credit):
    question = weighted(QuestionKind.MULTIPLE, [0.5, 0.5, -1, -0.25])
    assert question_credit(question, picked) == credit


def test_thirds_add_up_to_full_credit():
    question = weighted(QuestionKind.MULTIPLE, [0.3333333, 0.3333333, 0.3333333, -1])
    assert question_credit(question, {"a", "b", "c"}) == 1.0
    assert grade_question(question, {"a", "b", "c"})


def test_weighted_short_answers_take_the_first_match_in_order():
    question = Question(
        id="q",
        kind=QuestionKind.SHORT,
        prompt_html="From?",
        answers=["Nazareth", "Nazereth", "/naz.*/"],
        answer_credits=[1.0, 0.75, 0.25],
    )
    assert question_credit(question, "nazareth.") == 1.0
    assert question_credit(question, "Nazereth") == 0.75
    assert question_credit(question, "Nazarene") == 0.25
    assert question_credit(question, "Rome") == 0.0
    assert not grade_question(question, "Nazereth")  # right means full credit


def test_weights_survive_the_snapshot_and_plain_questions_store_as_before():
    question = weighted(QuestionKind.SINGLE, [1, 0.5, 0])
    snapshot = json.loads(json.dumps(question_to_dict(question)))
    assert question_from_dict(snapshot) == question
    assert question_credit(snapshot, {"b"}) == 0.5
    plain = question_to_dict(choice_question(QuestionKind.SINGLE, "b"))
    assert "credit" not in plain["choices"][0] and "answer_credits" not in plain


@pytest.mark.parametrize(
    ("points", "n_total", "score"),
    [
        (2.5, 3, 83),
        (0.125, 1, 13),  # 12.5: half up
        (0.025, 1, 3),  # 2.5: half up, not to even
        (1.9, 2, 95),
        (199, 200, 99),  # 99.5 is not 100: only all right shows 100
        (0.004, 1, 1),  # 0.4 is not 0: only nothing right shows 0
        (0.3333333 * 3, 3, 33),
    ],
)
def test_scores_round_the_way_a_trainer_reads_them(points, n_total, score):
    assert score_percent(points, n_total) == score


def test_question_percent_is_shown_like_a_score():
    assert [percent(c) for c in (0, 0.6, 0.995, 1)] == [0, 60, 99, 100]
