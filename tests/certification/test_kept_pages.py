"""The rep's certifications page, kept per user (lms/web/page_cache.py), follows grants and time."""

from __future__ import annotations

from datetime import UTC, datetime

from lms import clock
from lms.db import db
from lms.models import CertificationGrant
from tests.conftest import count_statements
from tests.helpers.certification import certified
from tests.helpers.sign_in import sign_in

MINE = "/certifications"


def view(client) -> tuple[str, bool]:
    """The page, and whether it was the kept copy (one statement)."""
    with count_statements(client.application) as seen:
        response = client.get(MINE)
    assert response.status_code == 200
    ran = [s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
    return response.get_data(as_text=True), len(ran) == 1


def kept_for_ana(app, client, cert_org):
    grant = certified(app, client, cert_org)
    sign_in(client, "ana@example.com")
    for _ in range(2):
        client.get(MINE)
    page, kept = view(client)
    assert kept and "Your certificate" in page
    return grant


def test_a_revoked_certificate_shows_at_once(app, client, cert_org):
    grant = kept_for_ana(app, client, cert_org)
    with app.app_context(), db.writing() as session:
        session.get(CertificationGrant, grant.id).revoked_at = clock.now()
    page, kept = view(client)
    assert not kept and "Your certificate was revoked" in page


def test_the_day_a_certificate_expires_it_shows_expired(app, client, cert_org, freeze_clock):
    kept_for_ana(app, client, cert_org)
    freeze_clock(datetime(2028, 1, 4, 10, tzinfo=UTC))
    page, kept = view(client)
    assert not kept and "expired" in page
