"""Store the content library of an import: items and assets match the files, all or nothing."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.content.library import Library
from lms.models import LibraryAsset, LibraryItem


def _values(item) -> dict:
    return {
        "title": item.title,
        "kind": item.kind,
        "personas": list(item.personas),
        "stages": list(item.stages),
        "products": list(item.products),
        "owner": item.owner,
        "review_by": item.review_by,
        "shareable": item.shareable,
        "body_html": item.body_html,
        "body_text": item.body_text,
        "source": item.source,
        "retired_at": None,
    }


def store_library(
    session: Session, library: Library | None, now: datetime, retire: bool = True
) -> Counter:
    """Add, change and retire items (and replace assets) so they match library/.

    None (no library/ folder in a whole import) retires every item. Items are retired,
    never deleted: shares and usage keep pointing at them. retire=False (an uploaded zip)
    only adds and changes items and assets: what the zip does not hold stays.
    """
    counts: Counter = Counter()
    existing = {i.slug: i for i in session.scalars(select(LibraryItem))}
    items = library.items if library is not None else []
    for parsed in items:
        values = _values(parsed)
        row = existing.pop(parsed.slug, None)
        if row is None:
            session.add(LibraryItem(slug=parsed.slug, imported_at=now, **values))
            counts["added"] += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.imported_at = now
            counts["changed"] += 1
        else:
            counts["unchanged"] += 1
    for row in existing.values() if retire else ():
        if row.retired_at is None:
            row.retired_at = now
            counts["retired"] += 1
    _assets(session, library.assets if library is not None else {}, retire)
    session.flush()
    return counts


def _assets(session: Session, files: dict[str, bytes], remove: bool) -> None:
    stored = {a.path: a for a in session.scalars(select(LibraryAsset))}
    for path, data in files.items():
        digest = hashlib.sha256(data).hexdigest()
        asset = stored.pop(path, None)
        if asset is None:
            session.add(LibraryAsset(path=path, sha256=digest, data=data))
        elif asset.sha256 != digest:
            asset.sha256, asset.data = digest, data
    for asset in stored.values() if remove else ():
        session.delete(asset)
