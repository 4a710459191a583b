"""Course folder layout: slugs, module file names, stray files, assets, UTF-8, asset links."""

import pytest

from tests.content.content_trees import COURSE_MD, messages, module, quiz_module

STRAY = (
    "warning: not part of the course: only course.md, NN-slug.md modules and files "
    "under assets/ are imported; move or delete it"
)


def test_valid_course_has_no_problems(demo):
    catalog = demo({"01-a.md": module()})
    assert messages(catalog) == []
    assert [c.slug for c in catalog.courses] == ["demo"]
    assert catalog.paths == []  # no paths.yml is not an error


def test_hidden_and_underscore_folders_are_not_courses(tree):
    catalog = tree({".git/x": "x", "_drafts/course.md": "junk", "demo/course.md": COURSE_MD})
    assert [c.slug for c in catalog.courses] == ["demo"]
    assert messages(catalog) == []


def test_modules_are_ordered_by_number_then_file_name(demo):
    catalog = demo({"10-c.md": module(), "2-b.md": module(), "01-a.md": module()})
    modules = catalog.courses[0].modules
    assert [(m.number, m.slug, m.filename) for m in modules] == [
        (1, "a", "01-a.md"),
        (2, "b", "2-b.md"),
        (10, "c", "10-c.md"),
    ]


def test_assets_are_loaded_and_hidden_files_skipped(demo):
    catalog = demo({"assets/img/a.png": b"\x89PNG", "assets/.DS_Store": b"x", ".gitkeep": ""})
    assert catalog.courses[0].assets == {"assets/img/a.png": b"\x89PNG"}
    assert messages(catalog) == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"Sales_Stuff/course.md": COURSE_MD},
            "Sales_Stuff:1: course folder name must be lowercase letters, digits and single "
            "hyphens: rename it sales-stuff",
        ),
        (
            {"demo/01-a.md": module()},
            "demo/course.md:1: course.md is missing: add it, with title and track in front matter",
        ),
        (
            {"demo/course.md": COURSE_MD, "demo/intro.md": module()},
            "demo/intro.md:1: module file name must look like NN-slug.md: rename it 01-intro.md",
        ),
        (
            {"demo/course.md": COURSE_MD, "demo/01-Intro_Part.md": module()},
            'demo/01-Intro_Part.md:1: module slug "Intro_Part" must be lowercase letters, '
            "digits and single hyphens: rename the file 01-intro-part.md",
        ),
        (
            {
                "demo/course.md": COURSE_MD,
                "demo/01-intro.md": module(),
                "demo/3-intro.md": module(),
            },
            'demo/3-intro.md:1: module slug "intro" is also used by 01-intro.md: '
            "rename one of them",
        ),
        ({"demo/course.md": COURSE_MD, "demo/notes.txt": "x"}, f"demo/notes.txt:1: {STRAY}"),
        (
            {"demo/course.md": COURSE_MD, "demo/drafts/01-x.md": "x"},
            f"demo/drafts/01-x.md:1: {STRAY}",
        ),
        (
            {"demo/course.md": COURSE_MD, "demo/01-a.md": b"---\ntitle: A\n---\nok\n\xff\n"},
            "demo/01-a.md:5: file is not valid UTF-8 (byte 0xff): save it as UTF-8",
        ),
        (
            {"demo/course.md": "---\ntitle: D\xe9mo\ntrack: buyer\n---\n".encode("latin-1")},
            "demo/course.md:2: file is not valid UTF-8 (byte 0xe9): save it as UTF-8",
        ),
    ],
)
def test_layout_problems(tree, files, expected):
    assert messages(tree(files)) == [expected]


def test_gift_file_named_by_a_module_draws_no_stray_warning(demo):
    gift = "::ready:: Ready? {T}\n"
    catalog = demo({"01-a.md": module(meta="title: A\nquiz: checks.gift\n"), "checks.gift": gift})
    assert catalog.problems == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Intro.\n\n![funnel](assets/funnel.png)\n",
            'demo/01-a.md:6: link to "assets/funnel.png" names no file: '
            "add demo/assets/funnel.png or fix the link",
        ),
        (
            'See [the deck](./assets/deck%20v2.pdf#page=2 "Deck").\n',
            'demo/01-a.md:4: link to "assets/deck%20v2.pdf#page=2" names no file: '
            "add demo/assets/deck v2.pdf or fix the link",
        ),
        (
            '<img src="assets/x.png" alt="x">\n',
            'demo/01-a.md:4: link to "assets/x.png" names no file: '
            "add demo/assets/x.png or fix the link",
        ),
        (
            "[deck]: assets/deck.pdf\n",
            'demo/01-a.md:4: link to "assets/deck.pdf" names no file: '
            "add demo/assets/deck.pdf or fix the link",
        ),
        (
            "[up](assets/../course.md)\n",
            'demo/01-a.md:4: link "assets/../course.md" leaves assets/: '
            "link only to files inside assets/, or use a full https:// address",
        ),
    ],
)
def test_links_to_missing_assets_are_errors_at_their_line(demo, body, expected):
    assert messages(demo({"01-a.md": module(body)})) == [expected]


def test_links_to_existing_assets_pass_and_code_is_not_checked(demo):
    body = "![f](assets/funnel.png)\n\n```markdown\n![x](assets/missing.png)\n```\n"
    assert messages(demo({"01-a.md": module(body), "assets/funnel.png": b"png"})) == []


def test_links_in_quiz_prompts_and_course_overview_are_checked(demo):
    course_md = COURSE_MD + "\n![map](assets/map.png)\n"
    catalog = demo(
        {"01-a.md": quiz_module("? [q] Look: ![x](assets/q.png)\n- [x] a\n- [ ] b\n")}, course_md
    )
    assert messages(catalog) == [
        'demo/01-a.md:5: link to "assets/q.png" names no file: '
        "add demo/assets/q.png or fix the link",
        'demo/course.md:7: link to "assets/map.png" names no file: '
        "add demo/assets/map.png or fix the link",
    ]
