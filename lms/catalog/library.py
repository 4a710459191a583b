"""The library as reps use it: live items, filters, usage events and links shared with buyers."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import unescape
from urllib.parse import unquote

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.content.library import LIBRARY_ASSET_URL
from lms.models import LibraryAsset, LibraryEvent, LibraryItem, LibraryShare, User
from lms.models.library import MAX_COMPANY_CHARS
from lms.refusals import Refusal

ACTIONS = ("view", "copy", "share")
DEFAULT_SHARE_DAYS = 30
# The asset links the renderer wrote into an item's HTML: href="/library/assets/x.pdf".
_ASSET_LINK = re.compile(
    r'(?P<attr>\b(?:href|src))="' + re.escape(LIBRARY_ASSET_URL) + r'(?P<rest>[^"]*)"'
)


class ShareRefused(Refusal):
    """A share that cannot be made: the item is not shareable, or no company was given."""


@dataclass(frozen=True)
class ItemFilters:
    kind: str = ""
    persona: str = ""
    stage: str = ""
    product: str = ""


def live_item(session: Session, slug: str) -> LibraryItem | None:
    return session.scalar(
        select(LibraryItem).where(LibraryItem.slug == slug, LibraryItem.retired_at.is_(None))
    )


def live_items(session: Session) -> list[LibraryItem]:
    """Every item not retired, by title (one statement)."""
    return list(
        session.scalars(
            select(LibraryItem).where(LibraryItem.retired_at.is_(None)).order_by(LibraryItem.title)
        )
    )


def live_item_slugs(session: Session) -> tuple[str, ...]:
    """The slugs of the live items, for the stubs that let library: links resolve."""
    return tuple(session.scalars(select(LibraryItem.slug).where(LibraryItem.retired_at.is_(None))))


def filtered(items: list[LibraryItem], filters: ItemFilters) -> list[LibraryItem]:
    """The items that match every filter given (lists hold slugs, so filtering is exact)."""
    return [
        item
        for item in items
        if (not filters.kind or item.kind == filters.kind)
        and (not filters.persona or filters.persona in item.personas)
        and (not filters.stage or filters.stage in item.stages)
        and (not filters.product or filters.product in item.products)
    ]


def facets(items: list[LibraryItem]) -> dict[str, list[str]]:
    """The values each filter can take among the items, sorted."""
    return {
        "persona": sorted({p for i in items for p in i.personas}),
        "stage": sorted({s for i in items for s in i.stages}),
        "product": sorted({p for i in items for p in i.products}),
    }


def due_for_review(item: LibraryItem, today: date) -> bool:
    return item.review_by is not None and item.review_by < today


def review_list(items: list[LibraryItem], today: date) -> dict[str, list[LibraryItem]]:
    """Items past their review date, by owner (no owner: "")."""
    owners: dict[str, list[LibraryItem]] = {}
    for item in items:
        if due_for_review(item, today):
            owners.setdefault(item.owner, []).append(item)
    return dict(sorted(owners.items()))


def record(session: Session, item: LibraryItem, user: User, action: str, today: date) -> None:
    """Count one view, copy or share for the item, the user and their team."""
    session.add(
        LibraryEvent(
            item_id=item.id, user_id=user.id, team_id=user.team_id, action=action, day=today
        )
    )


def share(
    session: Session,
    item: LibraryItem,
    user: User,
    company: str,
    now: datetime,
    today: date,
    days: int = DEFAULT_SHARE_DAYS,
) -> LibraryShare:
    """A new link to a shareable item for the buyer's company, as the rep typed it."""
    company = " ".join(company.split())
    if not item.shareable:
        raise ShareRefused("This item is for internal use only: it cannot be shared.")
    if not company:
        raise ShareRefused("Type the buyer's company, so the share can be found later.")
    if len(company) > MAX_COMPANY_CHARS:
        raise ShareRefused(f"The company name may be at most {MAX_COMPANY_CHARS} characters.")
    link = LibraryShare(
        token=secrets.token_urlsafe(32),
        item_id=item.id,
        user_id=user.id,
        company=company,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    session.add(link)
    record(session, item, user, "share", today)
    session.flush()
    return link


def my_shares(session: Session, item: LibraryItem, user: User) -> list[LibraryShare]:
    """The user's links to this item, newest first."""
    return list(
        session.scalars(
            select(LibraryShare)
            .where(LibraryShare.item_id == item.id, LibraryShare.user_id == user.id)
            .order_by(LibraryShare.created_at.desc(), LibraryShare.id.desc())
        )
    )


def open_share(session: Session, token: str, now: datetime) -> LibraryShare | None:
    """The share behind a public link, only while it is live: not expired, not revoked, and
    its item still shareable and not retired. Anything else is None (the page is a 404)."""
    link = session.scalar(
        select(LibraryShare)
        .join(LibraryShare.item)
        .where(
            LibraryShare.token == token,
            LibraryShare.revoked_at.is_(None),
            LibraryShare.expires_at > now,
            LibraryItem.shareable.is_(True),
            LibraryItem.retired_at.is_(None),
        )
    )
    return link


def revoke(session: Session, share_id: int, user: User, now: datetime) -> LibraryShare | None:
    """Revoke the user's own share; None when it is not theirs or does not exist."""
    link = session.get(LibraryShare, share_id)
    if link is None or link.user_id != user.id:
        return None
    if link.revoked_at is None:
        link.revoked_at = now
    return link


def item_asset_paths(item: LibraryItem) -> set[str]:
    """The stored paths ("assets/x.pdf") of the assets the item's own text links to."""
    paths = set()
    for match in _ASSET_LINK.finditer(item.body_html):
        rest = unescape(match["rest"]).split("#", 1)[0].split("?", 1)[0]
        paths.add("assets/" + unquote(rest))
    return paths


def shared_html(link: LibraryShare) -> str:
    """The item's HTML with its asset links pointing through the share link, for the buyer."""
    base = f"/shared/{link.token}/assets/"
    return _ASSET_LINK.sub(lambda m: f'{m["attr"]}="{base}{m["rest"]}"', link.item.body_html)


def shared_asset(session: Session, token: str, path: str, now: datetime) -> LibraryAsset | None:
    """An asset through a live share link, only when the shared item's text links to it."""
    link = open_share(session, token, now)
    if link is None or f"assets/{path}" not in item_asset_paths(link.item):
        return None
    return session.scalar(select(LibraryAsset).where(LibraryAsset.path == f"assets/{path}"))
