"""gift_export: a course's questions as GIFT that re-imports to the same questions."""

import shutil
from pathlib import Path

import pytest

from lms.content.gift_parse import parse_gift
from lms.content.gift_write import GiftExportError, gift_export
from lms.content.loader import default_asset_url, load_catalog
from tests.conftest import FIXTURE_COURSES, SHIPPED_COURSES
from tests.content.content_trees import COURSE_MD, messages, module, quiz_module

GIFT_DIR = Path(__file__).parent / "gift"


def seen_by_rep(question):
    """Everything a question shows and grades by; line and source are where it was written."""
    return (
        question.id,
        question.kind,
        question.prompt_html,
        [(c.key, c.html, c.correct, c.feedback_html) for c in question.choices],
        question.answers,
        question.explanation_html,
    )


def reimported(course):
    """The course's questions after a trip through GIFT, and the problems of reading it."""
    problems = []
    questions = parse_gift(gift_export(course), "x.gift", problems, default_asset_url(course.slug))
    return [seen_by_rep(q) for q in questions], [str(p) for p in problems]


def questions_of(course):
    return [seen_by_rep(q) for m in course.modules for q in m.questions]


COURSES = [
    pytest.param(c, id=f"{root.name}/{c.slug}")
    for root in (SHIPPED_COURSES, FIXTURE_COURSES)
    for c in load_catalog(root).courses
]


@pytest.mark.parametrize("course", COURSES)
def test_shipped_and_fixture_courses_round_trip(course):
    assert questions_of(course)
    assert reimported(course) == (questions_of(course), [])


def test_a_gift_file_round_trips_through_a_module(tmp_path):
    root = tmp_path / "courses"
    (root / "demo").mkdir(parents=True)
    (root / "demo" / "course.md").write_text(COURSE_MD)
    (root / "demo" / "01-a.md").write_text(module(meta="title: A\nquiz: every-kind.gift\n"))
    shutil.copy(GIFT_DIR / "every-kind.gift", root / "demo")
    course = load_catalog(root).courses[0]
    assert len(course.modules[0].questions) == 15
    # Written back with ::id:: titles, the untitled question no longer warns.
    assert reimported(course) == (questions_of(course), [])


def graded_by(question):
    """seen_by_rep plus the GIFT weights that give partial credit."""
    return (
        seen_by_rep(question),
        [c.credit for c in question.choices],
        question.answer_credits,
    )


@pytest.mark.parametrize("name", ["every-kind.gift", "moodle-docs.gift"])
def test_gift_weights_are_written_back_and_round_trip(tmp_path, name):
    root = tmp_path / "courses"
    (root / "demo").mkdir(parents=True)
    (root / "demo" / "course.md").write_text(COURSE_MD)
    (root / "demo" / "01-a.md").write_text(module(meta=f"title: A\nquiz: {name}\n"))
    shutil.copy(GIFT_DIR / name, root / "demo")
    course = load_catalog(root).courses[0]
    problems = []
    exported = gift_export(course)
    again = parse_gift(exported, "x.gift", problems, default_asset_url(course.slug))
    assert problems == []
    assert [graded_by(q) for q in again] == [graded_by(q) for q in course.modules[0].questions]


def test_export_writes_moodle_weights(demo):
    gift = (
        "::single::From?{~Lyon ~%50%Galilee =Nazareth}\n\n"
        "::many::Who?{~%50%A ~%50%B ~%-100%C}\n\n"
        "::short::Stage?{=purchase =%60%close}\n"
    )
    files = {"01-a.md": module(meta="title: A\nquiz: c.gift\n"), "c.gift": gift}
    exported = gift_export(demo(files).courses[0])
    assert "\t~Lyon\n\t~%50%Galilee\n\t=Nazareth\n" in exported
    assert "\t~%50%A\n\t~%50%B\n\t~%-100%C\n" in exported
    assert "\t=purchase\n\t=%60%close\n" in exported


