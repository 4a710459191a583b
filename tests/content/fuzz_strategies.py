"""Hypothesis strategies for course folders: generated from the format, or shipped and broken."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import strategies as st

SHIPPED = Path(__file__).resolve().parents[2] / "courses"

# Text


def characters() -> st.SearchStrategy[str]:
    """Any character a UTF-8 file may hold, controls and odd line breaks included."""
    chars = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"])
    # Controls, and FF, NEL, U+2028, U+2029 that str.splitlines (not the contract) breaks on.
    return st.one_of(chars, st.sampled_from("\t\x00\x07\x08\x1b\x7f\x0c\x85\x9f\u2028\u2029\ufffe"))


def words(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(characters(), max_size=max_size)


MARKDOWN = [
    "# A heading",
    "## Second level",
    "### Third {#custom-id}",
    "- an item",
    "  - a nested item",
    "1. first",
    "> a quote",
    "**bold** and *italic* and `code`",
    "[a link](https://example.com)",
    "[a relative link](02-other.md)",
    "![an image](assets/funnel.png)",
    "![missing](assets/missing.png)",
    "[up](../../etc/passwd)",
    "| a | b |",
    "|---|---|",
    "| 1 | 2 |",
    "```",
    "```python",
    "    indented code",
    "!!! tip",
    "    Inside the tip.",
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    '<img src=x onerror="alert(1)">',
    "<details><summary>s</summary>d</details>",
    "[toc]",
    "---",
    "***",
    "",
    "Term\n: definition",
    "a footnote[^1]\n\n[^1]: the note",
    "&amp; &#0; &#x110000;",
    "\\",
]
QUIZ_LINES = [
    "? [q1] Which one is right?",
    "? [q2] Select all that apply.",
    "? [q1] A duplicate id",
    "? Without an id",
    "? [bad id!] Odd id",
    "- [x] Right",
    "- [X] Also right",
    "- [ ] Wrong",
    "- [ ]",
    "- [y] Odd mark",
    "  > Feedback for the choice above.",
    "> Feedback out of place",
    "= answer",
    "= another answer",
    "=",
    "! An explanation.",
    "!",
    "",
    "```",
]
GIFT_LINES = [
    "::Title:: A prompt {=right ~wrong}",
    "::tf:: True or false? {T}",
    "::tf2:: {FALSE#no#yes}",
    "Which? {",
    "=right#good",
    "~wrong#bad",
    "}",
    "::short:: One word? {=purchase =buy}",
    "// a comment",
    "$CATEGORY: $course$/A",
    "{}",
    "{",
    "}",
    "\\{ escaped \\} \\= \\~ \\#",
    "::missing brace:: prompt {=a",
    "::num:: How many? {#3:1}",
    "::match:: Pair {=a -> b =c -> d}",
    "[markdown]::md:: **bold** {=a ~b}",
    "::img:: ![x](assets/funnel.png) {=a ~b}",
    "",
]
GIFT_MOODLE = [
    "::w:: weights {~%50%a ~%50%b ~%-100%c}",
    "::w2:: {=%25%partial =full}",
    "::re:: {=/(a+)+$/}",
    "::re2:: {=/[unclosed/}",
]
FRONT_KEYS = [
    "title",
    "summary",
    "track",
    "pass_score",
    "prerequisites",
    "estimated_minutes",
    "max_attempts",
    "shuffle",
    "quiz",
    "colour",
    "review",
    "practice",
]
YAML_ODDITIES = [
    "title: [unclosed",
    "title: {a: 1",
    "title: !!python/object/apply:os.system ['true']",
    "title: !custom tag",
    "? complex key\n: value",
    "title: &a anchor",
    "summary: *undefined",
    "title: 'a' 'b'",
    "title: |\n  block\n  text",
    "title:\n  - list\n  - title",
    "- a list at the top",
    "just text",
    "title: x\ntitle: duplicate",
    "  indented: badly",
    "%YAML 1.1",
    "--- second document",
    "...",
    "title: 1e400",
    "estimated_minutes: -5",
    "pass_score: 101",
    "shuffle: maybe",
    "prerequisites: [nope, sales-foundations]",
    "quiz: ../escape.gift",
    "quiz: missing.gift",
    "track: nowhere",
    "",
]
YAML_ALIASES = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\ntitle: [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
]
FIELD_BOUNDS = [
    "max_attempts: 99999999999999999999",
    "max_attempts: 4294967296",
    "estimated_minutes: 18446744073709551616",
    "title: " + "t" * 260,
]


def lines_of(palette: list[str], max_size: int = 12) -> st.SearchStrategy[str]:
    line = st.one_of(st.sampled_from(palette), words())
    return st.lists(line, max_size=max_size).map("\n".join)


# Generated folders


@dataclass
class Folder:
    """Files to write (path -> bytes) and symbolic links (path -> target)."""

    files: dict[str, bytes] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)

    def write(self, root: Path) -> None:
        for name, data in self.files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for name, target in self.links.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.symlink_to(target)


def _scalar() -> st.SearchStrategy:
    return st.one_of(
        words(400),
        st.integers(),
        st.booleans(),
        st.none(),
        st.floats(allow_nan=True),
        st.sampled_from(["product", "buyer", "process", "skills", "80", "checks.gift"]),
        st.lists(st.sampled_from(["alpha", "beta", "x"]), max_size=3),
    )


CAREFUL_KEYS = {
    "course": {
        "summary": st.text(st.characters(codec="ascii", min_codepoint=32), max_size=40),
        "pass_score": st.integers(0, 100),
        "estimated_minutes": st.integers(1, 120),
    },
    "module": {
        "estimated_minutes": st.integers(1, 120),
        "pass_score": st.integers(0, 100),
        "max_attempts": st.integers(0, 10),
        "shuffle": st.booleans(),
    },
}
CAREFUL_QUESTION = (
    "? [q{module}-{n}] Which is right?\n- [x] Right\n  > Yes.\n- [ ] Wrong\n! Because."
)


@st.composite
def careful_front_matter(draw, kind: str, required: dict[str, object]) -> str:
    """Front matter the format accepts: the required keys and some optional ones."""
    values = dict(required)
    for key, strategy in CAREFUL_KEYS[kind].items():
        if draw(st.booleans()):
            values[key] = draw(strategy)
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n"


@st.composite
def careful_body(draw, quiz: bool = True, module: int = 0) -> str:
    """Markdown from the palette and plain words, and at most a well-formed quiz block."""
    lines = draw(st.lists(st.one_of(st.sampled_from(MARKDOWN[:10]), words()), max_size=10))
    text = "\n\n".join(line for line in lines if line.strip() not in ("```", "```python"))
    if quiz and draw(st.booleans()):
        count = draw(st.integers(1, 3))
        block = "\n\n".join(CAREFUL_QUESTION.format(module=module, n=n) for n in range(count))
        text += f"\n\n```quiz\n{block}\n```\n"
    return text + "\n"


@st.composite
def front_matter(draw, required: dict[str, object]) -> str:
    """A front matter block: dumped YAML of likely keys, or odd YAML, sometimes left open."""
    values = dict(required)
    for key in draw(st.lists(st.sampled_from(FRONT_KEYS), max_size=4, unique=True)):
        values[key] = draw(_scalar())
    for key in draw(st.lists(st.sampled_from(sorted(required)), max_size=1)):
        values.pop(key, None)
    dumped = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
    oddities = YAML_ODDITIES + YAML_ALIASES + FIELD_BOUNDS
    if draw(st.booleans()):
        dumped += "\n".join(draw(st.lists(st.sampled_from(oddities), max_size=2))) + "\n"
    if draw(st.booleans()):
        dumped += draw(st.sampled_from(FIELD_BOUNDS[:3])) + "\n"
    if draw(st.booleans()):  # a value as typed, not escaped by a YAML writer
        dumped += f"{draw(st.sampled_from(FRONT_KEYS))}: {draw(words())}\n"
    closing = draw(st.sampled_from(["---\n", "---\n", "---\n", "", "...\n", "---"]))
    return f"---\n{dumped}{closing}"


@st.composite
def body(draw, quiz: bool = True) -> str:
    parts = [draw(lines_of(MARKDOWN))]
    if quiz and draw(st.booleans()):
        fence = draw(st.sampled_from(["```quiz", "```quiz", "```quiz", "``` quiz", "~~~quiz"]))
        closing = draw(st.sampled_from(["```", "```", "~~~", ""]))
        parts.append(f"{fence}\n{draw(lines_of(QUIZ_LINES, 16))}\n{closing}")
        parts.append(draw(lines_of(MARKDOWN, 4)))
    if draw(st.booleans()):
        depth = draw(st.sampled_from([300, 600, 1000, 3000]))
        parts.append(draw(st.sampled_from(["- ", "> ", "1. "])) * depth + "x")
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["[", "<a ", "[a]("])) * draw(st.integers(1000, 8000)))
    return "\n".join(parts) + draw(st.sampled_from(["\n", "", "\r\n"]))


@st.composite
def gift(draw) -> str:
    return draw(lines_of(GIFT_LINES + GIFT_MOODLE, 14)) + "\n"


SLUGS = ["alpha", "beta", "gamma-2", "x"]


@st.composite
def course_folders(draw) -> Folder:
    """One to three courses with modules, quizzes, GIFT files, assets and a paths.yml."""
    folder = Folder()
    # A careful folder keeps to the format, so valid folders (and their import) come often.
    careful = draw(st.booleans())
    slugs = draw(st.lists(st.sampled_from(SLUGS), min_size=1, max_size=3, unique=True))
    for slug in slugs:
        track = draw(st.sampled_from(["product", "buyer", "process", "skills"]))
        required = {"title": f"Course {slug}", "track": track}
        if careful:
            meta = draw(careful_front_matter("course", required)) + draw(careful_body(False))
        else:
            meta = draw(front_matter(required)) + draw(body(quiz=False))
        folder.files[f"{slug}/course.md"] = meta.encode()
        numbers = draw(st.lists(st.integers(0, 12), max_size=4, unique=careful))
        for position, number in enumerate(numbers):
            name = f"{number:02}-{draw(st.sampled_from(['intro', 'deep-dive', 'quiz', 'x']))}"
            if careful:
                name = f"{number:02}-m{number}"
            required = {"title": f"Module {position}"}
            if careful:
                module = draw(careful_front_matter("module", required))
                text = module + draw(careful_body(module=number))
                if draw(st.booleans()):
                    text = text.replace("---\n", f"---\n{draw(st.sampled_from(FIELD_BOUNDS))}\n", 1)
                folder.files[f"{slug}/{name}.md"] = text.encode()
                continue
            if draw(st.booleans()):
                required["quiz"] = "checks.gift"
                folder.files[f"{slug}/checks.gift"] = draw(gift()).encode()
            text = draw(front_matter(required)) + draw(body())
            folder.files[f"{slug}/{name}.md"] = text.encode()
        if draw(st.booleans()):
            folder.files[f"{slug}/assets/funnel.png"] = b"\x89PNG\r\n\x1a\n" + draw(
                st.binary(max_size=20)
            )
        if draw(st.booleans()):
            folder.links[f"{slug}/assets/leak.png"] = "/etc/hostname"
    if draw(st.booleans()):
        entries = [
            {
                "slug": "starter" if careful else draw(st.sampled_from(["starter", "Bad Slug"])),
                "title": draw(words(30)),
                "courses": [
                    {"course": c, "due_day": draw(st.integers(1 if careful else -3, 400))}
                    for c in draw(
                        st.lists(
                            st.sampled_from(slugs if careful else [*slugs, "nowhere"]),
                            min_size=1 if careful else 0,
                            max_size=3,
                            unique=careful,
                        )
                    )
                ],
            }
            for _ in range(draw(st.integers(0, 1 if careful else 2)))
        ]
        text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
        if not careful and draw(st.booleans()):
            oddities = YAML_ODDITIES + YAML_ALIASES
            text += draw(st.sampled_from(oddities)) + "\n"
        folder.files["paths.yml"] = text.encode()
    return folder


# Mutations of the shipped courses

TEXT_FILES = sorted(
    p.relative_to(SHIPPED).as_posix() for p in SHIPPED.rglob("*") if p.suffix in (".md", ".yml")
)
MODULE_FILES = [name for name in TEXT_FILES if name.count("/") == 1 and name[-5:] != "se.md"]


@dataclass
class Mutation:
    """Edits to one shipped file, applied to a copy of the shipped courses."""

    path: str
    edits: list[tuple]
    link: str | None = None  # a file to replace with a symlink leaving the course

    def apply(self, root: Path) -> None:
        target = root / self.path
        lines = target.read_bytes().split(b"\n")
        for edit in self.edits:
            lines = _edit(lines, edit, root, self.path)
        if target.exists():
            target.write_bytes(b"\n".join(lines))
        if self.link:
            (root / self.link).unlink()
            (root / self.link).symlink_to("/etc/hostname")


def _edit(lines: list[bytes], edit: tuple, root: Path, path: str) -> list[bytes]:
    kind, where, value = edit
    at = where % (len(lines) + 1)
    if kind == "insert":
        return lines[:at] + value.encode().split(b"\n") + lines[at:]
    if kind == "delete":
        return lines[:at] + lines[at + value :]
    if kind == "duplicate":
        return lines[:at] + lines[at : at + value] * 2 + lines[at + value :]
    if kind == "bytes":
        line = lines[at % len(lines)]
        cut = where % (len(line) + 1)
        lines[at % len(lines)] = line[:cut] + value + line[cut:]
        return lines
    if kind == "copy_file":  # the same module under another number: duplicate slugs
        source = root / path
        (source.parent / f"{value:02}-copy-{source.name}").write_bytes(b"\n".join(lines))
        return lines
    if kind == "remove_file":
        (root / path).unlink()
        return lines
    raise AssertionError(kind)


def _bytes() -> st.SearchStrategy[bytes]:
    """Random bytes, invalid UTF-8 and control characters included."""
    return st.binary(min_size=1, max_size=12)


def _insertions() -> st.SearchStrategy[str]:
    palette = MARKDOWN + QUIZ_LINES + YAML_ODDITIES
    palette += ["```quiz", "---", "title: Changed", "  - course: sales-foundations"]
    palette += YAML_ALIASES + FIELD_BOUNDS
    long_char = ["x", "word ", "a ", "*", "[", "<a ", "[a]("]
    return st.one_of(
        st.sampled_from(palette),
        words(80),
        st.builds(lambda c, n: c * n, st.sampled_from(long_char), st.integers(100, 20_000)),
        st.builds(
            lambda m, n: m * n + "deep",
            st.sampled_from(["- ", "> ", "1. ", "    "]),
            st.sampled_from([2, 5, 600, 3000]),
        ),
    )


@st.composite
def mutations(draw) -> Mutation:
    path = draw(st.sampled_from(TEXT_FILES))
    where = st.one_of(st.integers(0, 6), st.integers(0, 10_000))  # front matter, or anywhere
    edit = st.one_of(
        st.tuples(st.just("insert"), where, _insertions()),
        st.tuples(st.just("delete"), where, st.integers(1, 5)),
        st.tuples(st.just("duplicate"), where, st.integers(1, 5)),
        st.tuples(st.just("bytes"), where, _bytes()),
    )
    edits = draw(st.lists(edit, min_size=1, max_size=4))
    if path in MODULE_FILES and draw(st.integers(0, 9)) == 0:
        edits.append(draw(st.sampled_from([("copy_file", 0, 7), ("remove_file", 0, 0)])))
    link = None
    if draw(st.integers(0, 4)) == 0:
        link = "sales-foundations/assets/funnel.png"
    return Mutation(path, edits, link)
