"""`quiz: FILE.gift` in a module: the GIFT questions join the module's quiz."""

from lms.content import limits
from tests.content.content_trees import messages, module

QUIZ = "```quiz\n? [block-q] From a block?\n- [x] yes\n- [ ] no\n```\n"
GIFT = "// checks\n::gift-q::From GIFT?{=yes ~no}\n\n::gift-short::Say yes{=yes}\n"


def gift_module(body: str = QUIZ) -> str:
    return module(body, meta="title: A\nquiz: checks.gift\n")


def test_gift_questions_come_after_the_quiz_blocks(demo):
    catalog = demo({"01-a.md": gift_module(), "checks.gift": GIFT})
    assert messages(catalog) == []
    (m,) = catalog.courses[0].modules
    assert [(q.id, q.kind.value, q.line) for q in m.questions] == [
        ("block-q", "single", 6),
        ("gift-q", "single", 2),
        ("gift-short", "short", 4),
    ]
    assert (m.quiz_file, m.quiz_source) == ("checks.gift", GIFT)


def test_a_module_with_only_a_gift_file_has_a_quiz(demo):
    catalog = demo({"01-a.md": gift_module("Text only.\n"), "checks.gift": GIFT})
    assert [q.id for q in catalog.courses[0].modules[0].questions] == ["gift-q", "gift-short"]


def test_a_missing_gift_file_is_an_error_at_the_quiz_line(demo):
    catalog = demo({"01-a.md": gift_module()})
    assert messages(catalog) == [
        'demo/01-a.md:3: "quiz" names checks.gift, which is not in the course folder: '
        "add it beside 01-a.md, or fix the name"
    ]
    assert [q.id for q in catalog.courses[0].modules[0].questions] == ["block-q"]


def test_gift_problems_name_the_gift_file_and_its_line(demo):
    gift = "::ok::Fine{T}\n\n::match::Pairs{=a -> b =c -> d}\n"
    catalog = demo({"01-a.md": gift_module(), "checks.gift": gift})
    assert messages(catalog) == [
        "demo/checks.gift:3: GIFT type not supported: matching; write each pair as a "
        "multiple-choice question, or delete it"
    ]
    assert catalog.errors  # refused, so nothing of the import is stored


def test_gift_ids_share_the_course_wide_uniqueness_rule(demo):
    gift = "::block-q::Same id as the block{T}\n\n::gift-q::Taken by module B{T}\n"
    other = module(QUIZ.replace("block-q", "gift-q"), meta="title: B\n")
    catalog = demo({"01-a.md": gift_module(), "checks.gift": gift, "02-b.md": other})
    assert messages(catalog) == [
        'demo/02-b.md:5: duplicate question id "gift-q" (also at demo/checks.gift:3): '
        "give each question its own [id]",
        'demo/checks.gift:1: duplicate question id "block-q" (also at demo/01-a.md:6): '
        "give each question its own ::title::",
    ]


def test_an_untitled_gift_question_warns_like_a_block_without_id(demo):
    catalog = demo({"01-a.md": gift_module(), "checks.gift": "Is this fine?{T}\n"})
    assert messages(catalog) == [
        'demo/checks.gift:1: warning: question has no ::title::; using "is-this-fine": '
        'write "::is-this-fine::" before it to keep answer history when the wording changes'
    ]
    assert not catalog.errors


def test_a_gift_file_that_is_not_utf8_names_its_line(demo):
    data = b"::a::A{T}\n\n::b::caf\xe9{T}\n"
    catalog = demo({"01-a.md": gift_module(), "checks.gift": data})
    assert messages(catalog)[0] == (
        "demo/checks.gift:3: file is not valid UTF-8 (byte 0xe9): save it as UTF-8"
    )


def test_gift_text_gets_the_course_asset_urls(demo):
    gift = "::pic::Which funnel? ![funnel](assets/funnel.png){T}\n"
    files = {"01-a.md": gift_module(), "checks.gift": gift, "assets/funnel.png": b"png"}
    q = demo(files).courses[0].modules[0].questions[1]
    assert 'src="/courses/demo/assets/funnel.png"' in q.prompt_html


def test_a_gift_file_no_module_names_is_a_stray(demo):
    catalog = demo({"01-a.md": module(), "checks.gift": GIFT})
    assert [p.severity.value for p in catalog.problems] == ["warning"]
    assert "not part of the course" in messages(catalog)[0]


def test_a_gift_question_out_of_render_time_is_reported_at_its_own_line(demo, monkeypatch):
    monkeypatch.setattr(limits, "RENDER_BUDGET_SECONDS", 0.3)
    slow = "\n".join(["[" * 9_000] * 30)
    gift = f"::fast::Quick{{T}}\n\n::slow::\n{slow}\n{{T}}\n\n::after::Also{{T}}\n"
    catalog = demo({"01-a.md": gift_module(), "checks.gift": gift})
    # One error, at the slow question; the questions after it spend no more time.
    assert [(p.path, p.line) for p in catalog.errors] == [("demo/checks.gift", 3)]
    assert "rendering took more than the 0.3 s" in catalog.errors[0].message
