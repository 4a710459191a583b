"""A course import killed with SIGKILL inside its transaction leaves the old content; a rerun works."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time

from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.orm import Session

from lms.models import Course, Module
from tests.helpers.live import BIN, ROOT, copy_courses, flask, migrated_database, server_env

COURSES, MODULES = 40, 15
PARAGRAPH = "A sales conversation has a shape. " * 40


def big_tree(tmp_path):
    """The fixture courses with Basics retitled, plus many generated courses."""
    root = copy_courses(tmp_path / "big")
    course_md = root / "basics" / "course.md"
    course_md.write_text(course_md.read_text().replace("title: Basics", "title: Basics v2", 1))
    for c in range(COURSES):
        folder = root / f"generated-{c:03}"
        folder.mkdir()
        (folder / "course.md").write_text(
            f"---\ntitle: Generated {c}\ntrack: skills\n---\nGenerated.\n"
        )
        for m in range(MODULES):
            (folder / f"{m + 1:02}-part-{m}.md").write_text(
                f"---\ntitle: Part {m}\n---\n" + "\n\n".join([PARAGRAPH] * 8) + "\n"
            )
    return root


def writing_now(url: str) -> bool:
    """True while another connection holds an open write transaction."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        probe = sqlite3.connect(parsed.database, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as error:
            return "locked" in str(error)
        finally:
            probe.close()
    engine = create_engine(url)
    with engine.connect() as conn:
        busy = conn.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
            )
        )
    engine.dispose()
    return bool(busy)


def content(url: str) -> tuple:
    engine = create_engine(url)
    with Session(engine) as session:
        titles = sorted(session.scalars(select(Course.title)))
        modules = len(session.scalars(select(Module.id)).all())
    engine.dispose()
    return titles, modules


def test_killed_import_keeps_the_old_content_and_a_rerun_succeeds(tmp_path):
    url = migrated_database(tmp_path)
    env = server_env(url)
    flask(env, "courses", "import", str(copy_courses(tmp_path)))
    before = content(url)
    tree = big_tree(tmp_path)

    importer = subprocess.Popen(  # noqa: S603 - fixed test command
        [str(BIN / "flask"), "--app", "wsgi", "courses", "import", str(tree)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 240
    while not writing_now(url):
        assert importer.poll() is None, "the import finished before it could be killed"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.02)
    time.sleep(0.2)  # well inside the transaction: rows are being written
    importer.send_signal(signal.SIGKILL)
    importer.wait(timeout=30)
    assert importer.returncode == -signal.SIGKILL

    assert content(url) == before
    assert "Basics v2" not in before[0]

    flask(env, "courses", "import", str(tree))
    titles, modules = content(url)
    assert "Basics v2" in titles and "Generated 39" in titles
    assert modules == before[1] + COURSES * MODULES
