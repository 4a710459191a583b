"""The bench's parts: generated courses import clean, the seed has enough attempts, verdicts."""

import pytest
from sqlalchemy import func, select

from bench import coursegen, report
from lms.content.loader import load_catalog
from lms.db import db
from lms.models import Attempt, Module, ModuleProgress
from tests.conftest import SHIPPED_COURSES, import_folder
from tests.helpers.sign_in import sign_in


def test_generated_courses_hold_200_modules_with_quizzes_and_no_problem(tmp_path):
    assert coursegen.generate(tmp_path / "courses") == 200
    catalog = load_catalog(tmp_path / "courses")
    assert catalog.problems == []
    generated = [c for c in catalog.courses if c.slug.startswith("bench-")]
    assert len(generated) == 20
    assert all(len(m.questions) == 2 for c in generated for m in c.modules)


def test_a_seeded_organisation_has_quiz_attempts_in_the_academy_too(app, runner):
    import_folder(app, SHIPPED_COURSES)
    assert runner.invoke(args=["demo", "--reps", "100"]).exit_code == 0
    with app.app_context():
        attempts = db.session.scalar(select(func.count()).select_from(Attempt))
        progress = db.session.scalar(select(func.count()).select_from(ModuleProgress))
        academy = db.session.scalar(
            select(func.count())
            .select_from(Attempt)
            .join(Module)
            .where(Module.slug.like("m%"), Module.question_count == 1)
        )
    # 10,000 reps must give 500,000 attempts next to 1,000,000 progress rows.
    assert attempts >= 0.4 * progress
    assert academy > 0


def row(page="module page", rps=500.0, p99=20.0, **extra):
    return {
        "page": page,
        "requests": int(rps * 10),
        "duration_us": 10_000_000,
        "p99_us": p99 * 1000,
        "errors": {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0},
        "statuses": {"200": int(rps * 10)},
        **extra,
    }


CLEAN = {"lost": 0, "duplicates": 0}


@pytest.mark.parametrize(
    ("candidate", "submits", "expected"),
    [
        (row(), CLEAN, "ok"),
        (row(rps=499), CLEAN, "MISSED: ratio < 0.5"),
        (row(p99=50.1), CLEAN, "MISSED: p99 > 50 ms"),
        (row("CSV export", rps=1), CLEAN, "ok"),
        (
            row("quiz submit", rps=300),
            {"lost": 1, "duplicates": 0},
            "MISSED: lost or duplicate attempts",
        ),
        (row(statuses={"500": 3}), CLEAN, "MISSED: 3 failed requests"),
        (row(rps=0), CLEAN, "MISSED: no request finished within 10 s"),
    ],
)
def test_each_page_is_held_to_its_target(candidate, submits, expected):
    assert report.verdict(candidate, ceiling=1000.0, submits=submits) == expected


def test_healthz_is_held_to_a_share_of_a_bare_flask_app():
    health = row("/healthz", rps=790)
    assert report.verdict(health, 790.0, CLEAN, bare=1000.0) == "MISSED: < 0.8 of bare Flask"
    assert report.verdict(row("/healthz", rps=800), 800.0, CLEAN, bare=1000.0) == "ok"


def test_the_ceiling_is_healthz_without_a_session_and_the_old_one_shows_beside_it():
    results = [
        {**row(report.BARE_FLASK, rps=2000), "p50_us": 1, "p95_us": 1, "sql_min": -1},
        {**row("/healthz", rps=1600), "p50_us": 1, "p95_us": 1, "sql_min": 0},
        {**row(report.SIGNED_HEALTH, rps=1000), "p50_us": 1, "p95_us": 1, "sql_min": 0},
        {**row("module page", rps=800), "p50_us": 1, "p95_us": 1, "sql_min": 7, "sql_max": 7},
    ]
    for r in results:
        r.update(peak_rss_mib=60, sql_max=r.get("sql_max", r["sql_min"]))
    facts = {
        "reps": 10,
        "database": "sqlite",
        "load": (0.1, 0.1, 0.1),
        "progress_rows": 1,
        "attempts_before": 1,
        "seed_s": 1.0,
        "import_s": 1.0,
        "reimport_s": 0.1,
        "reimport_cli_s": 0.5,
    }
    text = report.render(results, facts)
    assert (
        "Ceiling: /healthz without a session, 1,600 req/s, 0.80 of a bare Flask app (2,000)" in text
    )
    assert "signed in (the old ceiling) 1,000." in text
    assert "| module page | 800 | 0.0 | 0.0 | 20.0 | 0.50 | 0.80 | 7 | 60 | 0 | ok |" in text


def test_the_bench_reps_see_todays_boost_on_their_home_page(app, runner):
    import_folder(app, SHIPPED_COURSES)
    assert runner.invoke(args=["demo", "--reps", "100"]).exit_code == 0
    # bench/run.py signs in rep-00001 onwards, one per connection (16 by default), and
    # measures their home page with the boost card on it (require_boost_card).
    for n in (1, 16):
        client = app.test_client()
        sign_in(client, f"rep-{n:05}@example.org", "repready-demo")
        html = client.get("/").get_data(as_text=True)
        assert '<section id="boost"' in html, n
