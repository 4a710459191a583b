"""The manager's weekly digest: per team, what changed, who needs a look, where views differ."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from lms import clock
from lms.messaging.events import enqueue_personal, render
from lms.messaging.links import absolute_url
from lms.messaging.webhooks import enqueue_posts
from lms.models import DigestSnapshot, Judgement, Role, Team, User
from lms.practice.access import team_waiting_count
from lms.progress.detail import assess_loaded
from lms.progress.judgements import latest_judgement
from lms.progress.queries import load_paths
from lms.progress.readiness import RepReadiness, Status, disagrees

KIND = "digest"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NEEDS_A_LOOK = (Status.OVERDUE, Status.AT_RISK, Status.CERTIFICATION_EXPIRED)


def parse_weekday(value: object) -> int:
    """DIGEST_WEEKDAY as a number, Monday 0: a day's name ("monday", "Mon") or 0 to 6."""
    text = str(value).strip().lower()
    if text.isdigit() and int(text) < 7:
        return int(text)
    for number, name in enumerate(WEEKDAYS):
        if len(text) >= 3 and name.startswith(text):
            return number
    raise ValueError(f"DIGEST_WEEKDAY must be a day of the week (monday to sunday), not {value!r}")


def iso_week(day: date) -> str:
    """The ISO week a day falls in, "2026-W49": the digest's idempotency key."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class RepLine:
    """One rep as the digest mentions them."""

    name: str
    url: str
    status: str
    reason: str = ""
    before: str | None = None  # the status in the previous digest; None: new on the team
    verdict: str | None = None  # the latest judgement, when it disagrees with the data


@dataclass
class TeamDigest:
    """What one team's section says."""

    team: Team
    week: str
    url: str  # the team's dashboard
    first: bool  # no earlier digest to compare with
    counts: dict[str, int] = field(default_factory=dict)
    changes: list[RepLine] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # in the previous digest, not in this one
    attention: list[RepLine] = field(default_factory=list)
    disagreements: list[RepLine] = field(default_factory=list)
    reviews_waiting: int = 0  # practice versions from the team waiting for a manager
    reviews_url: str = ""

    @property
    def quiet(self) -> bool:
        return not (
            self.changes
            or self.left
            or self.attention
            or self.disagreements
            or self.reviews_waiting
        )


def team_digest(session: Session, team: Team, today: date) -> TeamDigest:
    """A team's section, from the same readiness rules as the dashboard and the rep page.

    Stores this week's statuses once (a second run keeps the first) and compares them with
    the latest earlier digest's.
    """
    week = iso_week(today)
    previous = session.scalar(
        select(DigestSnapshot)
        .where(DigestSnapshot.team_id == team.id, DigestSnapshot.week < week)
        .order_by(DigestSnapshot.week.desc())
        .limit(1)
    )
    before = previous.statuses if previous else {}
    url = absolute_url("reports.dashboard", team_id=team.id)
    digest = TeamDigest(team, week, url, first=previous is None)
    now: dict[str, dict[str, str]] = {}
    for rep, readiness in assess_team(session, team, today):
        status = readiness.status
        now[str(rep.id)] = {"name": rep.name, "status": status.value}
        digest.counts[status.value] = digest.counts.get(status.value, 0) + 1
        url = absolute_url("reports.rep", team_id=team.id, rep_id=rep.id)
        line = RepLine(rep.name, url, status.value, readiness.reason)
        if previous is not None:
            was = before.get(str(rep.id), {}).get("status")
            if was != status.value:
                digest.changes.append(_with(line, before=was))
        if status in NEEDS_A_LOOK:
            digest.attention.append(line)
        judgement = latest_judgement(session, rep)
        if judgement is not None and disagrees(status, judgement.verdict.value):
            digest.disagreements.append(_with(line, verdict=_verdict(judgement)))
    digest.left = [v["name"] for k, v in before.items() if k not in now]
    digest.reviews_waiting = team_waiting_count(session, team.id)
    digest.reviews_url = absolute_url("coaching.queue", team=team.id)
    _store_snapshot(session, team.id, week, now)
    return digest


def assess_team(session: Session, team: Team, today: date) -> list[tuple[User, RepReadiness]]:
    """Each active rep of the team with their readiness, by name: the dashboard's rules."""
    reps = session.scalars(
        select(User)
        .where(User.team_id == team.id, User.role == Role.REP, User.active.is_(True))
        .order_by(User.name, User.id)
    ).all()
    return [
        (rep, assess_loaded(session, rep, load_paths(session, rep, today), today)) for rep in reps
    ]


