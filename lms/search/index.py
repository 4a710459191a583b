"""Rebuild the search documents from what is stored, in the importer's transaction."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from lms.content.library import item_url
from lms.content.plain import fold, plain_text, sections
from lms.models import Course, LibraryItem, Module, Question, SearchDocument

MAX_TITLE = 500


def _document(kind: str, title: str, url: str, body: str, **extra) -> dict:
    title = title[:MAX_TITLE]
    return {
        "kind": kind,
        "title": title,
        "url": url,
        "body": body,
        "title_folded": fold(title),
        "haystack": fold(title) + "\n" + fold(body),
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
        select(Question.module_id, Question.course_id, Question.data).where(
            Question.retired_at.is_(None), Question.module_id.in_(urls)
        )
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


def rebuild(session: Session) -> int:
    """Replace every search document with one built from the stored content; the count.

    On SQLite the FTS5 table reads the documents again ("rebuild"); PostgreSQL's indexes
    follow the table by themselves.
    """
    session.flush()
    docs = _course_documents(session) + _library_documents(session)
    session.execute(delete(SearchDocument))
    if docs:
        session.execute(insert(SearchDocument), docs)
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql(
            "INSERT INTO search_engine_fts(search_engine_fts) VALUES ('rebuild')"
        )
    return len(docs)
