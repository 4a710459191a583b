"""Load a courses folder into a Catalog, collecting every problem instead of raising."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lms.content import frontmatter, limits
from lms.content.body import Body, check_asset_links, estimated_minutes, split_body
from lms.content.certification import check_exam_reviews
from lms.content.files import Tree, read_bytes, read_text, refuse_special, scan
from lms.content.gift_parse import parse_gift
from lms.content.library import link_library, load_library
from lms.content.lines import check_nesting, check_text, split_lines
from lms.content.model import Catalog, Course, Module, Problem, Question, Severity
from lms.content.paths import PATHS_FILE, load_paths, unknown_course_message
from lms.content.practice import is_rubric_file
from lms.content.practice import mapping as practice_mapping
from lms.content.practice_loader import Rubrics, load_practice
from lms.content.quiz import parse_quiz
from lms.content.render import (
    RenderedMarkdown,
    RenderError,
    file_budget,
    render_budget,
    render_markdown,
)
from lms.content.schema import (
    DEFAULT_REVIEW,
    Key,
    attempts,
    boolean,
    is_slug,
    minutes,
    percent,
    required_text,
    review,
    slug_list,
    slugify,
    text,
    track,
)

COURSE_FILE = "course.md"
ASSETS_DIR = "assets"
MODULE_FILE = re.compile(r"^(?P<number>\d+)-(?P<slug>.*)\.md$")
GIFT_FILE = re.compile(r"^[^/\\]+\.gift$")
LIBRARY_DIR = "library"

DEFAULT_PASS_SCORE = 80
"""A course without pass_score passes at 80%: strict enough to mean something, and the
common default of LMS quizzes, so trainers coming from Moodle meet no surprise."""

COURSE_KEYS = {
    "title": Key(required_text, required=True),
    "summary": Key(text),
    "track": Key(track, required=True),
    "pass_score": Key(percent),
    "prerequisites": Key(slug_list),
    "estimated_minutes": Key(minutes),
    "review": Key(review),
}


def _gift_file(key: str, value: object) -> str | None:
    if isinstance(value, str) and GIFT_FILE.match(value):
        if len(value) > limits.MAX_FILE_NAME_CHARS:
            return f'"{key}" names a file with a name over {limits.MAX_FILE_NAME_CHARS} characters'
        return None
    return f'"{key}" must name a .gift file beside the module, like checks.gift'


MODULE_KEYS = {
    "title": Key(required_text, required=True),
    "estimated_minutes": Key(minutes),
    "pass_score": Key(percent),
    "max_attempts": Key(attempts),
    "shuffle": Key(boolean),
    "quiz": Key(_gift_file),
    "review": Key(review),
    "practice": Key(practice_mapping),
}

AssetUrl = Callable[[str], str]
Stored = dict[str, tuple[str, RenderedMarkdown]]
"""File path ("course/01-intro.md") -> (its stored source text, the HTML stored for it)."""


def default_asset_url(course_slug: str) -> str:
    """Where the web app serves a course's assets/ folder."""
    return f"/courses/{course_slug}/assets/"


@dataclass
class _Loaded:
    """A course with what the catalog checks across courses: prerequisites and their lines."""

    course: Course
    problems: list[Problem] = field(default_factory=list)
    prerequisite_lines: dict[str, int] = field(default_factory=dict)
    minutes: int | None = None  # estimated_minutes from course.md, if given
    # Module file name -> index of its first GIFT question (those come after the quiz blocks').
    gift_start: dict[str, int] = field(default_factory=dict)
    stored: Stored = field(default_factory=dict)
    tree: Tree = field(default_factory=Tree)
    rubrics: Rubrics | None = None
    library: set[str] | None = None  # the library's item slugs; None: no library/ folder


_EMPTY = RenderedMarkdown("", "")