def _with(line: RepLine, **changes) -> RepLine:
    return RepLine(**{**line.__dict__, **changes})


def _verdict(judgement: Judgement) -> str:
    return f"{judgement.verdict.value} (judged {judgement.created_at.date().isoformat()})"


def _store_snapshot(session: Session, team_id: int, week: str, statuses: dict) -> None:
    """This week's statuses, unless a run earlier this week stored them already."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(DigestSnapshot)
        .values(team_id=team_id, week=week, statuses=statuses, created_at=clock.now())
        .on_conflict_do_nothing(index_elements=["team_id", "week"])
    )


def managers_with_teams(session: Session) -> list[User]:
    """Active users who manage at least one team, by id."""
    return list(
        session.scalars(
            select(User).where(User.active.is_(True), User.managed_teams.any()).order_by(User.id)
        )
    )


def schedule(session: Session, today: date, weekday: int = 0, hour: int = 0) -> int:
    """On the digest's weekday, enqueue each manager's digest and each team's webhook posts.

    Keys name the manager (or the team), "digest" and the ISO week per channel, so running
    it again that week stores nothing twice. Returns how many messages were stored. Emails
    leave at `hour` in each manager's time zone, posts at `hour` in the organisation's.
    """
    if today.weekday() != weekday:
        return 0
    sections: dict[int, TeamDigest] = {}
    stored = 0
    for manager in managers_with_teams(session):
        teams = sorted(manager.managed_teams, key=lambda t: (t.name.lower(), t.id))
        for team in teams:
            if team.id not in sections:
                sections[team.id] = team_digest(session, team, today)
        send_at = clock.at_hour(today, hour, clock.zone_name_of(manager))
        stored += _enqueue_for_manager(session, manager, [sections[t.id] for t in teams], send_at)
    post_at = clock.at_hour(today, hour, clock.zone_name_of())
    for section in sections.values():
        stored += _enqueue_webhooks(session, section, post_at)
    return stored


def subject(digests: list[TeamDigest]) -> str:
    """ "Weekly digest: 2 need a look, 1 disagreement", or "Weekly digest: all quiet"."""
    look = sum(len(d.attention) for d in digests)
    differ = sum(len(d.disagreements) for d in digests)
    waiting = sum(d.reviews_waiting for d in digests)
    parts = []
    if look:
        parts.append(f"{look} need{'s' if look == 1 else ''} a look")
    if differ:
        parts.append(f"{differ} disagreement{'s' if differ != 1 else ''}")
    if waiting:
        parts.append(f"{waiting} review{'s' if waiting != 1 else ''} waiting")
    return "Weekly digest: " + (", ".join(parts) if parts else "all quiet")


def _enqueue_for_manager(
    session: Session, manager: User, digests: list[TeamDigest], send_at: datetime
) -> int:
    """The manager's digest in the app and by email, as their preferences allow."""
    title = subject(digests)
    week = digests[0].week
    bodies = render(KIND, user=manager, digests=digests, week=week, subject=title)
    return enqueue_personal(
        session,
        manager,
        KIND,
        f"{KIND}:{manager.id}:{week}",
        title,
        _summary(digests),
        bodies,
        link="/reports/",
        send_at=send_at,
    )


def _summary(digests: list[TeamDigest]) -> str:
    """One line per team for the in-app list."""
    return "; ".join(
        f"{d.team.name}: {len(d.changes)} changed, {len(d.attention)} need a look, "
        f"{len(d.disagreements)} disagree"
        for d in digests
    )


def _enqueue_webhooks(session: Session, digest: TeamDigest, send_at: datetime) -> int:
    """The team's section posted to its Slack and Teams webhooks, once a week each."""
    team = digest.team
    # Per team, not per manager: a team's channel gets its section once a week.
    key = f"{KIND}:team-{team.id}:{digest.week}"
    title = f"{team.name}: {subject([digest])}"
    return enqueue_posts(session, team, KIND, key, title, render_text(digest), send_at)


def render_text(digest: TeamDigest) -> str:
    """A team's section as plain text, for Slack and Teams."""
    template = current_app.jinja_env.get_template("notifications/email/_digest_team.txt")
    return template.render(d=digest).strip()
