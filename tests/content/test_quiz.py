"""```quiz blocks: fences, question forms, kinds, ids, keys, and every malformed line."""

import hashlib

import pytest

from lms.content.model import QuestionKind
from tests.content.content_trees import messages, module, quiz_module

EXAMPLE = """\
? [discovery-prep] Before a first call with a technical buyer, what comes first?
- [ ] Send the full product deck
- [x] Research their role, their company and their likely pain points
  > Yes: do your homework on who you are talking to.
- [ ] Open with a discount
  > A discount answers no pain point.
! Preparation starts before the conversation does.

? [enablement-parts] What does sales enablement equip reps with? Select all that apply.
- [x] Knowledge
- [x] Skills
- [x] Processes and tools
- [ ] A bigger discount budget

? [funnel-focus] Which stage of the funnel does sales focus on most? (one word)
= purchase
= /buy(ing)?|close/
! Sales works the bottom of the funnel; marketing works the whole of it.
"""
FORMS = '"? " question, "- [ ] " or "- [x] " choice, "  > " feedback, "= " answer, "! " explanation'


def questions_of(demo, body: str):
    catalog = demo({"01-a.md": module(body)})
    return catalog.courses[0].modules[0].questions, messages(catalog)


def test_the_format_example_parses(demo):
    questions, problems = questions_of(demo, f"```quiz\n{EXAMPLE}```\n")
    assert problems == []
    prep, parts, focus = questions
    assert [(q.id, q.kind, q.line) for q in questions] == [
        ("discovery-prep", QuestionKind.SINGLE, 5),
        ("enablement-parts", QuestionKind.MULTIPLE, 13),
        ("funnel-focus", QuestionKind.SHORT, 19),
    ]
    assert prep.prompt_html == "Before a first call with a technical buyer, what comes first?"
    assert [(c.correct, c.feedback_html) for c in prep.choices] == [
        (False, None),
        (True, "Yes: do your homework on who you are talking to."),
        (False, "A discount answers no pain point."),
    ]
    assert prep.explanation_html == "Preparation starts before the conversation does."
    assert prep.source == "\n".join(EXAMPLE.splitlines()[:7])
    assert [c.correct for c in parts.choices] == [True, True, True, False]
    assert focus.answers == ["purchase", "/buy(ing)?|close/"]
    assert focus.choices == []


def test_quiz_blocks_are_removed_from_the_body(demo):
    body = "Before.\n\n```quiz\n? [q] Secret?\n- [x] a\n- [ ] b\n```\n\nAfter.\n"
    catalog = demo({"01-a.md": module(body)})
    assert catalog.courses[0].modules[0].body_html == "<p>Before.</p>\n<p>After.</p>"


def test_several_blocks_form_one_quiz_in_order_with_tilde_fences(demo):
    body = "```quiz\n? [one] 1?\n= 1\n```\n\nText.\n\n~~~~ quiz\n? [two] 2?\n= 2\n~~~~~\n"
    questions, problems = questions_of(demo, body)
    assert problems == []
    assert [(q.id, q.line) for q in questions] == [("one", 5), ("two", 12)]


def test_quiz_inside_an_outer_fence_is_example_code(demo):
    body = "````markdown\n```quiz\n? [q] x?\n= y\n```\n````\n"
    questions, problems = questions_of(demo, body)
    assert (questions, problems) == ([], [])
    html = demo({"01-a.md": module(body)}).courses[0].modules[0].body_html
    assert '<pre><code class="language-markdown">```quiz' in html


def test_prompt_and_explanation_continue_on_indented_lines(demo):
    quiz = (
        "? [q] First line\n  **second** line\n- [x] a\n  > good\n  > very good\n- [ ] b\n"
        "! Because\n  of reasons.\n"
    )
    (q,), problems = questions_of(demo, f"```quiz\n{quiz}```\n")
    assert problems == []
    assert q.prompt_html == "First line\n<strong>second</strong> line"
    assert q.choices[0].feedback_html == "good\nvery good"
    assert q.explanation_html == "Because\nof reasons."


def test_choice_keys_hash_the_text_and_stay_unique(demo):
    (q,), _ = questions_of(demo, "```quiz\n? [q] x?\n- [x] Yes\n- [ ] No\n- [ ] No\n```\n")
    yes = hashlib.sha1(b"Yes").hexdigest()[:8]
    no = hashlib.sha1(b"No").hexdigest()[:8]
    assert [c.key for c in q.choices] == [yes, no, f"{no}-2"]


def test_uppercase_x_marks_a_right_choice(demo):
    (q,), _ = questions_of(demo, "```quiz\n? [q] True or false?\n- [X] True\n- [ ] False\n```\n")
    assert (q.kind, [c.correct for c in q.choices]) == (QuestionKind.SINGLE, [True, False])


@pytest.mark.parametrize(
    ("prompt", "derived"),
    [
        (
            "What does *sales enablement* equip reps with, mostly?",
            "what-does-sales-enablement-equip-reps",
        ),
        ("Qu'est-ce qu'un entonnoir ?", "qu-est-ce-qu-un-entonnoir"),
        ("销售漏斗是什么？", "q-" + hashlib.sha1("销售漏斗是什么？".encode()).hexdigest()[:8]),
    ],
)
def test_id_is_derived_from_the_prompt_with_a_warning(demo, prompt, derived):
    (q,), problems = questions_of(demo, f"```quiz\n? {prompt}\n= x\n```\n")
    assert q.id == derived
    assert problems == [
        f'demo/01-a.md:5: warning: question has no [id]; using "{derived}": '
        f'write "? [{derived}] ..." to keep answer history when the wording changes'
    ]