def _render(
    body: Body, asset_base: str, source: str, rel: str, loaded: _Loaded, line: int
) -> RenderedMarkdown:
    """The stored HTML when the file's text is unchanged, else a fresh rendering.

    Nothing is rendered when the body nests too deeply; a rendering that fails is an error.
    """
    if not check_nesting(body.text_lines, rel, loaded.problems):
        return _EMPTY
    known = loaded.stored.get(rel)
    if known is not None and known[0] == source:
        return known[1]  # same text, same folder, same renderer: the HTML would be the same
    try:
        return render_markdown(body.markdown, asset_base)
    except RenderError as exc:
        loaded.problems.append(Problem(rel, line, str(exc)))
        return _EMPTY


def _read(loaded: _Loaded, name: str, rel: str) -> str | None:
    """A text file of the course, checked for control characters and long lines first."""
    text_source = read_text(loaded.tree.files[name], rel, loaded.problems)
    if text_source is None or not check_text(text_source, rel, loaded.problems):
        return None
    return text_source


def _check_question_links(
    questions: list[Question], rel: str, loaded: _Loaded, start: int = 0
) -> None:
    """Links and images in question text obey the module body's rules, whatever the source."""
    assets = set(loaded.course.assets)
    for question in questions[start:]:
        lines = list(enumerate(split_lines(question.source), start=question.line))
        check_asset_links(lines, assets, loaded.course.slug, rel, loaded.problems)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _load_assets(loaded: _Loaded) -> dict[str, bytes]:
    assets: dict[str, bytes] = {}
    slug = loaded.course.slug
    for name, file in loaded.tree.files.items():
        if not name.startswith(ASSETS_DIR + "/"):
            continue
        rel = f"{slug}/{name}"
        if len(name) > limits.MAX_ASSET_PATH_CHARS:
            loaded.problems.append(
                Problem(
                    rel,
                    1,
                    f"asset path is over {limits.MAX_ASSET_PATH_CHARS} characters: "
                    "shorten its name or folders",
                )
            )
            continue
        data = read_bytes(file, rel, limits.MAX_ASSET_BYTES, loaded.problems)
        if data is not None:
            assets[name] = data
    return assets


def _load_module(
    file: Path, number: int, slug: str, loaded: _Loaded, rel: str, asset_base: str
) -> Module | None:
    """One module file (None if it cannot be read); its problems go to the course's list."""
    problems = loaded.problems
    known = len(problems)
    source = _read(loaded, file.name, rel)
    if source is None:
        return None
    doc = frontmatter.read(source, rel, MODULE_KEYS, problems)
    values = doc.meta.values
    body = split_body(doc.body, doc.body_line, rel, problems)
    body.markdown = link_library(body.markdown, body.text_lines, loaded.library, rel, problems)
    assets = set(loaded.course.assets)
    check_asset_links(body.text_lines, assets, loaded.course.slug, rel, problems)
    with file_budget(len(source)):
        rendered = _render(body, asset_base, source, rel, loaded, doc.body_line)
        questions = parse_quiz(body.quiz_blocks, rel, problems, asset_base)
    _check_question_links(questions, rel, loaded)
    gift_source = None
    if "quiz" in values:
        loaded.gift_start[file.name] = len(questions)
        gift_source, gift_questions = _load_gift(
            file, values["quiz"], doc.meta.lines["quiz"], loaded, rel, asset_base
        )
        gift_rel = posixpath.join(posixpath.dirname(rel), values["quiz"])
        _check_question_links(gift_questions, gift_rel, loaded)
        questions.extend(gift_questions)
    has_quiz = bool(questions) or "quiz" in values or bool(body.quiz_fences)
    practice = load_practice(doc, has_quiz, rel, loaded.rubrics, problems)
    minutes = values.get("estimated_minutes")
    if minutes is None:
        # Counting words is linear but slow in Python: skip it for a file that cannot import.
        failed = any(p.severity is Severity.ERROR for p in problems[known:])
        minutes = 0 if failed else estimated_minutes(body.markdown)
    return Module(
        slug=slug,
        number=number,
        filename=file.name,
        title=values.get("title", slug),
        estimated_minutes=minutes,
        pass_score=values.get("pass_score"),
        max_attempts=values.get("max_attempts", 0),
        shuffle=values.get("shuffle", False),
        quiz_file=values.get("quiz"),
        review=values.get("review"),
        body_html=rendered.html,
        toc_html=rendered.toc_html,
        source=source,
        questions=questions,
        quiz_source=gift_source,
        practice=practice,
    )


