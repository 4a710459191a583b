"""Readiness changes posted to a team's Slack and Teams webhooks, between weekly digests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from lms import clock
from lms.messaging.digest import assess_team
from lms.messaging.webhooks import enqueue_posts
from lms.models import ReadinessSnapshot, Team

KIND = "readiness"


@dataclass(frozen=True)
class Change:
    """One rep whose status moved since the team's channel last heard."""

    name: str
    before: str | None  # None: new on the team
    after: str
    reason: str

    def __str__(self) -> str:
        moved = f"{self.before} → {self.after}" if self.before else f"joined the team, {self.after}"
        return f"{self.name}: {moved}" + (f" ({self.reason})" if self.reason else "")


def webhook_teams(session: Session) -> list[Team]:
    """Teams with a Slack or Teams webhook, by id."""
    return list(
        session.scalars(
            select(Team)
            .where(or_(Team.slack_webhook_url.is_not(None), Team.teams_webhook_url.is_not(None)))
            .order_by(Team.id)
        )
    )


def team_changes(session: Session, team: Team, today: date) -> tuple[list[Change], str | None]:
    """What moved since the last run, and the stamp of the snapshot compared with.

    The first run for a team stores its statuses and reports nothing: a channel newly
    connected is not flooded with every rep. The snapshot is replaced by today's statuses.
    """
    snapshot = session.get(ReadinessSnapshot, team.id, with_for_update=True)
    current = {
        str(rep.id): {"name": rep.name, "status": r.status.value, "reason": r.reason}
        for rep, r in assess_team(session, team, today)
    }
    if snapshot is None:
        session.add(ReadinessSnapshot(team_id=team.id, statuses=current, updated_at=clock.now()))
        session.flush()
        return [], None
    before = snapshot.statuses
    stamp = snapshot.updated_at.isoformat()
    changes = [
        Change(now["name"], before.get(rep_id, {}).get("status"), now["status"], now["reason"])
        for rep_id, now in current.items()
        if before.get(rep_id, {}).get("status") != now["status"]
    ]
    snapshot.statuses = current
    snapshot.updated_at = clock.now()
    session.flush()
    return changes, stamp


def post_changes(session: Session, today: date, send_at: datetime | None = None) -> int:
    """Queue each webhook team's readiness changes, one post per channel; how many stored.

    The key holds the snapshot's stamp, so two senders comparing with the same snapshot
    store one post, and the next change after a post gets a new key.
    """
    stored = 0
    for team in webhook_teams(session):
        changes, stamp = team_changes(session, team, today)
        if not changes:
            continue
        count = len(changes)
        title = f"{team.name}: readiness changed for {count} rep{'s' if count != 1 else ''}"
        text = "\n".join(f"• {change}" for change in changes)
        key = f"{KIND}:team-{team.id}:{stamp}"
        stored += enqueue_posts(session, team, KIND, key, title, text, send_at)
    return stored
