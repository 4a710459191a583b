"""Reminders for reps: at most one a day, grouping what is due soon and what is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms import clock
from lms.certification.reminders import schedule_certification_reminders
from lms.clock import relative_due
from lms.messaging.events import enqueue_personal, render
from lms.messaging.links import absolute_url
from lms.models import Enrollment, User
from lms.progress.queries import load_paths
from lms.reinforcement.boost import due_count

KIND = "reminder"
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class Due:
    """One course a reminder mentions."""

    title: str
    url: str
    due_date: date
    overdue: bool


def whats_due(session: Session, user: User, today: date) -> list[Due]:
    """The user's unfinished courses due within DUE_SOON_DAYS or overdue, most urgent first."""
    found: dict[str, Due] = {}
    for path in load_paths(session, user, today):
        for state in path.courses:
            due = state.due_date
            if due is None or state.complete or (due - today).days > DUE_SOON_DAYS:
                continue
            slug = state.course.slug
            if slug not in found or due < found[slug].due_date:
                found[slug] = Due(
                    state.course.title, absolute_url("learn.course", slug=slug), due, due < today
                )
    return sorted(found.values(), key=lambda d: (d.due_date, d.title))


def schedule(session: Session, org_today: date, hour: int = 0) -> int:
    """Enqueue today's reminder for every active rep with something due; safe to run again.

    The key (rep, "reminder", day) per channel makes a second run that day store nothing.
    The email leaves at `hour` in the rep's time zone (at once if that is past).
    """
    users = session.scalars(
        select(User)
        .where(User.active.is_(True), User.id.in_(select(Enrollment.user_id)))
        .order_by(User.id)
    ).all()
    stored = 0
    for user in users:
        # A rep who chose a time zone counts days in it: their today may be the org's +/- 1.
        today = clock.today_in(user.time_zone) if user.time_zone else org_today
        items = whats_due(session, user, today)
        boost = due_count(session, user, today)  # issue 16: the daily boost, sized by path
        if not items and not boost:
            continue
        subject = _subject(items) if items else _boost_line(boost)
        bodies = render(KIND, user=user, items=items, today=today, subject=subject, boost=boost)
        stored += enqueue_personal(
            session,
            user,
            KIND,
            f"{KIND}:{user.id}:{today.isoformat()}",
            subject,
            "; ".join(filter(None, [_summary(items, today), boost and _boost_line(boost)])),
            bodies,
            link="/",
            send_at=clock.at_hour(today, hour, clock.zone_name_of(user)),
        )
    return stored + schedule_certification_reminders(session, org_today)


def _subject(items: list[Due]) -> str:
    """ "2 courses overdue", or "Due soon: Basics and 1 more"."""
    overdue = sum(1 for item in items if item.overdue)
    if overdue:
        return f"{overdue} course{'s' if overdue != 1 else ''} overdue"
    more = f" and {len(items) - 1} more" if len(items) > 1 else ""
    return f"Due soon: {items[0].title}{more}"


def _summary(items: list[Due], today: date) -> str:
    """One line for the in-app list."""
    return "; ".join(f"{item.title}: {relative_due(item.due_date, today)}" for item in items)


def _boost_line(count: int) -> str:
    """ "3 questions in today's boost"."""
    return f"{count} question{'s' if count != 1 else ''} in today's boost"