def _load_gift(
    module_file: Path, name: str, line: int, loaded: _Loaded, rel: str, asset_base: str
) -> tuple[str | None, list[Question]]:
    """The text and questions of the GIFT file a module names (an error if it is missing)."""
    gift_rel = posixpath.join(posixpath.dirname(rel), name)
    if name not in loaded.tree.files:
        if (module_file.parent / name).is_symlink():
            return None, []  # already reported as a symlink
        loaded.problems.append(
            Problem(
                rel,
                line,
                f'"quiz" names {name}, which is not in the course folder: add it beside '
                f"{module_file.name}, or fix the name",
            )
        )
        return None, []
    source = _read(loaded, name, gift_rel)
    if source is None:
        return None, []
    with file_budget(len(source)):
        return source, parse_gift(source, gift_rel, loaded.problems, asset_base)


def _load_course_file(course_dir: Path, loaded: _Loaded, root: Path, asset_base: str) -> None:
    course, problems = loaded.course, loaded.problems
    file = course_dir / COURSE_FILE
    rel = _rel(file, root)
    if COURSE_FILE not in loaded.tree.files:
        if not file.is_symlink():
            message = "course.md is missing: add it, with title and track in front matter"
            problems.append(Problem(rel, 1, message))
        return
    source = _read(loaded, COURSE_FILE, rel)
    if source is None:
        return
    course.source = source
    doc = frontmatter.read(course.source, rel, COURSE_KEYS, problems)
    values = doc.meta.values
    course.title = values.get("title", course.slug)
    course.summary = values.get("summary", "")
    course.track = values.get("track", "")
    course.pass_score = values.get("pass_score", DEFAULT_PASS_SCORE)
    course.prerequisites = values.get("prerequisites", [])
    course.review = values.get("review", DEFAULT_REVIEW)
    if "prerequisites" in values:
        nodes = doc.meta.nodes["prerequisites"].value
        for node, name in zip(nodes, course.prerequisites, strict=True):
            line = doc.yaml.line(node)
            if name in loaded.prerequisite_lines:
                problems.append(Problem(rel, line, f'prerequisite "{name}" is listed twice'))
            loaded.prerequisite_lines[name] = line
    body = split_body(doc.body, doc.body_line, rel, problems)
    for line in body.quiz_fences:
        problems.append(
            Problem(
                rel,
                line,
                "quiz blocks belong in module files, not in course.md: move it to a module",
            )
        )
    check_asset_links(body.text_lines, set(course.assets), course.slug, rel, problems)
    with file_budget(len(source)):
        course.overview_html = _render(body, asset_base, source, rel, loaded, doc.body_line).html
    loaded.minutes = values.get("estimated_minutes")