def test_a_prompt_starting_with_a_link_is_not_an_id(demo):
    (q,), problems = questions_of(demo, "```quiz\n? [q] [Gartner](https://g.com) says?\n= x\n```\n")
    assert q.id == "q"
    assert q.prompt_html.startswith('<a href="https://g.com" rel="noopener noreferrer">Gartner</a>')


@pytest.mark.parametrize(
    ("quiz", "expected"),
    [
        (
            "? [Bad Id] x?\n= y\n",
            '5: question id "Bad Id" must be lowercase letters, digits and single hyphens, '
            "like [bad-id]",
        ),
        ("? [q]\n= y\n", '5: question has no prompt: write it after "? "'),
        (
            "? [q] x?\n- [x] a\n= b\n",
            '5: question has both choices and "= " answers: use one or the other',
        ),
        (
            "? [q] x?\n- [ ] a\n- [ ] b\n",
            "5: choice list has no right answer: mark the right choice(s) with [x]",
        ),
        (
            "? [q] x?\n! Because.\n",
            '5: question has no choices or answers: add "- [x] " choices or "= " answers',
        ),
        (
            "? [q] x?\n- [x] a\n",
            "5: question has only one choice: add at least one more (true/false is two choices)",
        ),
        (
            "- [x] a\n",
            '5: line is not part of a question: start the question with "? " above it, '
            "with no blank line in between",
        ),
        (
            "! Explanation first.\n",
            '5: line is not part of a question: start the question with "? " above it, '
            "with no blank line in between",
        ),
        (
            "= answer first\n",
            '5: line is not part of a question: start the question with "? " above it, '
            "with no blank line in between",
        ),
        (
            "? [q] x?\n* [x] a\n- [ ] b\n",
            f'6: line fits none of the quiz forms ({FORMS}): "* [x] a"',
        ),
        (
            "Just some prose in the quiz.\n",
            f'5: line fits none of the quiz forms ({FORMS}): "Just some prose in the quiz."',
        ),
        (
            "? [q] x?\n- [x] a\n- [ ] b\n  indented text\n",
            f'8: line fits none of the quiz forms ({FORMS}): "  indented text"',
        ),
        ("? [q] x?\n= y\n  > feedback\n", '7: feedback ("  > ") must come right under a choice'),
        ("? [q] x?\n- [x]\n- [ ] b\n", "6: choice has no text: write it after the brackets"),
        ("? [q] x?\n=\n= y\n", '6: answer has no text: write it after "= "'),
        (
            "? [q] x?\n= /buy(ing/\n",
            "6: invalid regular expression /buy(ing/ (RE2 syntax): missing ): buy(ing; "
            "fix it, or drop the slashes to match the text exactly",
        ),
        (
            "? [q] x?\n= y\n! One.\n! Two.\n",
            '8: question has a second explanation ("! "): join them; continue an explanation '
            "on lines indented two spaces",
        ),
    ],
)
def test_quiz_problems(demo, quiz, expected):
    problems = messages(demo({"01-a.md": quiz_module(quiz)}))
    assert f"demo/01-a.md:{expected}" in problems
    assert all(p.startswith("demo/01-a.md:") for p in problems)


def test_blank_line_inside_a_question_orphans_the_rest(demo):
    problems = messages(demo({"01-a.md": quiz_module("? [q] x?\n\n- [x] a\n- [ ] b\n")}))
    assert problems == [
        'demo/01-a.md:5: question has no choices or answers: add "- [x] " choices or "= " answers',
        'demo/01-a.md:7: line is not part of a question: start the question with "? " above it, '
        "with no blank line in between",
        'demo/01-a.md:8: line is not part of a question: start the question with "? " above it, '
        "with no blank line in between",
    ]


def test_unclosed_quiz_fence_is_an_error(demo):
    catalog = demo({"01-a.md": module("Text.\n\n```quiz\n? [q] x?\n= y\n")})
    assert messages(catalog) == [
        'demo/01-a.md:6: quiz block is not closed: add a line "```" after its last question'
    ]


def test_duplicate_question_id_across_modules_names_the_other(demo):
    catalog = demo(
        {
            "01-a.md": quiz_module("? [q] x?\n= y\n"),
            "02-b.md": quiz_module("= z\n\n? [q] y?\n= z\n"),
        }
    )
    assert (
        'demo/02-b.md:7: duplicate question id "q" (also at demo/01-a.md:5): '
        "give each question its own [id]" in messages(catalog)
    )


def test_same_id_in_two_courses_is_fine(tree):
    course = "---\ntitle: C\ntrack: buyer\n---\n"
    files = {
        f"{c}/{n}": t
        for c in ("a", "b")
        for n, t in (("course.md", course), ("01-m.md", quiz_module("? [q] x?\n= y\n")))
    }
    assert messages(tree(files)) == []
