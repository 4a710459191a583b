"""Builders for course files used by the content tests (imported by conftest and tests)."""

from __future__ import annotations

from pathlib import Path

from lms.content.model import Catalog

COURSE_MD = "---\ntitle: Demo\ntrack: process\n---\nOverview.\n"


def module(body: str = "Some text.\n", meta: str = "title: A\n") -> str:
    """A module file: front matter from meta (starting at line 2), then the body."""
    return f"---\n{meta}---\n{body}"


def quiz_module(quiz: str) -> str:
    """A module whose body is one quiz block: line N of quiz is file line N + 4."""
    return module(f"```quiz\n{quiz}```\n")


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (paths relative to root) and return root."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def messages(catalog: Catalog) -> list[str]:
    """Every problem as the CLI prints it."""
    return [str(p) for p in catalog.problems]