def _module_files(course_dir: Path, loaded: _Loaded, root: Path) -> list[tuple[Path, int, str]]:
    """(file, number, slug) of each module file; misnamed .md files are reported."""
    found = []
    for name in sorted(loaded.tree.files):
        if name == COURSE_FILE or "/" in name or not name.endswith(".md"):
            continue
        file = course_dir / name
        rel = _rel(file, root)
        if len(name) > limits.MAX_FILE_NAME_CHARS:
            loaded.problems.append(
                Problem(rel, 1, f"file name is over {limits.MAX_FILE_NAME_CHARS} characters")
            )
            continue
        match = MODULE_FILE.match(file.name)
        if not match:
            example = f"01-{slugify(file.stem) or 'intro'}.md"
            loaded.problems.append(
                Problem(rel, 1, f"module file name must look like NN-slug.md: rename it {example}")
            )
            continue
        slug = match["slug"]
        if not is_slug(slug):
            fixed = slugify(slug) or "intro"
            loaded.problems.append(
                Problem(
                    rel,
                    1,
                    f'module slug "{slug}" must be lowercase letters, digits and single '
                    f"hyphens: rename the file {match['number']}-{fixed}.md",
                )
            )
            slug = fixed
        found.append((file, int(match["number"]), slug))
    return found


def _check_question_ids(loaded: _Loaded) -> None:
    course, problems = loaded.course, loaded.problems
    seen: dict[str, str] = {}
    for module in course.modules:
        gift_start = loaded.gift_start.get(module.filename, len(module.questions))
        for index, question in enumerate(module.questions):
            in_gift = index >= gift_start
            name = module.quiz_file if in_gift else module.filename
            rel = f"{course.slug}/{name}"
            where = f"{rel}:{question.line}"
            if len(question.id) > limits.MAX_SLUG_CHARS:
                problems.append(
                    Problem(
                        rel,
                        question.line,
                        f"question id is over {limits.MAX_SLUG_CHARS} characters: shorten it",
                    )
                )
            elif question.id in seen:
                problems.append(
                    Problem(
                        rel,
                        question.line,
                        f'duplicate question id "{question.id}" (also at {seen[question.id]}): '
                        f"give each question its own {'::title::' if in_gift else '[id]'}",
                    )
                )
            else:
                seen[question.id] = where


def _warn_strays(loaded: _Loaded, named: set[str]) -> None:
    for name in sorted(loaded.tree.files):
        if name.startswith(ASSETS_DIR + "/") or is_rubric_file(name):
            continue
        if "/" not in name and (name.endswith(".md") or name in named):
            continue
        loaded.problems.append(
            Problem(
                f"{loaded.course.slug}/{name}",
                1,
                "not part of the course: only course.md, NN-slug.md modules and files "
                "under assets/ are imported; move or delete it",
                Severity.WARNING,
            )
        )


def _load(
    course_dir: Path,
    root: Path,
    asset_url: AssetUrl,
    stored: Stored,
    library: set[str] | None = None,
) -> _Loaded:
    slug = course_dir.name
    asset_base = asset_url(slug)
    course = Course(slug, slug, "", "", DEFAULT_PASS_SCORE, [], 0, "", "")
    loaded = _Loaded(course, stored=stored, library=library)
    if not is_slug(slug):
        loaded.problems.append(
            Problem(
                slug,
                1,
                "course folder name must be lowercase letters, digits and single hyphens: "
                f"rename it {slugify(slug) or 'my-course'}",
            )
        )
    loaded.tree = scan(course_dir, slug, loaded.problems)
    course.assets = _load_assets(loaded)
    loaded.rubrics = Rubrics(
        slug, set(loaded.tree.files), lambda name, rel: _read(loaded, name, rel), loaded.problems
    )
    _load_course_file(course_dir, loaded, root, asset_base)
    gift_files: set[str] = set()
    by_slug: dict[str, str] = {}
    for file, number, module_slug in _module_files(course_dir, loaded, root):
        rel = _rel(file, root)
        if module_slug in by_slug:
            loaded.problems.append(
                Problem(
                    rel,
                    1,
                    f'module slug "{module_slug}" is also used by {by_slug[module_slug]}: '
                    "rename one of them",
                )
            )
        by_slug.setdefault(module_slug, file.name)
        module = _load_module(file, number, module_slug, loaded, rel, asset_base)
        if module is None:
            continue
        course.modules.append(module)
        if module.quiz_file:
            gift_files.add(module.quiz_file)  # named by a module: not a stray file
    course.modules.sort(key=lambda m: (m.number, m.filename))
    course.estimated_minutes = (
        loaded.minutes
        if loaded.minutes is not None
        else sum(m.estimated_minutes for m in course.modules)
    )
    _check_question_ids(loaded)
    loaded.rubrics.check_unused()
    _warn_strays(loaded, gift_files | loaded.rubrics.named())
    return loaded


