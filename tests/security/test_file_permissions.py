"""The secret key, the SQLite database (with its -wal and -shm) and backups are 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from lms.db import make_engine
from lms.web.limit_storage import SQLiteFileStorage

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def everyday_umask():
    """The usual umask (022), under which plain file creation is world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_make_writes_the_secret_key_readable_by_its_owner_only(tmp_path):
    subprocess.run(  # noqa: S603 - fixed test command
        [
            "make",
            "--no-print-directory",
            "-f",
            str(ROOT / "Makefile"),
            "instance-config",
            f"BIN={Path(sys.executable).parent}",
        ],
        cwd=tmp_path,
        check=True,
    )
    config = tmp_path / "instance" / "config.py"
    assert "SECRET_KEY = " in config.read_text()
    assert mode(config) == 0o600


def test_the_sqlite_database_and_its_wal_files_are_private(tmp_path):
    database = tmp_path / "repready.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{database}{suffix}")
            assert path.exists(), suffix
            assert mode(path) == 0o600, suffix
    engine.dispose()


def test_a_backup_is_private(app, runner, tmp_path):
    if app.config["DATABASE_URL"].startswith("postgresql"):
        pytest.importorskip("shutil").which("pg_dump") or pytest.skip("no pg_dump")
    backup = tmp_path / "backup.db"
    result = runner.invoke(args=["db", "backup", str(backup)])
    assert result.exit_code == 0, result.output
    assert mode(backup) == 0o600


def test_a_backup_never_overwrites_a_file(runner, tmp_path):
    existing = tmp_path / "backup.db"
    existing.write_text("keep me")
    result = runner.invoke(args=["db", "backup", str(existing)])
    assert result.exit_code != 0 and "exists" in result.output
    assert existing.read_text() == "keep me"


def test_the_rate_limit_counters_are_private(tmp_path):
    counters = tmp_path / "ratelimits.sqlite3"
    storage = SQLiteFileStorage(f"lms+sqlite://{counters}")
    assert storage.incr("login-address:10.0.0.1", 60) == 1
    assert storage.incr("login-address:10.0.0.1", 60) == 2
    assert storage.get("login-address:10.0.0.1") == 2
    for suffix in ("", "-wal", "-shm"):
        assert mode(Path(f"{counters}{suffix}")) == 0o600, suffix
