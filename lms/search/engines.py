"""The query each database's engine answers: SQLite FTS5 trigram, PostgreSQL FTS plus pg_trgm.

Both match the folded text (lowercase, no accents) of the search documents, so "resume"
finds "résumé" and a query is folded the same way first. Trigrams match inside words
("objec" finds "objection") and inside text without spaces (Chinese, Japanese).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

TRIGRAM = 3
"""Shorter terms ("定价", two characters) have no trigram of their own. On SQLite they become
the indexed trigrams that start with them (see _expand); on PostgreSQL, outside ASCII, an
index of one- and two-character grams (_gram), and LIKE over a scan for the rest."""
LIMIT = 30
MAX_EXPANSION = 64
"""A short term that starts more trigrams than this ("a") is matched with LIKE instead."""
# FTS5's own list of the trigrams it indexed, per connection (temp: nothing is stored).
_VOCAB = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_engine_vocab "
    "USING fts5vocab(main, search_engine_fts, row)"
)
_LAST = "\U0010ffff"
CANDIDATES = 90


@dataclass(frozen=True)
class Filters:
    """What the search may return: the user's courses and the page's filters."""

    course_ids: frozenset[int]  # the courses the user may open
    kind: str = ""  # course | module | question | library, or "" for all
    course_id: int | None = None
    item_kind: str = ""
    persona: str = ""
    stage: str = ""


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(filters: Filters, params: dict, prefix: str = "d.") -> list[str]:
    """Access and filter conditions, shared by both engines."""
    ids = sorted(filters.course_ids) or [-1]
    params.update({f"c{i}": course_id for i, course_id in enumerate(ids)})
    course_list = ", ".join(f":c{i}" for i in range(len(ids)))
    where = [f"({prefix}course_id IN ({course_list}) OR {prefix}item_id IS NOT NULL)"]
    if filters.kind:
        where.append(f"{prefix}kind = :kind")
        params["kind"] = filters.kind
    if filters.course_id is not None:
        where.append(f"{prefix}course_id = :course_id")
        params["course_id"] = filters.course_id
    if filters.item_kind:
        where.append(f"{prefix}item_kind = :item_kind")
        params["item_kind"] = filters.item_kind
    if filters.persona:
        where.append(f"{prefix}personas LIKE :persona")
        params["persona"] = f"% {filters.persona} %"
    if filters.stage:
        where.append(f"{prefix}stages LIKE :stage")
        params["stage"] = f"% {filters.stage} %"
    return where


_COLUMNS = "d.id, d.kind, d.title, d.url, d.body, d.course_id, d.item_kind"


def _phrase(term: str) -> str:
    """The term as a quoted FTS5 phrase: syntax in the user's words is never interpreted."""
    return '"' + term.replace('"', '""') + '"'


def _expand(session: Session, term: str) -> list[str] | None:
    """The indexed trigrams that start with a short term, from FTS5's vocabulary (a range
    read of its index); None when there are too many to OR together.

    Every occurrence of the term is followed by some character (a document's haystack ends
    with a line break, lms/search/index.py), so the documents holding one of these trigrams
    are exactly those holding the term.
    """
    session.connection().exec_driver_sql(_VOCAB)
    found = session.scalars(
        text(
            # A constant limit; the term is bound.
            "SELECT term FROM temp.search_engine_vocab WHERE term >= :low AND term < :high "  # nosec B608
            f"LIMIT {MAX_EXPANSION + 1}"
        ),
        {"low": term, "high": term + _LAST},
    ).all()
    return None if len(found) > MAX_EXPANSION else list(found)


