"""GIFT files: every form of the syntax, every refused type and every malformed line."""

from pathlib import Path

import pytest

from lms.content.gift_parse import parse_gift
from lms.content.model import QuestionKind

GIFT_DIR = Path(__file__).parent / "gift"


def parse(source: str):
    problems = []
    questions = parse_gift(source, "demo/checks.gift", problems)
    return questions, [str(p) for p in problems]


def parse_file(name: str):
    return parse((GIFT_DIR / name).read_text(encoding="utf-8"))


def by_id(questions):
    return {q.id: q for q in questions}


def choices(question):
    return [(c.html, c.correct, c.feedback_html) for c in question.choices]


def test_every_kind_file_gives_each_question_its_id_kind_and_line():
    questions, problems = parse_file("every-kind.gift")
    assert [(q.id, q.kind.value, q.line) for q in questions] == [
        ("discovery-prep", "single", 4),
        ("enablement-parts", "multiple", 12),
        ("weighted-signals", "multiple", 19),
        ("funnel-focus", "short", 21),
        ("tf-true", "single", 23),
        ("tf-false", "single", 25),
        ("tf-words", "single", 27),
        ("tf-f", "single", 29),
        ("escapes", "single", 31),
        ("multi-line", "short", 36),
        ("missing-word", "single", 41),
        ("formats", "single", 43),
        ("unsafe", "single", 45),
        ("cafe", "single", 47),
        ("untitled-questions-get-an-id-from", "short", 49),
    ]
    assert problems == [
        'demo/checks.gift:49: warning: question has no ::title::; using "untitled-questions-get-an-id-from": '
        'write "::untitled-questions-get-an-id-from::" before it to keep answer history when the wording changes'
    ]


def test_multiple_choice_with_feedback_and_general_feedback():
    q = by_id(parse_file("every-kind.gift")[0])["discovery-prep"]
    assert q.prompt_html == "Before a first call with a technical buyer, what comes first?"
    assert choices(q) == [
        ("Send the full product deck", False, "A deck answers questions nobody asked."),
        (
            "Research their role, their company and their likely pain points",
            True,
            "Yes: do your homework.",
        ),
        ("Open with a discount", False, None),
    ]
    assert q.explanation_html == "Preparation starts <strong>before</strong> the conversation does."
    assert q.source.splitlines()[0].startswith("::Discovery prep::")
    assert q.source.splitlines()[-1] == "}"


@pytest.mark.parametrize(
    ("qid", "expected"),
    [
        ("enablement-parts", [True, True, True, False]),
        # A positive weight makes a choice right (it adds to the score); 0 and less do not.
        ("weighted-signals", [True, True, False, False]),
    ],
)
def test_positive_weights_are_the_right_choices(qid, expected):
    q = by_id(parse_file("every-kind.gift")[0])[qid]
    assert q.kind is QuestionKind.MULTIPLE
    assert [c.correct for c in q.choices] == expected


@pytest.mark.parametrize(
    ("qid", "right", "true_feedback", "false_feedback"),
    [
        ("tf-true", "True", None, None),
        ("tf-words", "True", None, None),
        ("tf-f", "False", None, None),
        # {FALSE#if wrong#if right}: Moodle shows the first to a rep who picked True.
        ("tf-false", "False", "Discovery is asking, not pitching.", "Right: it is asking."),
    ],
)
def test_true_false_is_a_two_choice_single_question(qid, right, true_feedback, false_feedback):
    q = by_id(parse_file("every-kind.gift")[0])[qid]
    assert q.kind is QuestionKind.SINGLE
    assert choices(q) == [
        ("True", right == "True", true_feedback),
        ("False", right == "False", false_feedback),
    ]


def test_true_false_choices_keep_the_keys_of_the_same_quiz_block_choices(demo):
    from tests.content.content_trees import quiz_module

    block = quiz_module("? [tf] Sales and marketing share one funnel.\n- [x] True\n- [ ] False\n")
    (from_block,) = demo({"01-a.md": block}).courses[0].modules[0].questions
    (from_gift,), _ = parse("::tf::Sales and marketing share one funnel.{T}")
    assert [c.key for c in from_gift.choices] == [c.key for c in from_block.choices]


