"""The "Limits and safety" rules: every breach is a file:line error, never a crash or a hang."""

from __future__ import annotations

import time

import pytest

from lms.content import limits
from lms.content.lines import split_lines
from lms.content.loader import load_catalog
from lms.content.render import RenderError, render_markdown
from tests.content.content_trees import COURSE_MD, module, quiz_module, write_tree

PATH = "- slug: p\n  title: P\n  courses:\n    - course: demo\n      due_day: 1\n"


def errors(catalog) -> list[str]:
    return [str(p) for p in catalog.errors]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0c", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_errors_at_their_line_wherever_they_are(tree, char):
    catalog = tree(
        {
            "demo/course.md": f"---\ntitle: De{char}mo\ntrack: process\n---\n",
            "demo/01-a.md": module(f"Fine.\n\nBad{char} line.\n"),
            "demo/02-b.md": module(meta="title: B\nquiz: checks.gift\n"),
            "demo/checks.gift": f"::q::Yes?{{T}}\n\n::r::No{char}?{{F}}\n",
            "paths.yml": f"- slug: p\n  title: P{char}\n",
        }
    )
    message = "control character (such as NUL, BEL or form feed) in the text"
    found = [(p.path, p.line) for p in catalog.errors if message in p.message]
    assert found == [
        ("demo/01-a.md", 6),
        ("demo/checks.gift", 3),
        ("demo/course.md", 2),
        ("paths.yml", 2),
    ]


def test_a_file_of_nuls_gives_a_few_errors_and_a_count(demo):
    catalog = demo({"01-a.md": module("\x00\n" * 5000)})
    assert len(catalog.errors) == 11
    assert errors(catalog)[-1].startswith("demo/01-a.md:14: 4,990 more line(s): control")


def test_only_lf_crlf_and_cr_break_lines():
    text = "a\r\nb\rc\nd\u2028e\u2029f\x85g\x0ch\n"
    assert split_lines(text) == ["a", "b", "c", "d\u2028e\u2029f\x85g\x0ch"]
    assert split_lines(text, keepends=True)[:3] == ["a\r\n", "b\r", "c\n"]


def test_u2028_and_u2029_are_ordinary_characters_in_every_file(tree):
    catalog = tree(
        {
            "demo/course.md": "---\ntitle: A\u2028B\ntrack: process\nsummary: 1\u2029\n---\n",
            "demo/01-a.md": module("One\u2028two\u2029three.\n\n[x](assets/missing.png)\n"),
            "paths.yml": "- slug: p\n  title: P\u2028Q\n  courses: []\n",
        }
    )
    assert errors(catalog) == [
        'demo/01-a.md:6: link to "assets/missing.png" names no file: '
        "add demo/assets/missing.png or fix the link",
        'paths.yml:3: path has no courses: add "- course: ..." entries',
    ]
    assert catalog.courses[0].title == "A\u2028B"
    assert catalog.paths[0].title == "P\u2028Q"


@pytest.mark.parametrize(
    ("meta", "line", "what"),
    [
        ("title: &a A\n", 2, "anchors (&name)"),
        ("title: A\nsummary: &s x\nestimated_minutes: *s\n", 3, "anchors (&name)"),
        ("title: A\nestimated_minutes: *s\n", 3, "aliases (*name)"),
        ("title: A\n<<: {track: process}\n", 3, "merge keys (<<)"),
        ("title: !!python/object/apply:os.system [ls]\n", 2, "tags (!name, !!type)"),
        ("title: !!str A\n", 2, "tags (!name, !!type)"),
    ],
)
def test_yaml_anchors_aliases_merge_keys_and_tags_are_refused(demo, meta, line, what):
    catalog = demo({"01-a.md": module(meta=meta)})
    assert errors(catalog) == [
        f"demo/01-a.md:{line}: YAML {what} are not allowed: the format takes plain YAML only; "
        "write the value out"
    ]


BILLION_LAUGHS = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "title: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "---\n"
)


