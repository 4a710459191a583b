"""Fixtures: the organisation of tests/conftest.py on courses whose starter path certifies."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import FIXTURE_COURSES, import_folder
from tests.helpers.certification import certification_tree

START = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def start(freeze_clock):
    """The clock stopped at START, a Monday morning."""
    freeze_clock(START)
    return START


@pytest.fixture
def cert_tree(tmp_path):
    """A writable course tree whose starter path certifies, `recertify: changes`."""
    return certification_tree(tmp_path, FIXTURE_COURSES)


@pytest.fixture
def cert_org(app, start, cert_tree, org):
    """The org fixture (ana and bo reps of boss's team East) with the certification imported."""
    import_folder(app, cert_tree)
    return org
