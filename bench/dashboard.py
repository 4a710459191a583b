"""Time the team dashboard of a 100-rep team in a seeded organisation; print p50 and p95.

    LMS_DATABASE_URL=sqlite:////tmp/bench.sqlite3 LMS_SECRET_KEY=x LMS_ALLOW_DEMO_ACCOUNTS=true \
        .venv/bin/flask --app wsgi demo --reps 5000
    LMS_DATABASE_URL=sqlite:////tmp/bench.sqlite3 LMS_SECRET_KEY=x \
        .venv/bin/python -m bench.dashboard

Requests go through the Flask test client (the whole app: routing, login, queries, template),
signed in as the demo manager, who leads "Org team 001".
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import event, func, select

from lms import create_app
from lms.db import db
from lms.models import ModuleProgress, Team, User


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--team", default="Org team 001")
    parser.add_argument(
        "--page", default="", help="suffix after the dashboard URL, e.g. /export.csv"
    )
    args = parser.parse_args()

    app = create_app()
    app.config.update(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    with app.app_context():
        team = db.session.scalar(select(Team).where(Team.name == args.team))
        assert team is not None, "seed first: flask --app wsgi demo --reps 5000"
        reps = db.session.scalar(select(func.count()).select_from(User).where(User.role == "rep"))
        rows = db.session.scalar(select(func.count()).select_from(ModuleProgress))
        members = db.session.scalar(select(func.count()).where(User.team_id == team.id))
        team_id = team.id
        engine = db.engine
    client = app.test_client()
    response = client.post(
        "/login", data={"email": "manager@example.com", "password": "repready-demo"}
    )
    assert response.status_code == 302, "the demo manager could not sign in"
    url = f"/reports/teams/{team_id}{args.page}"

    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    for _ in range(10):  # warm-up: caches, compiled statements, page cache
        assert client.get(url).status_code == 200
    per_request = len(statements) // 10
    timings = []
    for _ in range(args.requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    print(f"organisation: {reps} reps, {rows} progress rows; team {args.team!r}: {members} members")
    print(f"GET {url}: {per_request} SQL statements, {len(response.data) // 1024} KB")
    print(
        f"{args.requests} requests: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
    )


if __name__ == "__main__":
    main()
