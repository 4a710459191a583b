"""Keep the search documents in step with what is stored, in the importer's transaction."""

from __future__ import annotations

from collections import Counter
from itertools import islice

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session

from lms.content.library import item_url
from lms.content.plain import fold, plain_text, sections
from lms.models import Course, LibraryItem, Module, Question, SearchDocument

MAX_TITLE = 500
CHUNK = 500  # ids per statement: far below every engine's limit on bound parameters
# Every column but id: two documents with the same values are the same document.
COLUMNS = ("kind", "title", "url", "body", "title_folded", "haystack", "course_id", "item_id",
           "item_kind", "personas", "stages")  # fmt: skip


def _document(kind: str, title: str, url: str, body: str, **extra) -> dict:
    title = title[:MAX_TITLE]
    return {
        "kind": kind,
        "title": title,
        "url": url,
        "body": body,
        "title_folded": fold(title),
        # The final line break follows every word, so a short term at the very end still
        # starts a trigram (lms/search/engines.py: _expand).
        "haystack": fold(title) + "\n" + fold(body) + "\n",
        "course_id": extra.get("course_id"),
        "item_id": extra.get("item_id"),
        "item_kind": extra.get("item_kind"),
        "personas": extra.get("personas", ""),
        "stages": extra.get("stages", ""),
    }


def _spaced(slugs: list[str]) -> str:
    """Slugs wrapped in spaces, so a filter matches " cfo " and never part of a slug."""
    return " " + " ".join(slugs) + " " if slugs else ""


def _course_documents(session: Session) -> list[dict]:
    docs = []
    courses = session.scalars(select(Course).where(Course.retired_at.is_(None))).all()
    by_id = {c.id: c for c in courses}
    for course in courses:
        text = "\n".join(filter(None, [course.summary, plain_text(course.overview_html)]))
        docs.append(_document("course", course.title, f"/courses/{course.slug}", text,
                              course_id=course.id))  # fmt: skip
    modules = session.scalars(
        select(Module).where(Module.retired_at.is_(None), Module.course_id.in_(by_id))
    ).all()
    for module in modules:
        base = f"/courses/{by_id[module.course_id].slug}/{module.slug}"
        for section in sections(module.body_html):
            title = f"{module.title} › {section.heading}" if section.heading else module.title
            url = f"{base}#{section.anchor}" if section.anchor else base
            docs.append(_document("module", title, url, section.text, course_id=module.course_id))
    urls = {m.id: f"/courses/{by_id[m.course_id].slug}/{m.slug}" for m in modules}
    titles = {m.id: m.title for m in modules}
    questions = session.execute(
        select(Question.module_id, Question.course_id, Question.data)
        .where(Question.retired_at.is_(None), Question.module_id.in_(urls))
        .order_by(Question.module_id, Question.position, Question.id)
    )
    for module_id, course_id, data in questions:
        # The prompt only: choices, answers and explanations are never indexed.
        prompt = plain_text(data.get("prompt_html", ""))
        docs.append(_document("question", f"Quiz: {titles[module_id]}", urls[module_id] + "#quiz",
                              prompt, course_id=course_id))  # fmt: skip
    return docs


def _library_documents(session: Session) -> list[dict]:
    items = session.scalars(select(LibraryItem).where(LibraryItem.retired_at.is_(None)))
    return [
        _document(
            "library",
            item.title,
            item_url(item.slug),
            item.body_text,
            item_id=item.id,
            item_kind=item.kind,
            personas=_spaced(item.personas),
            stages=_spaced(item.stages),
        )
        for item in items
    ]


def _chunks(ids: list[int]):
    it = iter(ids)
    while chunk := tuple(islice(it, CHUNK)):
        yield chunk


def _key(doc) -> tuple:
    return tuple(doc[c] for c in COLUMNS)


def update(session: Session) -> Counter:
    """Make the search documents match the stored content, touching only those that differ.

    A document is its values: one whose source changed is removed and its new form added;
    the others are not written at all, so an unchanged import rewrites nothing. On SQLite
    the FTS5 table (external content) is told of each removal and addition; PostgreSQL's
    indexes follow the table by themselves. Counts of added, removed and unchanged.
    """
    session.flush()
    wanted = Counter(_key(d) for d in _course_documents(session) + _library_documents(session))
    columns = [getattr(SearchDocument, c) for c in COLUMNS]
    stale: list[int] = []
    for row in session.execute(select(SearchDocument.id, *columns).order_by(SearchDocument.id)):
        key = tuple(row[1:])
        if wanted[key] > 0:
            wanted[key] -= 1  # this one stays as it is
        else:
            stale.append(row.id)
    added = [dict(zip(COLUMNS, key, strict=True)) for key in wanted.elements()]
    sqlite = session.get_bind().dialect.name == "sqlite"
    for ids in _chunks(stale):
        if sqlite:
            _fts(session, "SELECT 'delete', id, title_folded, haystack", ids)
        session.execute(delete(SearchDocument).where(SearchDocument.id.in_(ids)))
    if added:
        new_ids = session.scalars(insert(SearchDocument).returning(SearchDocument.id), added)
        for ids in _chunks(list(new_ids)):
            if sqlite:
                _fts(session, "SELECT id, title_folded, haystack", ids, command=False)
    total = session.scalar(select(func.count()).select_from(SearchDocument))
    return Counter(added=len(added), removed=len(stale), unchanged=total - len(added))


def _fts(session: Session, columns: str, ids: tuple[int, ...], command: bool = True) -> None:
    """Tell SQLite's FTS5 table of documents removed ('delete' command) or added."""
    target = "search_engine_fts, rowid" if command else "rowid"
    params = {f"i{n}": i for n, i in enumerate(ids)}
    id_list = ", ".join(f":i{n}" for n in range(len(ids)))
    # Constant SQL with the ids bound; the documents' own values are read by SQLite itself.
    sql = (
        f"INSERT INTO search_engine_fts({target}, title_folded, haystack) "  # nosec B608
        f"{columns} FROM search_documents WHERE id IN ({id_list})"
    )
    session.execute(text(sql), params)
