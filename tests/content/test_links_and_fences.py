"""Links that leave the course or name no asset, in bodies and questions; near-miss quiz fences."""

from __future__ import annotations

import pytest

from tests.content.content_trees import module, quiz_module


def errors(catalog) -> list[str]:
    return [str(p) for p in catalog.errors]


LEAVES = "leaves assets/: link only to files inside assets/, or use a full https:// address"


@pytest.mark.parametrize(
    "link",
    ["![x](../../x.png)", "[x](../other/course.md)", '<img src="../secret">', "[r]: ../x.png"],
)
def test_a_link_out_of_the_course_is_an_error(demo, link):
    catalog = demo({"01-a.md": module(f"Text.\n\n{link}\n")})
    assert len(errors(catalog)) == 1
    assert errors(catalog)[0].startswith("demo/01-a.md:6: link ")
    assert LEAVES in errors(catalog)[0]


@pytest.mark.parametrize(
    "link",
    ["[w](https://example.com/a/../b)", "[s](/courses/demo)", "[t](#top)", "[m](mailto:a@b.c)"],
)
def test_absolute_links_and_anchors_are_not_course_files(demo, link):
    assert errors(demo({"01-a.md": module(f"{link}\n")})) == []


QUIZ = (
    "? [q1] Look ![chart](assets/missing.png)\n"
    "- [x] [yes](../../etc/passwd)\n"
    "  > see ![f](assets/gone.png)\n"
    "- [ ] no\n"
    "! ![e](assets/ok.png) is fine\n"
)


def test_links_in_quiz_block_questions_are_checked(demo):
    catalog = demo({"01-a.md": quiz_module(QUIZ), "assets/ok.png": b"png"})
    assert [(p.line, p.message.split(" names")[0].split(" leaves")[0]) for p in catalog.errors] == [
        (5, 'link to "assets/missing.png"'),
        (6, 'link "../../etc/passwd"'),
        (7, 'link to "assets/gone.png"'),
    ]


def test_links_in_gift_questions_are_checked_at_their_gift_line(demo):
    gift = (
        "::ok::Fine ![a](assets/ok.png) {T}\n\n"
        "::bad::Look ![chart](assets/missing.png)\n{=yes#see [x](../../x) ~no}\n"
    )
    catalog = demo(
        {
            "01-a.md": module(meta="title: A\nquiz: checks.gift\n"),
            "checks.gift": gift,
            "assets/ok.png": b"png",
        }
    )
    assert [(p.path, p.line) for p in catalog.errors] == [
        ("demo/checks.gift", 3),
        ("demo/checks.gift", 4),
    ]


@pytest.mark.parametrize("info", ["Quiz", "QUIZ", " quiz ", "quiZ"])
def test_the_quiz_info_string_is_matched_in_any_case(demo, info):
    source = module(f"```{info}\n? [q] Right?\n- [x] yes\n- [ ] no\n```\n")
    catalog = demo({"01-a.md": source})
    assert errors(catalog) == []
    (m,) = catalog.courses[0].modules
    assert [q.id for q in m.questions] == ["q"]
    assert "[x]" not in m.body_html


@pytest.mark.parametrize(
    "body",
    [
        "- a list item\n\n  ```quiz\n  ? [q] Right?\n  - [x] yes\n  ```\n",
        "1. item\n   ~~~Quiz\n   ? [q] Right?\n   ~~~\n",
        "> ```quiz\n> ? [q] Right?\n> ```\n",
        "Text.\n\n   ```quiz\n? [q] Right?\n- [x] yes\n- [ ] no\n```\n",
        "- ```quiz\n",
    ],
)
def test_an_indented_quiz_fence_is_an_error_at_its_line(demo, body):
    catalog = demo({"01-a.md": module(body)})
    line = 4 + next(i for i, text in enumerate(body.split("\n")) if "uiz" in text.lower())
    fence_errors = [p for p in catalog.errors if "quiz fence is indented" in p.message]
    assert [(p.path, p.line) for p in fence_errors] == [("demo/01-a.md", line)]


def test_a_quiz_fence_shown_as_an_example_inside_a_code_block_is_fine(demo):
    body = "````markdown\n  ```quiz\n  ? [q] Right?\n  ```\n````\n"
    assert errors(demo({"01-a.md": module(body)})) == []
