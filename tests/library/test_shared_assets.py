"""A share link reaches its item's own assets signed out, while it is live, and nothing else."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from lms.db import db
from lms.models import LibraryShare, Role
from tests.conftest import build_app, drop_app, import_folder, make_user
from tests.helpers.library import library_tree
from tests.helpers.sign_in import csrf_token, signed_in_client

REP = "rep@example.com"
PDF = b"%PDF-1.4 the Northwind story"
DECK = b"%PDF-1.4 price deck"
SECRET = b"%PDF-1.4 Acme landmines"


@pytest.fixture(scope="module")
def shared_app(tmp_path_factory):
    """The library tree with assets: a case study links a PDF and an image, another shareable
    item its own deck, the battlecard (not shareable) its own file; one asset nobody links."""
    root = library_tree(tmp_path_factory.mktemp("shared") / "courses")
    assets = root / "library" / "assets"
    assets.mkdir()
    for name, data in {
        "northwind story.pdf": PDF,
        "charts/ramp.png": b"\x89PNG ramp",
        "price-deck.pdf": DECK,
        "acme-landmines.pdf": SECRET,
        "unlinked.pdf": b"%PDF-1.4 nobody",
    }.items():
        (assets / name).parent.mkdir(parents=True, exist_ok=True)
        (assets / name).write_bytes(data)
    links = {
        "northwind-case-study.md": "\n[The full story](assets/northwind%20story.pdf)\n\n"
        "![Ramp time](assets/charts/ramp.png)\n",
        "pricing-objection.md": "\n[Price deck](assets/price-deck.pdf)\n",
        "acme-battlecard.md": "\n[Landmines](assets/acme-landmines.pdf)\n",
    }
    for name, extra in links.items():
        item = root / "library" / name
        item.write_text(item.read_text(encoding="utf-8") + extra, encoding="utf-8")
    app = build_app(root.parent, COURSES_DIR=str(root))
    import_folder(app, root)
    make_user(app, REP, role=Role.REP)
    yield app
    drop_app(app)


def _link(app, slug: str, company: str) -> str:
    """A fresh share link for the item, made by the rep through the page."""
    rep = signed_in_client(app, REP)
    token = csrf_token(rep.get(f"/library/{slug}").get_data(as_text=True))
    response = rep.post(f"/library/{slug}/share", data={"company": company, "csrf_token": token})
    assert response.status_code == 302
    with app.app_context():
        made = db.session.query(LibraryShare).filter_by(company=company).one()
        return f"/shared/{made.token}"


def test_the_buyer_opens_the_items_own_assets_through_the_link(shared_app):
    link = _link(shared_app, "northwind-case-study", "Globex")
    buyer = shared_app.test_client()
    html = buyer.get(link).get_data(as_text=True)
    hrefs = re.findall(r'(?:href|src)="([^"]*assets[^"]*)"', html)
    assert hrefs == [f"{link}/assets/northwind%20story.pdf", f"{link}/assets/charts/ramp.png"]
    response = buyer.get(hrefs[0])
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert buyer.get(hrefs[1]).data == b"\x89PNG ramp"


def test_nothing_else_is_reachable_signed_out(shared_app):
    link = _link(shared_app, "northwind-case-study", "Initech")
    buyer = shared_app.test_client()
    for other in ("price-deck.pdf", "acme-landmines.pdf", "unlinked.pdf", "diagram.png",
                  "../assets/price-deck.pdf", "missing.pdf"):  # fmt: skip
        assert buyer.get(f"{link}/assets/{other}").status_code == 404, other
    # The library's and the courses' own asset routes still need sign-in.
    for url in ("/library/assets/northwind%20story.pdf", "/courses/advanced/assets/diagram.png"):
        response = buyer.get(url)
        assert response.status_code == 302 and "/login" in response.location, url
    # A link to another item reaches that item's assets only.
    deck = _link(shared_app, "pricing-objection", "Hooli")
    assert buyer.get(f"{deck}/assets/price-deck.pdf").data == DECK
    assert buyer.get(f"{deck}/assets/northwind%20story.pdf").status_code == 404
    assert buyer.get("/shared/forged/assets/price-deck.pdf").status_code == 404


def test_an_expired_link_reaches_nothing(shared_app, freeze_clock):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    freeze_clock(start)
    link = _link(shared_app, "northwind-case-study", "Soylent")
    buyer = shared_app.test_client()
    asset = f"{link}/assets/northwind%20story.pdf"
    assert buyer.get(asset).status_code == 200
    freeze_clock(start + timedelta(days=30, minutes=1))
    assert buyer.get(asset).status_code == 404
    assert buyer.get(link).status_code == 404


def test_a_revoked_link_reaches_nothing(shared_app):
    link = _link(shared_app, "northwind-case-study", "Vandelay")
    buyer = shared_app.test_client()
    asset = f"{link}/assets/charts/ramp.png"
    assert buyer.get(asset).status_code == 200
    rep = signed_in_client(shared_app, REP)
    html = rep.get("/library/northwind-case-study").get_data(as_text=True)
    with shared_app.app_context():
        share_id = db.session.query(LibraryShare).filter_by(company="Vandelay").one().id
    rep.post(f"/library/shares/{share_id}/revoke", data={"csrf_token": csrf_token(html)})
    assert buyer.get(asset).status_code == 404
    assert buyer.get(link).status_code == 404