def test_an_alias_bomb_is_refused_quickly_with_a_short_message(demo):
    started = time.thread_time()
    catalog = demo({"01-a.md": BILLION_LAUGHS})
    assert time.thread_time() - started < 2
    assert errors(catalog) == [
        "demo/01-a.md:2: YAML anchors (&name) are not allowed: the format takes plain YAML "
        "only; write the value out"
    ]


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ("title: \ufffe\n", "character not allowed in YAML (#xfffe): delete it"),
        ("title: A\nmax_attempts: " + "9" * 5000 + "\n", "YAML value not allowed"),
        ("title: A\nestimated_minutes: 2024-13-45\n", "YAML value not allowed"),
        ("title: " + "[" * 20 + "]" * 20 + "\n", "nest more than 16 deep"),
    ],
)
def test_yaml_that_pyyaml_or_python_chokes_on_is_an_error(demo, meta, message):
    (problem,) = demo({"01-a.md": module(meta=meta)}).errors
    assert message in problem.message
    assert len(str(problem)) < 200


def test_yaml_syntax_errors_in_paths_yml_name_the_line(tree):
    catalog = tree({"demo/course.md": COURSE_MD, "paths.yml": PATH + "- slug: [\n"})
    # The bracket left open on the last line, not the line after it (there is none).
    assert [(p.path, p.line) for p in catalog.errors] == [("paths.yml", 6)]


@pytest.mark.parametrize("end", ["%YAML 1.1\n", "%YAML 1.1", "---\n--- !\n"])
def test_a_yaml_error_at_the_end_of_the_stream_names_a_line_of_the_file(tree, end):
    # Found by the fuzz test: a directive after the documents is reported at the stream's
    # end, one line past the last, which no editor can jump to.
    source = PATH + end
    catalog = tree({"demo/course.md": COURSE_MD, "paths.yml": source})
    (problem,) = catalog.errors
    assert problem.path == "paths.yml"
    assert 1 <= problem.line <= len(source.splitlines())