TRICKY = """\
? [tricky] Specials ~ = # { } : and a \\ backslash, `code {x}`, 100% sure?
  A second line // that looks like a comment
- [x] %50% of the time
  > [html] starts like a format marker
- [ ] [markdown] also a marker
- [ ] ####
! An explanation
  on two lines: a -> b

? [all-right] Every choice is right.
- [x] a = b
- [x] a = b

? [stars] Type the product
= 2*3
= a\\*b
= /v(elox)?a \\{1,2\\}|x*/
= 50%

? [empty-explanation] Nothing to explain.
= x
!
"""


def test_texts_with_gift_specials_round_trip(demo):
    catalog = demo({"01-a.md": quiz_module(TRICKY)})
    assert messages(catalog) == []
    course = catalog.courses[0]
    assert reimported(course) == (questions_of(course), [])


def test_missing_word_keeps_its_blank_in_place(demo):
    gift = "::mw::Grant is {~buried =entombed} in Grant's tomb.\n"
    files = {"01-a.md": module(meta="title: A\nquiz: c.gift\n"), "c.gift": gift}
    course = demo(files).courses[0]
    assert "::mw::[markdown]Grant is {\n" in gift_export(course)
    assert "\n} in Grant's tomb." in gift_export(course)
    assert reimported(course) == (questions_of(course), [])


def test_export_reads_like_moodle_gift(demo):
    block = (
        "? [pick] Pick: one\n- [x] Right\n  > Yes\n- [ ] Wrong\n! Because\n\n"
        "? [many] Pick all\n- [x] A\n- [x] B\n- [ ] C\n\n? [type] Type it\n= word\n"
    )
    course = demo({"01-a.md": quiz_module(block)}).courses[0]
    assert gift_export(course) == (
        "// RepReady course demo: its questions as Moodle GIFT.\n"
        "// Title = question id; text in Markdown; one $CATEGORY per module.\n"
        "\n"
        "$CATEGORY: $course$/demo/a\n"
        "\n"
        "::pick::[markdown]Pick\\: one {\n"
        "\t=Right#Yes\n"
        "\t~Wrong\n"
        "\t####Because\n"
        "}\n"
        "\n"
        "::many::[markdown]Pick all {\n"
        "\t~%50%A\n"
        "\t~%50%B\n"
        "\t~%-100%C\n"
        "}\n"
        "\n"
        "::type::[markdown]Type it {\n"
        "\t=word\n"
        "}\n"
    )


def test_retired_modules_and_modules_without_questions_are_left_out(demo):
    catalog = demo({"01-a.md": module(), "02-b.md": quiz_module("? [q] Q?\n= a\n")})
    course = catalog.courses[0]
    course.modules[1].retired_at = "yesterday"  # a stored module that was removed
    assert "$CATEGORY: " not in gift_export(course)


def test_a_source_that_no_longer_parses_is_refused_not_half_exported(demo):
    course = demo({"01-a.md": quiz_module("? [q] Q?\n= a\n")}).courses[0]
    course.modules[0].source = quiz_module("? [q] Q?\n- [ ] no right answer\n- [ ] b\n")
    with pytest.raises(GiftExportError, match="choice list has no right answer"):
        gift_export(course)


def test_a_prompt_holding_u2028_is_written_back_whole(tmp_path):
    # U+2028 is not a line break in the format: the prompt after it must not be lost.
    quiz = "? [q1] Before\u2028after the separator\n- [x] Right\n- [ ] Wrong\n"
    root = tmp_path / "courses"
    (root / "demo").mkdir(parents=True)
    (root / "demo" / "course.md").write_text(COURSE_MD)
    (root / "demo" / "01-a.md").write_text(quiz_module(quiz))
    course = load_catalog(root).courses[0]
    assert "after the separator" in course.modules[0].questions[0].prompt_html
    assert reimported(course) == (questions_of(course), [])
