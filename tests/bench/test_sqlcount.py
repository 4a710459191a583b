"""LMS_BENCH_COUNT_SQL adds X-SQL-Count, the page's SQL statements; off by default."""

import pytest

from lms import create_app
from lms.db import Base, db
from tests.conftest import count_statements, database_url


@pytest.fixture
def counting_app(tmp_path):
    """The app in bench mode: every response says how many statements it ran."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url(tmp_path),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "BENCH_COUNT_SQL": True,
        }
    )
    with app.app_context():
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)
    yield app
    with app.app_context():
        db.session.remove()
        Base.metadata.drop_all(db.engine)
        db.engine.dispose()


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