def test_short_answers_keep_regexes_and_turn_moodle_wildcards_into_one():
    q = by_id(parse_file("every-kind.gift")[0])["funnel-focus"]
    assert q.kind is QuestionKind.SHORT
    assert q.answers == ["purchase", "/buy(ing)?|close/", "/.*deal.*/"]
    assert q.explanation_html == "Sales works the bottom of the funnel."


def test_escapes_give_the_literal_characters():
    q = by_id(parse_file("every-kind.gift")[0])["escapes"]
    assert q.prompt_html == "Which is {literal}: a ~tilde, an = sign and a #hash?"
    assert choices(q) == [("all of {them}", True, "~yes~"), ("none: really", False, None)]


@pytest.mark.parametrize(
    ("source", "prompt"),
    [
        ("::q::Line one\\nline two{=a}", "Line one\nline two"),
        ("::q::A back\\\\slash{=a}", "A back\\slash"),
        ("::q::Markdown \\*escapes\\* stay{=a}", "Markdown *escapes* stay"),
    ],
)
def test_newline_and_backslash_escapes(source, prompt):
    (q,), problems = parse(source)
    assert (q.prompt_html, problems) == (prompt, [])


def test_multi_line_question_drops_its_comment_lines():
    q = by_id(parse_file("every-kind.gift")[0])["multi-line"]
    assert (
        q.prompt_html == "A question may span\nseveral lines,\nand keeps <strong>Markdown</strong>."
    )
    assert "// a comment inside is dropped" in q.source


def test_missing_word_becomes_a_blank_in_the_prompt():
    q = by_id(parse_file("every-kind.gift")[0])["missing-word"]
    assert q.prompt_html == "Grant is _____ in Grant's tomb."
    assert [c.html for c in q.choices if c.correct] == ["entombed"]


def test_an_answer_block_at_the_end_makes_no_blank():
    (q,), _ = parse("::q::Who is buried in Grant's tomb? {=no one ~Grant}")
    assert q.prompt_html == "Who is buried in Grant's tomb?"


def test_format_markers_are_dropped_and_the_text_rendered_as_markdown():
    q = by_id(parse_file("every-kind.gift")[0])["formats"]
    assert q.prompt_html == "A <em>marked</em> prompt"
    assert [c.html for c in q.choices] == ["<b>bold</b>", "plain", "moodle"]


def test_html_in_gift_is_sanitized_like_any_text():
    q = by_id(parse_file("every-kind.gift")[0])["unsafe"]
    assert "script" not in q.prompt_html and "javascript" not in q.prompt_html
    assert "Click" in q.prompt_html


def test_titles_become_slugs_and_unicode_text_is_kept():
    q = by_id(parse_file("every-kind.gift")[0])["cafe"]
    assert q.prompt_html == "Qu'est-ce que 销售 veut dire ? ☕"


def test_a_title_with_no_ascii_gets_a_hash_id():
    (q,), problems = parse("::销售::销售是什么？{=sales}")
    assert q.id.startswith("q-") and len(q.id) == 10
    assert problems == []


def test_categories_comments_and_blank_lines_separate_nothing_else():
    source = "$CATEGORY: a\n\n// one\n::a::A?{=a}\n\n\n\n// two\n$CATEGORY: b\n::b::B?{=b}\n"
    questions, problems = parse(source)
    assert [(q.id, q.line) for q in questions] == [("a", 4), ("b", 10)]
    assert problems == []


