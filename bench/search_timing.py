"""Search at 10,000 documents: p50 and p95 of the engine's query, on SQLite or PostgreSQL.

    .venv/bin/python -m bench.search_timing [--docs 10000] [--database URL]

The documents are generated (sections of sales text in English, with some Chinese and
accented words) and indexed as an import would; each query runs as a rep's search does.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from lms import create_app
from lms.db import Base, db
from lms.models import Course, SearchDocument
from lms.search.engines import Filters
from lms.search.index import _document
from lms.search.service import search

TOPICS = ("discovery", "qualification", "objections", "pricing", "negotiation", "renewals")
QUERIES = ("pricing", "objec", "resume", "定价", "champion renewal", "negotiation deadline")


def _text(n: int) -> str:
    topic = TOPICS[n % len(TOPICS)]
    extra = " 定价按席位计算。" if n % 50 == 0 else (" Send your résumé." if n % 70 == 0 else "")
    return (
        f"Good {topic} starts with the buyer. Ask what changed, who feels the pain, what it "
        f"costs them today and what happens if nothing changes; agree a deadline. {n}{extra}"
    ) * 3


def fill(docs: int) -> None:
    with db.writing() as session:
        course = Course(slug="bench", title="Bench", track="skills", pass_score=50,
                        estimated_minutes=1, overview_html="", source="")  # fmt: skip
        session.add(course)
        session.flush()
        rows = [
            _document(
                "module",
                f"Module {n} › {TOPICS[n % len(TOPICS)]}",
                f"/m/{n}",
                _text(n),
                course_id=course.id,
            )  # fmt: skip
            for n in range(docs)
        ]
        session.execute(insert(SearchDocument), rows)
        if session.get_bind().dialect.name == "sqlite":
            session.connection().exec_driver_sql(
                "INSERT INTO search_engine_fts(search_engine_fts) VALUES ('rebuild')"
            )
        else:
            session.connection().exec_driver_sql("ANALYZE search_documents")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--database", default="")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{Path(tmp) / 'search.sqlite3'}"
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "DATABASE_URL": url})
        with app.app_context():
            Base.metadata.drop_all(db.engine)
            Base.metadata.create_all(db.engine)
            fill(args.docs)
            filters = Filters(course_ids=frozenset({1}))
            for query in QUERIES:
                times = []
                for _ in range(args.rounds):
                    started = time.perf_counter()
                    hits = search(db.session, query, filters)
                    times.append((time.perf_counter() - started) * 1000)
                    db.session.rollback()
                p95 = statistics.quantiles(times, n=20)[-1]
                print(f"{query!r:24} {len(hits):3} hits  p50 {statistics.median(times):6.1f} ms"
                      f"  p95 {p95:6.1f} ms")  # fmt: skip
            Base.metadata.drop_all(db.engine)


if __name__ == "__main__":
    main()
