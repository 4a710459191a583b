"""Demo library usage: views, copies, a share and searches that found nothing (idempotent)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from lms import clock
from lms.catalog import library
from lms.db import db
from lms.models import LibraryEvent, LibraryItem, Role, User
from lms.search.service import record_miss

# (item slug, action, days ago): a few weeks of a team using the library.
USAGE = [
    ("case-study-copperline", "view", 1),
    ("case-study-copperline", "view", 3),
    ("email-same-day-recap", "view", 2),
    ("email-same-day-recap", "copy", 2),
    ("email-first-touch-revops", "copy", 9),
    ("objection-too-expensive", "view", 5),
    ("battlecard-spreadsheets", "view", 12),
    ("talk-track-opening", "copy", 15),
]
MISSES = {"salesforce integration": 3, "discount approval form": 2, "gdpr": 1}


def seed_library(today: date | None = None) -> int:
    """Add the demo usage once, for the demo reps; return how many events were added."""
    today = today or clock.today()
    with db.writing() as session:
        if session.scalar(select(func.count()).select_from(LibraryEvent)):
            return 0
        items = {i.slug: i for i in session.scalars(select(LibraryItem))}
        reps = list(session.scalars(select(User).where(User.role == Role.REP).order_by(User.id)))
        if not reps or not items:
            return 0
        added = 0
        for index, (slug, action, ago) in enumerate(USAGE):
            if slug in items:
                rep = reps[index % len(reps)]
                library.record(session, items[slug], rep, action, today - timedelta(days=ago))
                added += 1
        if "case-study-nimbus-health" in items:
            library.share(session, items["case-study-nimbus-health"], reps[0], "Globex Health",
                          clock.now(), today)  # fmt: skip
        for query, count in MISSES.items():
            for _ in range(count):
                record_miss(session, query, clock.now())
    return added