def test_refused_file_names_every_problem_with_its_line():
    questions, problems = parse_file("refused.gift")
    assert [q.id for q in questions] == ["tf-ok"]
    assert problems == [
        "demo/checks.gift:2: GIFT type not supported: matching; write each pair as a multiple-choice question, or delete it",
        "demo/checks.gift:7: GIFT type not supported: numeric; write the number as a short answer like {=42}, or delete it",
        "demo/checks.gift:9: GIFT type not supported: essay; an empty answer block {} leaves nothing to grade: give it answers, or delete it",
        "demo/checks.gift:11: GIFT type not supported: description; text with no answer block {...}: give it answers, move the text into the module, or delete it",
        "demo/checks.gift:13: answer block is not closed: end it with }, or escape a literal brace as \\{",
        "demo/checks.gift:16: question has no right answer: mark the right choice with =, or give the right choices positive weights like ~%50%",
        "demo/checks.gift:18: this } closes no answer block: escape a literal brace as \\}",
        "demo/checks.gift:20: question has a second answer block: GIFT allows one {...} per question; separate questions with a blank line",
        "demo/checks.gift:22: weight must be a percentage between % signs, like ~%50% or ~%-25%",
        'demo/checks.gift:24: answer has no text: write it after "="',
        "demo/checks.gift:26: multiple-choice question needs at least two answers: add one with = (right) or ~ (wrong)",
        "demo/checks.gift:28: invalid regular expression /(unclosed/ (RE2 syntax): missing ): (unclosed; fix it, or drop the slashes to match the text exactly",
        'demo/checks.gift:30: answer "yes" must start with = (a right answer) or ~ (a wrong one)',
        "demo/checks.gift:32: question has no text: write it before the answer block {...}",
        'demo/checks.gift:34: question title is not closed: write "::title::" before the question (escape a literal colon as \\:)',
        "demo/checks.gift:36: warning: feedback on a short answer is not shown: RepReady ignores it; move it to the general feedback (####)",
        "demo/checks.gift:36: question has no right answer: add an accepted answer like {=purchase} (one answer must earn 100%)",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The line of the answer itself, not of the question, inside a multi-line block.
        (
            "::q::Pick\n{\n~a\n~%x%b\n}",
            "4: weight must be a percentage between % signs, like ~%50% or ~%-25%",
        ),
        ("::q::Pick\n{\n=a\n~\n}", '4: answer has no text: write it after "~"'),
        (
            "// c\n::q::Open\n{=a",
            "3: answer block is not closed: end it with }, or escape a literal brace as \\{",
        ),
        (
            "::q::Matching with one pair{=a -> b}",
            "1: GIFT type not supported: matching; write each pair as a multiple-choice question, or delete it",
        ),
        (
            "::q::Numeric range{#1..5}",
            "1: GIFT type not supported: numeric; write the number as a short answer like {=42}, or delete it",
        ),
        (
            "::q::Essay with general feedback{####Thanks}",
            "1: GIFT type not supported: essay; an empty answer block {} leaves nothing to grade: give it answers, or delete it",
        ),
        (
            "::q::Two questions\n{=a}\n::r::without a blank line{=b}",
            "3: question has a second answer block: GIFT allows one {...} per question; separate questions with a blank line",
        ),
    ],
)
def test_malformed_gift_errors_name_their_line(source, expected):
    questions, problems = parse(source)
    assert (questions, problems) == ([], [f"demo/checks.gift:{expected}"])


def test_feedback_on_a_short_answer_warns_and_is_dropped():
    (q,), problems = parse("::q::Stage?{=purchase#well done =buy}")
    assert q.answers == ["purchase", "buy"]
    assert problems == [
        "demo/checks.gift:1: warning: feedback on a short answer is not shown: RepReady ignores it; move it to the general feedback (####)"
    ]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("=*deal*", "/.*deal.*/"),
        ("=a\\*b", "a*b"),  # a literal star
        ("=a.b*", "/a\\.b.*/"),  # the rest of the text stays literal
        ("=%50%half =whole", "half"),  # partial credit: accepted
    ],
)
def test_short_answer_forms(answer, expected):
    (q,), _ = parse(f"::q::Type it{{{answer}}}")
    assert q.answers[0] == expected


def test_a_block_of_tilde_answers_is_multiple_answers_even_with_one_right():
    # Moodle: no "=" answer means check boxes, whatever the weights.
    (q,), problems = parse("::q::Pick{~%100%A ~%-100%B}")
    assert (q.kind, [c.correct for c in q.choices], [c.credit for c in q.choices], problems) == (
        QuestionKind.MULTIPLE,
        [True, False],
        [1.0, -1.0],
        [],
    )


def test_an_empty_file_or_only_comments_has_no_questions():
    assert parse("") == ([], [])
    assert parse("// nothing\n$CATEGORY: x\n") == ([], [])


def test_the_guides_gift_example_parses_cleanly():
    guide = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    example = guide.split("```text\n", 1)[1].split("```", 1)[0]
    questions, problems = parse(example)
    assert [q.kind.value for q in questions] == ["single", "multiple", "single", "short", "single"]
    assert problems == []


