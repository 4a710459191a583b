"""Nothing in a course tree is a symlink: each one is an error and is never read."""

from __future__ import annotations

import os

import pytest

from lms.content.loader import load_catalog
from tests.content.content_trees import COURSE_MD, module, write_tree

SECRET = "LMS_SECRET_KEY=do-not-leak"


@pytest.fixture
def outside(tmp_path):
    """A secret file and folder outside the courses root, for links to point at."""
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "env").write_text(SECRET)
    (secret / "course.md").write_text(COURSE_MD)
    (secret / "01-a.md").write_text(module())
    (secret / "paths.yml").write_text("[]\n")
    return secret


@pytest.fixture
def root(tmp_path):
    return write_tree(
        tmp_path / "courses",
        {"demo/course.md": COURSE_MD, "demo/01-a.md": module(), "demo/assets/ok.png": b"png"},
    )


def _everything_read(catalog) -> str:
    parts = [str(p) for p in catalog.problems]
    for course in catalog.courses:
        parts += [course.source, course.overview_html, *map(repr, course.assets.values())]
        parts += [m.source + m.body_html + (m.quiz_source or "") for m in course.modules]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("link", "target", "where"),
    [
        ("demo/assets/logo.png", "env", "demo/assets/logo.png"),
        ("demo/assets/more", "", "demo/assets/more"),  # the folder itself
        ("demo/checks.gift", "env", "demo/checks.gift"),
        ("demo/02-b.md", "01-a.md", "demo/02-b.md"),
        ("demo/notes.txt", "env", "demo/notes.txt"),
        ("demo/.hidden", "env", "demo/.hidden"),
        ("other", "", "other"),  # a whole course folder
        ("paths.yml", "paths.yml", "paths.yml"),
    ],
)
def test_every_symlink_is_an_error_and_never_read(root, outside, link, target, where):
    os.symlink(outside / target if target else outside, root / link)
    catalog = load_catalog(root)
    assert f"{where}:1: is a symlink: put the file or folder itself in the course" in [
        str(p) for p in catalog.errors
    ]
    assert SECRET not in _everything_read(catalog)


def test_a_symlinked_assets_folder_is_refused(tmp_path, outside):
    root = write_tree(tmp_path / "courses", {"demo/course.md": COURSE_MD})
    os.symlink(outside, root / "demo" / "assets")
    catalog = load_catalog(root)
    assert [str(p) for p in catalog.errors] == [
        "demo/assets:1: is a symlink: put the file or folder itself in the course"
    ]
    assert catalog.courses[0].assets == {}


def test_a_module_naming_a_symlinked_gift_file_gets_one_error(root, outside):
    (root / "demo" / "01-a.md").write_text(module(meta="title: A\nquiz: checks.gift\n"))
    os.symlink(outside / "env", root / "demo" / "checks.gift")
    assert [str(p) for p in load_catalog(root).errors] == [
        "demo/checks.gift:1: is a symlink: put the file or folder itself in the course"
    ]


def test_a_fifo_is_refused_instead_of_blocking_the_read(root):
    os.mkfifo(root / "demo" / "02-b.md")
    assert [str(p) for p in load_catalog(root).errors] == [
        "demo/02-b.md:1: is not a file or a folder: remove it"
    ]
