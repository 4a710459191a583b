"""Fixtures that write small course trees into tmp_path and load them."""

from __future__ import annotations

import pytest

from lms.content.loader import load_catalog
from lms.content.model import Catalog
from tests.content.content_trees import COURSE_MD, write_tree


@pytest.fixture
def tree(tmp_path):
    """Load a catalog from files given relative to the courses root."""

    def load(files: dict[str, str | bytes]) -> Catalog:
        return load_catalog(write_tree(tmp_path, files))

    return load


@pytest.fixture
def demo(tree):
    """Load a catalog holding course "demo": files relative to its folder, course.md default."""

    def load(files: dict[str, str | bytes], course_md: str | None = COURSE_MD) -> Catalog:
        full = {f"demo/{name}": content for name, content in files.items()}
        if course_md is not None:
            full.setdefault("demo/course.md", course_md)
        return tree(full)

    return load
