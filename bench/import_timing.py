"""Time validate and import of the shipped courses and of the 200 generated bench modules.

    .venv/bin/python -m bench.import_timing [--runs 5]

In process, on a fresh SQLite database in a temporary folder; prints the best of the runs,
wall and CPU time of this process (CPU time is what a shared machine leaves comparable).
"""

from __future__ import annotations

import argparse
import os
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import coursegen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    work = Path(tempfile.mkdtemp(prefix="import-timing-"))
    os.environ["LMS_DATABASE_URL"] = f"sqlite:///{work}/timing.sqlite3"
    os.environ.setdefault("LMS_SECRET_KEY", secrets.token_hex(16))
    from lms import create_app
    from lms.catalog.importer import import_catalog, stored_html
    from lms.content.loader import load_catalog
    from lms.db import Base, db

    generated = work / "generated"
    coursegen.generate(generated, 20, 10)  # the shipped courses and 200 generated modules
    app = create_app()
    best: dict[str, tuple[float, float]] = {}

    def timed(label: str, step: Callable[[], object]) -> object:
        wall, cpu = time.perf_counter(), time.process_time()
        out = step()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        old = best.get(label, (wall, cpu))
        best[label] = (min(old[0], wall), min(old[1], cpu))
        return out

    def import_once(root: Path) -> None:
        catalog = load_catalog(root, stored=stored_html(db.session))
        with db.writing() as session:
            import_catalog(session, catalog)

    for _ in range(runs):
        for name, root in (("shipped", coursegen.SHIPPED), ("generated", generated)):
            catalog = timed(f"validate {name}", lambda root=root: load_catalog(root))
            if catalog.errors:
                raise SystemExit(f"{name}: {catalog.errors[0]}")
            with app.app_context():
                Base.metadata.drop_all(db.engine)
                Base.metadata.create_all(db.engine)
                timed(f"import {name}", lambda root=root: import_once(root))
                timed(f"re-import {name}", lambda root=root: import_once(root))
    print(f"best of {runs}; load average {os.getloadavg()[0]:.1f}")
    for label, (wall, cpu) in best.items():
        print(f"{label:22} wall {wall:6.3f} s   cpu {cpu:6.3f} s")


if __name__ == "__main__":
    main()
