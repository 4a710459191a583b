"""What trainers hear of: questions newly flagged by question quality, and import conflicts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup
from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from lms.analytics.quality import course_question_stats
from lms.messaging.events import enqueue_personal, render
from lms.messaging.links import absolute_url
from lms.models import Course, QuestionFlagNotice, Role, User

FLAGS_KIND = "question_flags"
CONFLICTS_KIND = "import_conflicts"
AUTHORS = (Role.TRAINER, Role.ADMIN)  # who writes and publishes courses
PROMPT_CHARS = 120


@dataclass(frozen=True)
class Flagged:
    """One question whose flag trainers have not heard of yet."""

    course: str
    module: str
    prompt: str  # plain text, shortened
    flag: str
    answered: int
    url: str  # the course's question-quality page


def authors(session: Session) -> list[User]:
    """Active trainers and admins, by id: the people who can act on course content."""
    return list(
        session.scalars(
            select(User).where(User.active.is_(True), User.role.in_(AUTHORS)).order_by(User.id)
        )
    )


def newly_flagged(session: Session, min_answers: int) -> list[Flagged]:
    """Flags not announced before, recorded as announced; flags that lapsed are forgotten.

    A question needs min_answers answers before its flag counts, so one early wrong answer
    does not raise an alarm. A flag that lapses and comes back is announced again.
    """
    found: list[Flagged] = []
    courses = session.scalars(
        select(Course).where(Course.retired_at.is_(None)).order_by(Course.title, Course.id)
    )
    for course in courses:
        items, _ = course_question_stats(session, course.id)
        holding = {
            (stats.key, stats.flag): (module, stats)
            for module, stats in items
            if stats.flag and stats.answered >= min_answers
        }
        known: set[tuple[str, str]] = set(
            session.execute(
                select(QuestionFlagNotice.question_key, QuestionFlagNotice.flag).where(
                    QuestionFlagNotice.course_id == course.id
                )
            ).all()
        )
        lapsed = known - holding.keys()
        if lapsed:
            session.execute(
                delete(QuestionFlagNotice).where(
                    QuestionFlagNotice.course_id == course.id,
                    tuple_(QuestionFlagNotice.question_key, QuestionFlagNotice.flag).in_(lapsed),
                )
            )
        url = absolute_url("authoring.question_quality", slug=course.slug)
        for key, flag in sorted(holding.keys() - known):
            module, stats = holding[(key, flag)]
            session.add(QuestionFlagNotice(course_id=course.id, question_key=key, flag=flag))
            found.append(
                Flagged(course.title, module, _plain(stats.prompt_html), flag, stats.answered, url)
            )
    session.flush()
    return found


def _plain(html: str) -> str:
    """A prompt's HTML as one short line of text."""
    # Only read as text (striptags also unescapes), never rendered as HTML.
    text = Markup(html).striptags()  # nosec B704
    return text if len(text) <= PROMPT_CHARS else text[: PROMPT_CHARS - 1].rstrip() + "…"


def _fingerprint(parts: Iterable[str]) -> str:
    """A short, stable name for a set of things announced together: part of the key."""
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()[:16]


def _tell_authors(
    session: Session,
    kind: str,
    key: str,
    subject: str,
    summary: str,
    link: str,
    send_at: datetime | None = None,
    **context,
) -> int:
    """One message of `kind` to every active trainer and admin; key gets the user's id."""
    stored = 0
    for author in authors(session):
        bodies = render(kind, user=author, subject=subject, **context)
        stored += enqueue_personal(
            session,
            author,
            kind,
            f"{kind}:{author.id}:{key}",
            subject,
            summary,
            bodies,
            link=link,
            send_at=send_at,
        )
    return stored


def schedule_flags(session: Session, today: date, send_at: datetime, min_answers: int) -> int:
    """Tell every trainer and admin about newly flagged questions, in one message each."""
    found = newly_flagged(session, min_answers)
    if not found:
        return 0
    count = len(found)
    subject = f"{count} question{'s' if count != 1 else ''} newly flagged by question quality"
    summary = "; ".join(f"{f.course} › {f.module}: {f.flag}" for f in found)
    ident = _fingerprint(f"{f.url}|{f.prompt}|{f.flag}" for f in found)
    key = f"{today.isoformat()}:{ident}"
    return _tell_authors(
        session, FLAGS_KIND, key, subject, summary, found[0].url, send_at, items=found, today=today
    )


def import_conflicts(session: Session, conflicts: list) -> int:
    """Tell trainers and admins which app edits an import of the files left alone.

    conflicts are the importer's `Conflict`s. The key names each module and its app version,
    so an unchanged repository imported again by CI every night announces nothing new.
    """
    if not conflicts:
        return 0
    count = len(conflicts)
    modules = f"{count} module{'s' if count != 1 else ''}"
    subject = f"An import kept {modules} edited in the app"
    summary = "; ".join(f"{c.key} (version {c.version})" for c in conflicts)
    ident = _fingerprint(f"{c.key}@{c.version}:{c.removed}" for c in conflicts)
    link = absolute_url("authoring.courses")
    return _tell_authors(
        session, CONFLICTS_KIND, ident, subject, summary, link, conflicts=conflicts, url=link
    )
