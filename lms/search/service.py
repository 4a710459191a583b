"""Search as a user sees it: only what they may open, ranked, with highlighted snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html import escape

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from lms.content.plain import fold
from lms.models import Course, CourseRecord, Role, SearchMiss, User
from lms.models.library import MAX_QUERY_CHARS
from lms.search import engines
from lms.search.engines import Filters

SNIPPET_CHARS = 220
BEFORE_MATCH = 60
MAX_TERMS = 8
ELLIPSIS = Markup("…")
NOTHING = Markup("")
KIND_LABELS = {"course": "Course", "module": "Module", "question": "Quiz", "library": "Library"}


@dataclass(frozen=True)
class Hit:
    kind: str
    title: Markup
    url: str
    snippet: Markup
    item_kind: str | None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def terms_of(query: str) -> list[str]:
    """The folded words of a query, at most eight, each once."""
    seen: list[str] = []
    for term in fold(query[:MAX_QUERY_CHARS]).split():
        if term not in seen:
            seen.append(term)
    return seen[:MAX_TERMS]


def openable_course_ids(session: Session, user: User) -> frozenset[int]:
    """Live courses the user may open: all of them, except, for a rep, those still locked.

    As on the course pages: a draft or retired course opens to no one in search, and a
    rep's course is locked until every live prerequisite has been completed once.
    """
    courses = session.execute(
        select(Course.id, Course.slug, Course.prerequisites).where(
            Course.retired_at.is_(None), Course.draft.is_(False)
        )
    ).all()
    if user.role is not Role.REP:
        return frozenset(c.id for c in courses)
    earned = set(
        session.scalars(
            select(CourseRecord.course_id).where(
                CourseRecord.user_id == user.id, CourseRecord.completed_at.is_not(None)
            )
        )
    )
    slugs = {c.slug: c.id for c in courses}
    return frozenset(
        c.id
        for c in courses
        if all(slugs[p] in earned for p in (c.prerequisites or []) if p in slugs)
    )


def _spans(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the terms occur in the folded text, merged and in order."""
    found = sorted((m.start(), m.end()) for t in terms for m in re.finditer(re.escape(t), folded))
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: list[str], start: int = 0, end: int | None = None) -> Markup:
    """The text from start to end, escaped, then each matched term wrapped in <mark>."""
    end = len(text) if end is None else end
    out, done = [], start
    for s, e in _spans(fold(text), terms):
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[done:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        done = e
    out.append(escape(text[done:end]))
    # Every piece of text above is escaped; only the <mark> tags are ours.
    return Markup("".join(out))  # nosec B704


def snippet(body: str, terms: list[str]) -> Markup:
    """About 220 characters of the body around its first match, matches marked."""
    spans = _spans(fold(body), terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - BEFORE_MATCH)
    if start:
        space = body.rfind(" ", 0, start + 1)
        start = space + 1 if space > start - 20 else start
    end = min(len(body), start + SNIPPET_CHARS)
    marked = highlight(body, terms, start, end)
    return (ELLIPSIS if start else NOTHING) + marked + (ELLIPSIS if end < len(body) else NOTHING)


def search(session: Session, query: str, filters: Filters) -> list[Hit]:
    """Ranked hits for the query within the filters; [] for an empty query."""
    terms = terms_of(query)
    if not terms:
        return []
    rows = engines.run(session, terms, filters)
    return [
        Hit(row.kind, highlight(row.title, terms), row.url, snippet(row.body, terms), row.item_kind)
        for row in rows
    ]


def record_miss(session: Session, query: str, now: datetime) -> None:
    """Count a search that found nothing, by its folded words (one statement)."""
    key = " ".join(terms_of(query))[:MAX_QUERY_CHARS]
    if not key:
        return
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(SearchMiss).values(query=key, count=1, last_at=now)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["query"],
            set_={"count": SearchMiss.count + 1, "last_at": now},
        )
    )


def misses(session: Session, limit: int = 100) -> list[SearchMiss]:
    """The searches that found nothing, most frequent first."""
    return list(
        session.scalars(
            select(SearchMiss).order_by(SearchMiss.count.desc(), SearchMiss.query).limit(limit)
        )
    )
