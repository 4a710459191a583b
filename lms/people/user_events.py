"""A user's history: record what happened to them, and say it in words on their page.

Recording is one call inside the transaction that makes the change, so the history and the
change are stored together or not at all:

    record_user_event(session, rep, actor, "attempts_granted", module="Pricing", extra=2)

Details must be JSON values (text, numbers, lists, dicts); dates go in as ISO text. A kind
without a describer below is still shown, as its name and its details.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from lms.models import User, UserEvent

HISTORY_PAGE_SIZE = 50


def _json(value: Any) -> Any:
    """Dates as ISO text, enums as their value; everything else as given."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def record_user_event(
    session: Session, user: User, actor: User | None, kind: str, **details: Any
) -> UserEvent:
    """Add one event to the user's history, in the caller's transaction.

    `actor` is who did it (None: the command line). Pass `source="import"` and `file=...`
    when the change comes from an HR import.
    """
    if user.id is None:
        session.flush()  # a user created in this transaction needs its id first
    event = UserEvent(
        user_id=user.id,
        actor_id=actor.id if actor is not None else None,
        kind=kind,
        details=_json(details),
    )
    session.add(event)
    return event


def _arrow(old: Any, new: Any) -> str:
    return f"{old or 'none'} → {new or 'none'}"


def _changes(details: dict) -> str:
    labels = {"name": "Name", "email": "Email", "start_date": "Start date"}
    changes = details.get("changes", {})
    return "; ".join(f"{labels.get(k, k)}: {_arrow(*v)}" for k, v in changes.items())


def _why(d: dict) -> str:
    """The reason a manager gave for a remedy, as a closing sentence."""
    return f". Reason: {d['reason']}" if d.get("reason") else ""


def _attempts(d: dict) -> str:
    extra = d.get("extra", 1)
    more = "1 more attempt" if extra == 1 else f"{extra} more attempts"
    return f"Granted {more} at {d.get('module')}{_why(d)}"


def _due(d: dict) -> str:
    what = f"path {d['path']} (last course)" if d.get("path") else f"course {d.get('course')}"
    return f"Due date for {what} set to {d.get('due')}{_why(d)}"


def _created(d: dict) -> str:
    parts = [f"Account created as {d.get('role', 'user')}"]
    if d.get("team"):
        parts.append(f"in {d['team']}")
    if d.get("start_date"):
        parts.append(f"starting {d['start_date']}")
    return " ".join(parts)


DESCRIBE: dict[str, Callable[[dict], str]] = {
    "created": _created,
    "profile_changed": lambda d: f"Details changed: {_changes(d)}",
    "role_changed": lambda d: f"Role changed: {_arrow(d.get('old'), d.get('new'))}",
    "team_changed": lambda d: f"Moved team: {_arrow(d.get('old'), d.get('new'))}",
    "deactivated": lambda d: "Deactivated: cannot sign in; progress kept",
    "reactivated": lambda d: "Reactivated: can sign in again",
    "password_set": lambda d: "Password set by an admin; signed out everywhere",
    "path_assigned": lambda d: f"Assigned to path {d.get('path')} from {d.get('start_date')}",
    "path_start_changed": lambda d: (
        f"Start date on path {d.get('path')} changed: {_arrow(d.get('old'), d.get('new'))}"
    ),
    "path_removed": lambda d: f"Removed from path {d.get('path')}; their history is kept{_why(d)}",
    "attempts_granted": _attempts,
    "module_reset": lambda d: f"Module {d.get('module')} reset to start again{_why(d)}",
    "due_date_extended": _due,
    "course_assigned": lambda d: (
        f"Assigned the course {d.get('course')}, due {d.get('due')}{_why(d)}"
    ),
    "team_manager_added": lambda d: f"Became a manager of {d.get('team')}",
    "team_manager_removed": lambda d: f"No longer a manager of {d.get('team')}",
}


def describe(event: UserEvent) -> str:
    """The event in one sentence; unknown kinds show their name and details."""
    describer = DESCRIBE.get(event.kind)
    if describer is not None:
        return describer(event.details or {})
    shown = {k: v for k, v in (event.details or {}).items() if k not in ("source", "file", "line")}
    extra = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in shown.items())
    title = event.kind.replace("_", " ").capitalize()
    return f"{title}: {extra}" if extra else title


def source(event: UserEvent) -> str:
    """Where the change came from: an HR import (file and line), or nothing to add."""
    details = event.details or {}
    if details.get("source") != "import":
        return ""
    where = f"HR import {details.get('file') or ''}".strip()
    return f"{where}, line {details['line']}" if details.get("line") else where


@dataclass
class HistoryPage:
    """One page of a user's history, newest first."""

    events: list[UserEvent]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // HISTORY_PAGE_SIZE))


def history_page(session: Session, user_id: int, page: int = 1) -> HistoryPage:
    """A page of events with who did them: two statements whatever the history's length."""
    total = session.scalar(select(func.count(UserEvent.id)).where(UserEvent.user_id == user_id))
    total = total or 0
    page = min(max(page, 1), max(1, -(-total // HISTORY_PAGE_SIZE)))
    events = session.scalars(
        select(UserEvent)
        .options(joinedload(UserEvent.actor))
        .where(UserEvent.user_id == user_id)
        .order_by(UserEvent.created_at.desc(), UserEvent.id.desc())
        .limit(HISTORY_PAGE_SIZE)
        .offset((page - 1) * HISTORY_PAGE_SIZE)
    ).all()
    return HistoryPage(events=list(events), total=total, page=page)