def _sqlite(session: Session, terms: list[str], filters: Filters) -> list:
    params: dict = {}
    where = _where(filters, params)
    groups = [_phrase(t) for t in terms if len(t) >= TRIGRAM]
    for index, term in enumerate(t for t in terms if len(t) < TRIGRAM):
        trigrams = _expand(session, term)
        if trigrams == []:
            return []  # no document holds the term
        if trigrams is None:
            where.append(f"f.haystack LIKE :s{index} ESCAPE '\\'")
            params[f"s{index}"] = _like(term)
        else:
            groups.append("(" + " OR ".join(_phrase(t) for t in trigrams) + ")")
    if groups:
        params["match"] = " AND ".join(groups)
        where.append("search_engine_fts MATCH :match")
        rank = "bm25(search_engine_fts, 5.0, 1.0)"
    else:
        rank = "0"
    # Only constant fragments are joined into the SQL; every user value is a bound parameter.
    sql = (
        f"SELECT {_COLUMNS}, {rank} AS rank FROM search_engine_fts AS f "  # nosec B608
        "JOIN search_documents AS d ON d.id = f.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY rank, d.id LIMIT {LIMIT}"
    )
    return list(session.execute(text(sql), params))


def _postgres(session: Session, terms: list[str], filters: Filters) -> list:
    params: dict = {"q": " ".join(terms)}
    where = " AND ".join(_where(filters, params))
    likes = []
    for index, term in enumerate(terms):
        if _gram(term):
            # One or two characters outside ASCII (定价): no trigram of their own, so the
            # index of such grams answers them (lms/models/library.py).
            likes.append(f"search_engine_grams(d.haystack) @> ARRAY[CAST(:t{index} AS text)]")
            params[f"t{index}"] = term
        else:
            # Text and terms are folded already: LIKE, not ILIKE, spares a lower() per row.
            likes.append(f"d.haystack LIKE :t{index}")
            params[f"t{index}"] = _like(term)
    found = " AND ".join(likes)
    # Cheap first: words in the title, then how often the first word occurs. Full-text rank
    # (ts_rank over the stored tsvector) then orders only those best candidates, so a common
    # word in 10,000 documents costs a bounded number of rankings. The first word's count is
    # its bytes removed over its bytes: the same number as with characters, but length()
    # decodes UTF-8 and octet_length() does not, which matters over 1,700 documents.
    cheap = (
        "CASE WHEN strpos(d.title_folded, :w0) > 0 THEN 2 ELSE 0 END"
        " + word_similarity(:q, d.title_folded)"
        " + (octet_length(d.haystack) - octet_length(replace(d.haystack, :w0, '')))"
        " / octet_length(:w0) / (10.0 + length(d.haystack) / 200.0)"
    )
    params["w0"] = terms[0]
    pick = f"SELECT d.id, {cheap} AS cheap FROM search_documents AS d WHERE {where}"  # nosec B608
    order = f"ORDER BY cheap DESC, d.id LIMIT {CANDIDATES}"
    # Only constant fragments are joined into the SQL; every user value is a bound parameter.
    candidates = f"exact AS MATERIALIZED ({pick} AND {found} {order})"  # nosec B608
    union = "SELECT * FROM exact"
    if len(params["q"]) >= TRIGRAM:
        # Too few exact matches: titles close enough to the query too, for a misspelling
        # (pg_trgm's <%). The count is a one-time filter: with enough exact matches the
        # title scan never runs, and the page still sends one statement.
        candidates += (
            f", fuzzy AS ({pick} AND (SELECT count(*) FROM exact) < {LIMIT} "  # nosec B608
            f"AND :q <% d.title_folded AND d.id NOT IN (SELECT id FROM exact) {order})"
        )
        union += " UNION ALL SELECT * FROM fuzzy"
    sql = (
        f"WITH {candidates}, c AS ({union}) "  # nosec B608
        f"SELECT {_COLUMNS}, -(c.cheap + ts_rank(d.search_engine_tsvector, "
        "plainto_tsquery('simple', :q))) AS rank FROM c "
        "JOIN search_documents AS d ON d.id = c.id "
        f"ORDER BY rank, d.id LIMIT {LIMIT}"
    )
    return list(session.execute(text(sql), params))


def _gram(term: str) -> bool:
    """A term of one or two characters outside ASCII, which the grams index holds."""
    return len(term) < TRIGRAM and all(not c.isascii() for c in term)


ENGINES = {"sqlite": _sqlite, "postgresql": _postgres}


def run(session: Session, terms: list[str], filters: Filters) -> list:
    """Rows (id, kind, title, url, body, course_id, item_kind, rank), best first."""
    return ENGINES[session.get_bind().dialect.name](session, terms, filters)
