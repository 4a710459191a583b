"""The library pages: filters, copying, freshness, sharing with buyers and usage."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from lms.db import db
from lms.models import LibraryItem, LibraryShare
from tests.helpers.sign_in import csrf_token, signed_in_client
from tests.library.conftest import MANAGER, REP, TRAINER


@pytest.fixture(scope="module")
def rep_client(library_app):
    return signed_in_client(library_app, REP)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def share(client, slug: str, company: str):
    token = csrf_token(page(client, f"/library/{slug}"))
    return client.post(f"/library/{slug}/share", data={"company": company, "csrf_token": token})


def share_link(client, slug: str) -> str:
    html = page(client, f"/library/{slug}")
    return re.findall(r'value="http://localhost(/shared/[^"]+)"', html)[0]


def test_the_library_filters_by_kind_persona_stage_and_product(rep_client):
    html = page(rep_client, "/library")
    assert "Northwind case study" in html and "定价说明" in html
    html = page(rep_client, "/library?kind=email-template")
    assert "Follow-up email after discovery" in html and "Northwind" not in html
    html = page(rep_client, "/library?persona=it-director&stage=evaluation")
    assert "Veloxa vs Acme battlecard" in html and "Northwind" not in html
    html = page(rep_client, "/library?product=veloxa-core")
    assert "Veloxa vs Acme battlecard" in html and "Follow-up" not in html


def test_an_item_past_review_shows_it_and_sits_on_the_owners_list(rep_client, library_app):
    assert "Due for review" in page(rep_client, "/library/acme-battlecard")
    assert "Due for review" not in page(rep_client, "/library/pricing-objection")
    trainer = signed_in_client(library_app, TRAINER)
    usage = page(trainer, "/library/usage")
    owners = usage.split("Due for review, by owner")[1]
    assert "enablement@example.com" in owners and "Veloxa vs Acme battlecard" in owners
    assert "Price objection handler" not in owners


def test_copy_gives_plain_text_and_counts(rep_client):
    html = page(rep_client, "/library/follow-up-email")
    assert '<textarea id="copy-text" readonly rows="10">Hi {{name}},' in html
    response = rep_client.post(
        "/library/follow-up-email/copy", data={"csrf_token": csrf_token(html)}
    )
    assert response.status_code == 302 and response.location.endswith("#copy-text")
    assert "copy-text" not in page(rep_client, "/library/northwind-case-study")


def test_a_shared_link_opens_signed_out_until_it_expires(library_app, rep_client, freeze_clock):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    freeze_clock(start)
    assert share(rep_client, "northwind-case-study", "  Globex   Corp ").status_code == 302
    link = share_link(rep_client, "northwind-case-study")
    buyer = library_app.test_client()
    html = page(buyer, link)
    assert "Northwind cut ramp time" in html and "Shared with Globex Corp" in html
    freeze_clock(start + timedelta(days=29, hours=23))
    assert buyer.get(link).status_code == 200
    freeze_clock(start + timedelta(days=30, minutes=1))
    assert buyer.get(link).status_code == 404
    assert "expired" in page(rep_client, "/library/northwind-case-study")


def test_a_revoked_link_stops_at_once(library_app, rep_client):
    share(rep_client, "pricing-zh", "Initech")
    link = share_link(rep_client, "pricing-zh")
    buyer = library_app.test_client()
    assert buyer.get(link).status_code == 200
    with library_app.app_context():
        share_id = db.session.query(LibraryShare).filter_by(company="Initech").one().id
    html = page(rep_client, "/library/pricing-zh")
    other = signed_in_client(library_app, MANAGER)
    refused = other.post(
        f"/library/shares/{share_id}/revoke",
        data={"csrf_token": csrf_token(page(other, "/library/pricing-zh"))},
    )
    assert refused.status_code == 404
    assert buyer.get(link).status_code == 200
    response = rep_client.post(
        f"/library/shares/{share_id}/revoke", data={"csrf_token": csrf_token(html)}
    )
    assert response.status_code == 302
    assert buyer.get(link).status_code == 404


def test_nothing_that_is_not_shareable_is_ever_reachable_signed_out(library_app, rep_client):
    html = page(rep_client, "/library/acme-battlecard")
    assert "Create a link" not in html and "Internal only" in html
    response = rep_client.post(
        "/library/acme-battlecard/share", data={"company": "Acme", "csrf_token": csrf_token(html)}
    )
    assert response.status_code == 302
    with library_app.app_context():
        assert db.session.query(LibraryShare).filter_by(company="Acme").count() == 0
    buyer = library_app.test_client()
    for url in ("/library/acme-battlecard", "/library", "/search?q=acme", "/library/usage"):
        response = buyer.get(url)
        assert response.status_code == 302 and "/login" in response.location, url
    # A live link whose item stops being shareable stops opening too.
    share(rep_client, "pricing-objection", "Umbrella")
    link = share_link(rep_client, "pricing-objection")
    assert buyer.get(link).status_code == 200
    with library_app.app_context(), db.writing() as session:
        item = session.query(LibraryItem).filter_by(slug="pricing-objection").one()
        item.shareable = False
    assert buyer.get(link).status_code == 404
    with library_app.app_context(), db.writing() as session:
        session.query(LibraryItem).filter_by(slug="pricing-objection").one().shareable = True
    assert buyer.get("/shared/" + "x" * 43).status_code == 404


def test_usage_counts_views_copies_and_shares(library_app, rep_client):
    page(rep_client, "/library/follow-up-email")
    trainer = signed_in_client(library_app, TRAINER)
    html = page(trainer, "/library/usage")
    row = re.search(r"<th scope=\"row\">Follow-up email after discovery</th>(.*?)</tr>", html)
    views, copies, shares = (int(n) for n in re.findall(r"<td>(\d+)</td>", row.group(1)))
    assert views >= 2 and copies >= 1 and shares == 0
    assert "Recent shares" in html
    assert signed_in_client(library_app, REP).get("/library/usage").status_code == 403
