"""One app per test module with the library tree imported, and its people."""

from __future__ import annotations

import pytest

from lms.models import Role
from tests.conftest import build_app, drop_app, import_folder, make_user
from tests.helpers.library import library_tree

REP = "rep@example.com"
MANAGER = "boss@example.com"
TRAINER = "trainer@example.com"


@pytest.fixture(scope="module")
def library_app(tmp_path_factory):
    """The library tree imported, with a rep (new: Advanced is locked), a manager, a trainer."""
    root = tmp_path_factory.mktemp("library")
    tree = library_tree(root / "courses")
    app = build_app(root, COURSES_DIR=str(tree))
    import_folder(app, tree)
    make_user(app, REP)
    make_user(app, MANAGER, role=Role.MANAGER)
    make_user(app, TRAINER, role=Role.TRAINER)
    yield app
    drop_app(app)
