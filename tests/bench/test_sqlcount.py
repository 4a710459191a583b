"""LMS_BENCH_COUNT_SQL adds X-SQL-Count, the page's SQL statements; off by default."""

import pytest

from tests.conftest import build_app, count_statements, drop_app


@pytest.fixture
def counting_app(tmp_path):
    """The app in bench mode: every response says how many statements it ran."""
    app = build_app(tmp_path, BENCH_COUNT_SQL=True)
    yield app
    drop_app(app)


def test_the_header_is_off_by_default(client, rep):
    assert "X-SQL-Count" not in client.get("/").headers
    assert "X-SQL-Count" not in client.get("/healthz").headers


def test_the_header_counts_each_pages_statements(counting_app):
    client = counting_app.test_client()
    assert client.get("/healthz").headers["X-SQL-Count"] == "0"
    with count_statements(counting_app) as statements:
        response = client.post("/login", data={"email": "nobody@example.com", "password": "x"})
    assert statements, "a sign-in looks the account up"
    assert response.headers["X-SQL-Count"] == str(len(statements))
    # Each request starts from zero: the count is per request, not a running total.
    assert client.get("/healthz").headers["X-SQL-Count"] == "0"