@pytest.mark.parametrize(("block", "right"), [("{t}", "True"), ("{false}", "False")])
def test_true_false_in_lower_case(block, right):
    (q,), problems = parse(f"::q::Sure?{block}")
    assert ([c.html for c in q.choices if c.correct], problems) == ([right], [])


# Moodle's meaning of weights; what it cannot mean is refused with its line.


def credits(question):
    return [c.credit for c in question.choices]


def test_a_block_with_an_equals_answer_is_single_choice_with_partial_credit():
    # RepReady once made this select-all, with every weighted answer right.
    (q,), problems = parse("::q::From?{~Jerusalem ~%25%Bethlehem ~%50%Galilee =Nazareth}")
    assert (q.kind, [c.correct for c in q.choices], problems) == (
        QuestionKind.SINGLE,
        [False, False, False, True],
        [],
    )
    assert credits(q) == [0.0, 0.25, 0.5, 1.0]


def test_two_equals_answers_are_two_full_credit_picks_of_one():
    (q,), _ = parse("::q::Nobody?{=no one =nobody ~Grant}")
    assert (q.kind, credits(q)) == (QuestionKind.SINGLE, [1.0, 1.0, 0.0])


def test_plain_single_choice_stores_no_weights():
    (q,), _ = parse("::q::Pick{=a ~b ~c}")
    assert credits(q) == [None, None, None]


def test_short_answer_weights_are_kept_in_order_with_zero_weights():
    (q,), problems = parse("::q::Stage?{=%0%sale =purchase =%25%*deal*}")
    assert (q.answers, q.answer_credits, problems) == (
        ["sale", "purchase", "/.*deal.*/"],
        [0.0, 1.0, 0.25],
        [],
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "::q::Signals?{~%50%price ~%25%onboarding ~%-50%silence}",
            "1: the positive weights add up to 75%, not 100%: with no = answer, each pick adds "
            "its weight, so make the right choices' weights add up to 100",
        ),
        (
            "::q::Signals?{~%60%price ~%60%onboarding}",
            "1: the positive weights add up to 120%, not 100%: with no = answer, each pick adds "
            "its weight, so make the right choices' weights add up to 100",
        ),
        ("::q::Pick\n{\n=a\n~%150%b\n}", "4: weight 150% is outside -100% to 100%"),
        (
            "::q::Stage?{=purchase =%-50%sale}",
            '1: answer "sale" has weight -50%: a short answer earns 0% to 100%',
        ),
        (
            "::q::Stage?{=%50%purchase =%25%sale}",
            "1: question has no right answer: add an accepted answer like {=purchase} "
            "(one answer must earn 100%)",
        ),
        (
            "::q::Type it\n{\n=/(a)\\\\1/\n}",
            "3: invalid regular expression /(a)\\1/ (RE2 syntax): invalid escape sequence: \\1; "
            "fix it, or drop the slashes to match the text exactly",
        ),
    ],
)
def test_what_moodle_refuses_or_cannot_mean_is_refused(source, expected):
    questions, problems = parse(source)
    assert (questions, problems) == ([], [f"demo/checks.gift:{expected}"])


def test_a_weight_after_equals_in_a_choice_block_is_text_as_in_moodle_with_a_warning():
    (q,), problems = parse("::q::Pick{=%50%Galilee ~Rome}")
    assert [c.html for c in q.choices] == ["%50%Galilee", "Rome"]
    assert problems == [
        'demo/checks.gift:1: warning: "=%50%Galilee": Moodle reads no weight after "=" in a '
        'choice block, so this is a full-credit answer whose text starts with "%"; write '
        '"~%n%..." for partial credit'
    ]


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85"])
def test_line_numbers_count_lf_crlf_and_cr_only(odd):
    # U+2028, U+2029 and NEL are text, not line breaks: later questions keep their lines.
    source = f"::one:: A{odd}prompt {{=a ~b}}\r\n\r::two:: B {{=a ~b}}\n\n::bad:: C {{=a\n"
    questions, problems = parse(source)
    assert [(q.id, q.line) for q in questions] == [("one", 1), ("two", 3)]
    assert odd in questions[0].prompt_html
    assert [p.split(":")[1] for p in problems] == ["5"]
