"""Certification pages: the rep's progress, the manager's sign-off, certificates, verification."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from pypdf import PdfReader
from sqlalchemy import select

from lms.db import db
from lms.models import SignOff, UserEvent
from tests.conftest import finish_basics
from tests.helpers.certification import cert_id, certified, rep_page, sign_off_url
from tests.helpers.sign_in import sign_in


def test_the_rep_sees_what_is_done_and_what_remains(client, cert_org):
    sign_in(client, "ana@example.com")
    finish_basics(client)
    html = client.get("/certifications").get_data(as_text=True)
    assert "Certified Starter" in html and "In progress" in html
    assert "1 of 4 done" in html
    assert (
        "Delivered the standard demo to their manager: <span>waiting for your manager</span>"
        in html
    )


def test_the_manager_signs_off_and_the_certificate_is_granted(app, client, cert_org):
    grant = certified(app, client, cert_org)
    assert grant is not None and grant.title == "Certified Starter"
    with app.app_context():
        (row,) = db.session.scalars(select(SignOff)).all()
        assert (row.note, row.manager_id) == ("Crisp demo", cert_org["boss"])
    sign_in(client, "ana@example.com")
    html = client.get("/certifications").get_data(as_text=True)
    assert "Valid" in html and "Granted 4 Jan 2027, valid until 4 Jan 2028" in html
    assert "confirmed 4 Jan 2027 (“Crisp demo”)" not in html  # renewal has no sign-offs yet


def test_only_the_reps_own_manager_may_sign_off(app, client, cert_org):
    url = sign_off_url(cert_org, cert_id(app))
    prefix = f"s{cert_id(app)}-standard-demo"
    data = {f"{prefix}-confirmed_on": "2027-01-04"}
    sign_in(client, "wes@example.com")  # manages West, not ana's East
    assert client.post(url, data=data).status_code == 404
    assert client.get(rep_page(cert_org)).status_code == 404
    client.post("/logout")
    sign_in(client, "admin@example.com")
    assert client.get(rep_page(cert_org)).status_code == 200
    assert client.post(url, data=data).status_code == 403
    with app.app_context():
        assert db.session.scalars(select(SignOff)).all() == []


def test_a_future_or_missing_date_is_refused_on_the_form(app, client, cert_org):
    sign_in(client, "boss@example.com")
    prefix = f"s{cert_id(app)}-standard-demo"
    url = sign_off_url(cert_org, cert_id(app))
    future = client.post(url, data={f"{prefix}-confirmed_on": "2027-02-01"})
    assert future.status_code == 422
    assert "The sign-off date cannot be in the future." in future.get_data(as_text=True)
    bad = client.post(url, data={f"{prefix}-confirmed_on": "yesterday"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.get_data(as_text=True)


def test_certificate_page_pdf_and_public_verification(app, client, cert_org):
    grant = certified(app, client, cert_org)
    sign_in(client, "bo@example.com")  # another rep: not theirs
    assert client.get(f"/certificates/{grant.public_id}").status_code == 404
    client.post("/logout")
    sign_in(client, "ana@example.com")
    html = client.get(f"/certificates/{grant.public_id}").get_data(as_text=True)
    assert "Certified Starter" in html and "Ana" in html and "Revoke" not in html
    pdf = client.get(f"/certificates/{grant.public_id}.pdf")
    assert pdf.mimetype == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert "Certified Starter" in text and "Ana" in text
    assert "Granted 2027-01-04" in text and "2028-01-04" in text
    # The printed link is on LMS_BASE_URL, not the host this request came in on.
    app.config["BASE_URL"] = "https://lms.example.test"
    again = client.get(f"/certificates/{grant.public_id}.pdf").data
    printed = PdfReader(io.BytesIO(again)).pages[0].extract_text().replace("\n", "")
    assert f"https://lms.example.test/verify/{grant.public_id}" in printed
    client.post("/logout")
    page = client.get(f"/verify/{grant.public_id}")
    shown = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Ana" in shown and "Certified Starter" in shown and "Valid" in shown
    assert "4 Jan 2027" in shown and "4 Jan 2028" in shown
    assert "ana@example.com" not in shown and "East" not in shown
    assert client.get("/verify/not-a-real-id").status_code == 404


def test_the_admin_revokes_with_a_reason_shown_on_verification(app, client, cert_org):
    grant = certified(app, client, cert_org)
    sign_in(client, "admin@example.com")
    url = f"/certificates/{grant.public_id}/revoke"
    assert client.post(url, data={"reason": "  "}).status_code == 422
    response = client.post(url, data={"reason": "Shared the exam answers"})
    assert response.status_code == 302
    client.post("/logout")
    shown = client.get(f"/verify/{grant.public_id}").get_data(as_text=True)
    assert "Revoked" in shown and "Shared the exam answers" not in shown
    with app.app_context():
        event = db.session.scalar(
            select(UserEvent).where(UserEvent.kind == "certification_revoked")
        )
        assert event.actor_id == cert_org["admin"]
        assert event.details["reason"] == "Shared the exam answers"
    sign_in(client, "ana@example.com")
    html = client.get("/certifications").get_data(as_text=True)
    assert "Your certificate was revoked" in html


def test_the_report_lists_holders_and_what_expires_this_quarter(
    app, client, cert_org, freeze_clock
):
    certified(app, client, cert_org)
    sign_in(client, "boss@example.com")
    html = client.get("/reports/certifications").get_data(as_text=True)
    assert "Nothing expires this quarter." in html
    assert re.search(r"Ana</a></th>\s*<td>East</td>", html)
    freeze_clock(datetime(2027, 12, 1, 9, tzinfo=UTC))
    html = client.get("/reports/certifications").get_data(as_text=True)
    assert "Ana: Certified Starter, expires 4 Jan 2028" not in html  # next quarter
    freeze_clock(datetime(2028, 1, 2, 9, tzinfo=UTC))
    html = client.get("/reports/certifications").get_data(as_text=True)
    assert "Ana: Certified Starter, expires 4 Jan 2028" in html
    client.post("/logout")
    sign_in(client, "wes@example.com")
    assert "Ana" not in client.get("/reports/certifications").get_data(as_text=True)
