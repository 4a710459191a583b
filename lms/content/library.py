"""The content library: library/<slug>.md items and library/assets/ (COURSE_FORMAT.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lms.content import frontmatter, limits
from lms.content.body import check_asset_links, split_body
from lms.content.files import read_bytes, read_text, scan
from lms.content.lines import check_nesting, check_text
from lms.content.model import Problem
from lms.content.plain import plain_text
from lms.content.render import RenderError, file_budget, render_markdown
from lms.content.schema import Key, boolean, is_slug, one_of, required_text, show, slugify

LIBRARY_DIR = "library"
ASSETS_DIR = "assets"
KINDS = (
    "battlecard",
    "one-pager",
    "case-study",
    "email-template",
    "talk-track",
    "objection",
    "faq",
    "other",
)
COPYABLE_KINDS = ("email-template", "talk-track")
"""Kinds a rep copies as plain text into an email or a call script."""
MAX_OWNER_CHARS = 200
LIBRARY_ASSET_URL = "/library/assets/"
# [text](library:slug) in a module: the scheme the sanitizer would drop, so it is rewritten.
LIBRARY_LINK = re.compile(r"\]\(\s*<?library:(?P<slug>[^\s)>]*)>?")


def item_url(slug: str) -> str:
    """Where the web app shows a library item."""
    return f"/library/{slug}"


def _slugs(key: str, value: Any) -> str | None:
    if isinstance(value, list) and all(is_slug(v) for v in value):
        return None
    return (
        f'"{key}" must be a list of slugs (lowercase letters, digits and single hyphens, '
        f"at most {limits.MAX_SLUG_CHARS} characters each), like [cfo], got {show(value)}"
    )


def _owner(key: str, value: Any) -> str | None:
    if isinstance(value, str) and value.strip() and len(value) <= MAX_OWNER_CHARS:
        return None
    return f'"{key}" must be text of 1 to {MAX_OWNER_CHARS} characters, got {show(value)}'


def _date(key: str, value: Any) -> str | None:
    if isinstance(value, date):
        return None
    return f'"{key}" must be a date like 2027-03-01, got {show(value)}'


ITEM_KEYS = {
    "title": Key(required_text, required=True),
    "kind": Key(one_of(KINDS), required=True),
    "personas": Key(_slugs),
    "stages": Key(_slugs),
    "products": Key(_slugs),
    "owner": Key(_owner),
    "review_by": Key(_date),
    "shareable": Key(boolean),
}


@dataclass
class LibraryItem:
    slug: str
    title: str
    kind: str
    personas: list[str]
    stages: list[str]
    products: list[str]
    owner: str
    review_by: date | None
    shareable: bool
    body_html: str
    body_text: str  # the rendered text without markup: copied, searched, shared as is
    source: str  # the file as written


@dataclass
class Library:
    """The items of library/ and its assets ("assets/x.pdf" -> bytes)."""

    items: list[LibraryItem] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)

    @property
    def slugs(self) -> set[str]:
        return {item.slug for item in self.items}


def _load_item(name: str, file: Path, library: Library, problems: list[Problem]) -> None:
    rel = f"{LIBRARY_DIR}/{name}"
    slug = name[: -len(".md")]
    if not is_slug(slug):
        fixed = slugify(slug) or "item"
        problems.append(
            Problem(
                rel,
                1,
                f'library item slug "{slug}" must be lowercase letters, digits and single '
                f"hyphens: rename the file {fixed}.md",
            )
        )
        return
    source = read_text(file, rel, problems)
    if source is None or not check_text(source, rel, problems):
        return
    known = len(problems)
    doc = frontmatter.read(source, rel, ITEM_KEYS, problems)
    values = doc.meta.values
    body = split_body(doc.body, doc.body_line, rel, problems)
    for line in body.quiz_fences:
        problems.append(Problem(rel, line, "quiz blocks belong in module files, not in library/"))
    check_asset_links(body.text_lines, set(library.assets), LIBRARY_DIR, rel, problems)
    html = ""
    if check_nesting(body.text_lines, rel, problems) and len(problems) == known:
        try:
            with file_budget(len(source)):
                html = render_markdown(body.markdown, LIBRARY_ASSET_URL).html
        except RenderError as exc:
            problems.append(Problem(rel, doc.body_line, str(exc)))
    library.items.append(
        LibraryItem(
            slug=slug,
            title=values.get("title", slug),
            kind=values.get("kind", "other"),
            personas=values.get("personas", []),
            stages=values.get("stages", []),
            products=values.get("products", []),
            owner=values.get("owner", ""),
            review_by=values.get("review_by"),
            shareable=values.get("shareable", False),
            body_html=html,
            body_text=plain_text(html),
            source=source,
        )
    )


def load_library(folder: Path, problems: list[Problem]) -> Library:
    """Every item and asset of a library/ folder; problems are appended, never raised."""
    library = Library()
    tree = scan(folder, LIBRARY_DIR, problems)
    for name, file in sorted(tree.files.items()):
        if not name.startswith(ASSETS_DIR + "/"):
            continue
        rel = f"{LIBRARY_DIR}/{name}"
        if len(name) > limits.MAX_ASSET_PATH_CHARS:
            problems.append(
                Problem(rel, 1, f"asset path is over {limits.MAX_ASSET_PATH_CHARS} characters")
            )
            continue
        data = read_bytes(file, rel, limits.MAX_ASSET_BYTES, problems)
        if data is not None:
            library.assets[name] = data
    for name, file in sorted(tree.files.items()):
        if name.startswith(ASSETS_DIR + "/"):
            continue
        if "/" in name or not name.endswith(".md"):
            problems.append(
                Problem(
                    f"{LIBRARY_DIR}/{name}",
                    1,
                    "not part of the library: only <slug>.md items and files under "
                    "assets/ are imported; move or delete it",
                )
            )
            continue
        if len(name) > limits.MAX_FILE_NAME_CHARS:
            problems.append(
                Problem(
                    f"{LIBRARY_DIR}/{name}",
                    1,
                    f"file name is over {limits.MAX_FILE_NAME_CHARS} characters",
                )
            )
            continue
        _load_item(name, file, library, problems)
    return library


def link_library(
    markdown: str,
    lines: list[tuple[int, str]],
    known: set[str] | None,
    rel: str,
    problems: list[Problem],
) -> str:
    """Check each [text](library:slug) names an item; the Markdown with them as page links.

    known is None when the courses folder has no library/: every such link is an error.
    """
    if "library:" not in markdown:
        return markdown
    for line_no, line in lines:
        for match in LIBRARY_LINK.finditer(line):
            slug = match["slug"]
            if known is None:
                problems.append(
                    Problem(
                        rel,
                        line_no,
                        f'link "library:{slug[:60]}" names no library item: there is no '
                        "library/ folder beside the courses",
                    )
                )
            elif slug not in known:
                problems.append(
                    Problem(
                        rel,
                        line_no,
                        f'link "library:{slug[:60]}" names no library item: add '
                        f"library/{slug[:60]}.md or fix the link",
                    )
                )
    return LIBRARY_LINK.sub(lambda m: f"]({item_url(m['slug'])}", markdown)