def test_overlong_lines_and_files_are_errors(demo):
    big = module("y\n" * (limits.MAX_TEXT_FILE_BYTES // 2))
    catalog = demo(
        {
            "01-a.md": module("ok\n" + "x" * (limits.MAX_LINE_CHARS + 1) + "\n"),
            "02-b.md": big,
            "03-c.md": module("z" * limits.MAX_LINE_CHARS + "\n"),
        }
    )
    assert errors(catalog) == [
        "demo/01-a.md:5: line is longer than 10,000 characters: break it into shorter lines",
        f"demo/02-b.md:1: file is {len(big.encode()):,} bytes; at most 1,048,576 are allowed: "
        "make it smaller",
    ]


def test_an_asset_over_20_mb_is_an_error_and_not_read(tmp_path):
    write_tree(tmp_path, {"demo/course.md": COURSE_MD, "demo/assets/ok.png": b"png"})
    with (tmp_path / "demo" / "assets" / "big.bin").open("wb") as file:
        file.truncate(limits.MAX_ASSET_BYTES + 1)  # sparse: no 20 MB written
    catalog = load_catalog(tmp_path)
    assert errors(catalog) == [
        "demo/assets/big.bin:1: file is 20,971,521 bytes; at most 20,971,520 are allowed: "
        "make it smaller"
    ]
    assert list(catalog.courses[0].assets) == ["assets/ok.png"]


@pytest.mark.parametrize(
    "line",
    [
        "- " * 17 + "x",
        "> " * 17 + "x",
        ">" * 17 + "x",
        "- - - " * 100 + "x",
        "1. " * 17 + "x",
        "    " * 16 + "- x",
    ],
)
def test_lists_and_quotes_nested_over_16_deep_are_errors_not_recursion(demo, line):
    catalog = demo({"01-a.md": module(f"Intro.\n\n{line}\n")})
    assert errors(catalog) == [
        "demo/01-a.md:6: lists and block quotes nest more than 16 deep here: flatten them"
    ]


def test_sixteen_deep_is_fine(demo):
    catalog = demo({"01-a.md": module("- " * 16 + "x\n\n" + "> " * 16 + "y\n")})
    assert errors(catalog) == []
    assert catalog.courses[0].modules[0].body_html.count("<blockquote>") == 16


def test_hundreds_of_list_markers_in_one_render_do_not_escape_as_recursion_error():
    with pytest.raises(RenderError, match="nest too deeply"):
        render_markdown("- " * 600 + "x\n")


LONG = {"slug": "a" * 81, "title": "T" * 201, "text": "S" * 1001}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"demo/course.md": f"---\ntitle: {LONG['title']}\ntrack: process\n---\n"},
            'demo/course.md:2: "title" is 201 characters long; at most 200 are allowed',
        ),
        (
            {"demo/course.md": f"---\ntitle: A\ntrack: process\nsummary: {LONG['text']}\n---\n"},
            'demo/course.md:4: "summary" is 1,001 characters long; at most 1,000 are allowed',
        ),
        (
            {"demo/01-a.md": module(meta=f"title: {LONG['title']}\n")},
            'demo/01-a.md:2: "title" is 201 characters long',
        ),
        ({f"{LONG['slug']}/course.md": COURSE_MD}, f"{LONG['slug']}:1: course folder name"),
        ({f"demo/01-{LONG['slug']}.md": module()}, f"demo/01-{LONG['slug']}.md:1: module slug"),
        (
            {"demo/01-a.md": quiz_module(f"? [{LONG['slug']}] Q?\n- [x] a\n- [ ] b\n")},
            f'demo/01-a.md:5: question id "{LONG["slug"]}" must be',
        ),
        ({"demo/01-a.md": module(meta="title: A\npass_score: 101\n")}, "from 0 to 100, got 101"),
        ({"demo/01-a.md": module(meta="title: A\nmax_attempts: 1001\n")}, "0 to 1,000, got"),
        (
            {"demo/01-a.md": module(meta="title: A\nestimated_minutes: 10001\n")},
            '"estimated_minutes" must be a whole number from 0 to 10,000, got 10001',
        ),
        (
            {"paths.yml": PATH.replace("due_day: 1", "due_day: 3651")},
            'paths.yml:5: "due_day" must be a whole number from 0 to 3,650, got 3651',
        ),
        (
            {"paths.yml": PATH.replace("slug: p", f"slug: {LONG['slug']}")},
            'paths.yml:1: "slug" must be a slug',
        ),
        (
            {"paths.yml": PATH.replace("title: P", f"title: {LONG['title']}")},
            'paths.yml:2: "title" is 201 characters long',
        ),
        (
            {"paths.yml": PATH + f"  description: {LONG['text']}\n"},
            'paths.yml:6: "description" is 1,001 characters long',
        ),
    ],
)
def test_text_and_number_bounds(tree, files, expected):
    full = {"demo/course.md": COURSE_MD, **files}
    found = errors(tree(full))
    assert any(expected in e for e in found), found


def test_messages_show_long_values_cut_short(demo):
    catalog = demo({"01-a.md": module(meta=f"title: A\nshuffle: {'w' * 5000}\n")})
    (problem,) = catalog.errors
    assert len(problem.message) < 120


def test_built_keys_are_offered_as_allowed(demo):
    (problem,) = demo({"01-a.md": module(meta="title: A\ntitel: B\n")}).errors
    # review (the review policy) and practice modules are both built.
    assert "review" in problem.message and "practice" in problem.message


def test_validate_cli_reports_a_control_character_without_a_traceback(runner, tmp_path):
    root = write_tree(tmp_path / "c", {"demo/course.md": "---\ntitle: \x07\ntrack: process\n---\n"})
    result = runner.invoke(args=["courses", "validate", str(root)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "demo/course.md:2: control character" in result.output