def load_course(
    course_dir: Path, root: Path, asset_url: AssetUrl = default_asset_url
) -> tuple[Course, list[Problem]]:
    """Load one course folder (partially filled if it has errors) and its problems."""
    with render_budget():
        loaded = _load(course_dir, root, asset_url, {})
    return loaded.course, loaded.problems


def _check_prerequisites(loaded: list[_Loaded], problems: list[Problem]) -> None:
    by_slug = {item.course.slug: item for item in loaded}
    known = set(by_slug)
    for item in loaded:
        rel = f"{item.course.slug}/{COURSE_FILE}"
        for name, line in item.prerequisite_lines.items():
            if name not in known:
                problems.append(Problem(rel, line, unknown_course_message(name, known)))
    reported: set[frozenset[str]] = set()
    state: dict[str, str] = {}  # "active" while on the DFS stack, then "done"

    def visit(slug: str, stack: list[str]) -> None:
        state[slug] = "active"
        stack.append(slug)
        for name in by_slug[slug].prerequisite_lines:
            if name not in known:
                continue
            if state.get(name) == "active":
                cycle = stack[stack.index(name) :]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    shown = " -> ".join([*cycle, name])
                    problems.append(
                        Problem(
                            f"{slug}/{COURSE_FILE}",
                            by_slug[slug].prerequisite_lines[name],
                            f"prerequisites form a cycle: {shown}; remove one of them",
                        )
                    )
            elif name not in state:
                visit(name, stack)
        stack.pop()
        state[slug] = "done"

    for slug in sorted(by_slug):
        if slug not in state:
            visit(slug, [])


def _course_dirs(root: Path, problems: list[Problem]) -> list[Path]:
    """The course folders under root (not library/); symlinks refused."""
    found = []
    for entry in sorted(root.iterdir()):
        name = entry.name
        if entry.is_symlink():
            refuse_special(entry, name, problems)
        elif not entry.is_dir() or name.startswith((".", "_")):
            continue
        elif name != LIBRARY_DIR:
            found.append(entry)
    return found


def load_catalog(
    root: Path, asset_url: AssetUrl = default_asset_url, stored: Stored | None = None
) -> Catalog:
    """Load every course folder under root and paths.yml; all problems, never raising.

    stored: HTML already rendered with the same asset_url, reused for files whose text is
    unchanged (every file is still parsed and checked).
    """
    root = Path(root)
    catalog = Catalog()
    with render_budget():
        library_dir = root / LIBRARY_DIR
        if library_dir.is_dir() and not library_dir.is_symlink():
            catalog.library = load_library(library_dir, catalog.problems)
        slugs = catalog.library.slugs if catalog.library is not None else None
        loaded = [
            _load(d, root, asset_url, stored or {}, slugs)
            for d in _course_dirs(root, catalog.problems)
        ]
    for item in loaded:
        catalog.courses.append(item.course)
        catalog.problems.extend(item.problems)
    _check_prerequisites(loaded, catalog.problems)
    paths_file = root / PATHS_FILE
    if paths_file.is_symlink() or paths_file.is_file():
        source = read_text(paths_file, PATHS_FILE, catalog.problems)
        if source is not None:
            slugs = {c.slug for c in catalog.courses}
            catalog.paths = load_paths(source, slugs, catalog.problems)
            check_exam_reviews(catalog.paths, catalog.courses, PATHS_FILE, catalog.problems)
    catalog.problems.sort(key=lambda p: (p.path, p.line))
    return catalog
