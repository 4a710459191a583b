"""An expired certification on readiness and the dashboard; pages in a fixed number of statements."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lms.cache import app_cache
from lms.db import db
from lms.models import CertificationGrant
from lms.web.page_cache import CACHE
from tests.conftest import count_statements, make_user, password_hash
from tests.helpers.certification import cert_id, certified, rep_page
from tests.helpers.sign_in import sign_in

EXPIRED_REASON = "Certification expired: Certified Starter expired on 4 Jan 2028"


def dashboard(client, org) -> str:
    return client.get(f"/reports/teams/{org['east']}").get_data(as_text=True)


def test_the_dashboard_column_then_the_expired_status(app, client, cert_org, freeze_clock):
    certified(app, client, cert_org)
    sign_in(client, "boss@example.com")
    html = dashboard(client, cert_org)
    assert "Valid</span> <small>Certified Starter, to 4 Jan 2028</small>" in html
    freeze_clock(datetime(2028, 1, 4, 10, tzinfo=UTC))
    html = dashboard(client, cert_org)
    assert "Certification expired</span>" in html and EXPIRED_REASON in html
    assert "Expired</span> <small>Certified Starter" in html
    detail = client.get(f"/reports/teams/{cert_org['east']}/reps/{cert_org['ana']}")
    assert EXPIRED_REASON in detail.get_data(as_text=True)


def add_holders(app, count: int, team: str, certification: int, now: datetime) -> None:
    """`count` reps of a new team, each holding the certification (granted directly)."""
    for n in range(count):
        rep_id = make_user(
            app,
            email=f"{team.lower()}{n}@example.com",
            team_name=team,
            password_hash=password_hash(),
        )
        with app.app_context(), db.writing() as session:
            session.add(
                CertificationGrant(
                    certification_id=certification,
                    user_id=rep_id,
                    public_id=f"{team}-{n}-" + "x" * 30,
                    title="Certified Starter",
                    granted_at=now,
                    expires_at=now + timedelta(days=20 + n),
                    versions={},
                )
            )


def statements(client, url: str) -> int:
    """The statements of a rendered view (a page kept per user, lms/web/page_cache.py, dropped)."""
    app_cache(client.application, CACHE).clear()
    with count_statements(client.application) as found:
        assert client.get(url).status_code == 200
    return len(found)


@pytest.mark.parametrize("page", ["report", "mine", "rep", "certificate", "verify"])
def test_pages_do_not_grow_with_the_data(app, client, cert_org, start, page):
    grant = certified(app, client, cert_org)
    urls = {
        "report": "/reports/certifications",
        "mine": "/certifications",
        "rep": rep_page(cert_org),
        "certificate": f"/certificates/{grant.public_id}",
        "verify": f"/verify/{grant.public_id}",
    }
    who = {"mine": "ana@example.com", "certificate": "ana@example.com", "verify": None}
    email = who.get(page, "admin@example.com")
    if email:
        sign_in(client, email)
    client.get(urls[page])  # warm what is cached once
    before = statements(client, urls[page])
    add_holders(app, 12, "North", cert_id(app), start)
    assert statements(client, urls[page]) == before
