"""What an HR import changes: planned against the database, shown, then applied exactly.

Rules (docs/admin.md): people are matched by email; new people are created; for people
already here the import updates the name and the team and adds the managers the file names;
roles, start dates and paths are set for new people only. An empty cell never clears
anything. With `deactivate_missing`, active reps and managers missing from the file are
deactivated; admins and trainers never are.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.models import Enrollment, LearningPath, Role, Team, User
from lms.models.users import team_managers
from lms.people.user_events import record_user_event
from lms.people.user_import import ImportRefused, Row, check_rows_offline, line_number, read_rows
from lms.people.users import deactivate_user, unusable_password_hash

MANAGING_ROLES = (Role.MANAGER, Role.ADMIN)
# Who "missing from the file" deactivates: HR exports list the sales staff, not the admins
# and trainers who run RepReady, so those are never deactivated by an import.
DEACTIVATED_ROLES = (Role.REP, Role.MANAGER)


@dataclass
class NewPerson:
    """Someone the import creates."""

    line: int
    email: str
    name: str
    role: Role
    team: str | None
    start_date: date
    path: LearningPath | None


@dataclass
class Update:
    """Someone already here whose name or team the import changes: field -> [old, new]."""

    line: int
    user: User
    changes: dict[str, list]


@dataclass
class ManagerLink:
    """Someone who becomes a manager of a team."""

    line: int
    email: str
    name: str
    team: str
    user: User | None  # None: created by this import


@dataclass
class Plan:
    """Everything the import would do, and every problem that stops it."""

    created: list[NewPerson] = field(default_factory=list)
    updated: list[Update] = field(default_factory=list)
    deactivated: list[User] = field(default_factory=list)
    new_teams: list[str] = field(default_factory=list)
    managing: list[ManagerLink] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        parts = (self.created, self.updated, self.deactivated, self.new_teams, self.managing)
        return any(parts)

    def digest(self) -> str:
        """A fingerprint of the changes: equal digests, equal changes."""
        data = {
            "created": [
                [
                    p.email,
                    p.name,
                    p.role.value,
                    p.team,
                    p.start_date.isoformat(),
                    p.path and p.path.id,
                ]
                for p in self.created
            ],
            "updated": [[u.user.id, u.changes] for u in self.updated],
            "deactivated": [u.id for u in self.deactivated],
            "teams": self.new_teams,
            "managing": [[m.email, m.team] for m in self.managing],
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def summary(self, done: bool = False) -> str:
        """One sentence: what the import would do (or did)."""
        if not self.has_changes:
            return "Nothing to change: everyone in the file is already up to date."
        verbs = (
            ("created", "updated", "deactivated")
            if done
            else ("to create", "to update", "to deactivate")
        )
        counts = (len(self.created), len(self.updated), len(self.deactivated))
        parts = [f"{n} {verb}" for n, verb in zip(counts, verbs, strict=True)]
        if self.new_teams:
            parts.append(f"{len(self.new_teams)} new team(s)")
        if self.managing:
            parts.append(f"{len(self.managing)} new team manager(s)")
        said = f"{'; '.join(parts)}; {self.unchanged} unchanged."
        return f"Imported: {said}" if done else said


@dataclass
class Snapshot:
    """The people, teams, managers, paths and enrolments, in five statements."""

    users: dict[str, User]
    teams: dict[str, Team]  # by lowercased name
    managed: dict[int, list[str]]  # user id -> lowercased names of the teams they manage
    paths: dict[str, LearningPath]  # live paths by slug
    enrolled: set[tuple[int, int]]  # (user id, path id)

    @classmethod
    def load(cls, session: Session) -> Snapshot:
        teams = {t.name.lower(): t for t in session.scalars(select(Team))}
        names = {t.id: key for key, t in teams.items()}
        managed: dict[int, list[str]] = {}
        for team_id, user_id in session.execute(
            select(team_managers.c.team_id, team_managers.c.user_id)
        ):
            managed.setdefault(user_id, []).append(names[team_id])
        live = select(LearningPath).where(LearningPath.retired_at.is_(None))
        return cls(
            users={u.email: u for u in session.scalars(select(User))},
            teams=teams,
            managed={k: sorted(v) for k, v in managed.items()},
            paths={p.slug: p for p in session.scalars(live)},
            enrolled={
                (u, p) for u, p in session.execute(select(Enrollment.user_id, Enrollment.path_id))
            },
        )


class _Planner:
    """Walks the rows once against a snapshot, filling a Plan."""

    def __init__(self, rows: list[Row], snap: Snapshot, plan: Plan) -> None:
        self.rows, self.snap, self.plan = rows, snap, plan
        self.by_email = {r.email: r for r in rows}
        self.role = {
            r.email: snap.users[r.email].role if r.email in snap.users else r.parsed_role()
            for r in rows
        }
        self.team_names = {key: team.name for key, team in snap.teams.items()}
        self.linked: set[tuple[str, str]] = set()
        self.deactivating: set[str] = set()

    def may_manage(self, email: str) -> bool:
        """An active manager or admin, here already or new in the file."""
        user = self.snap.users.get(email)
        if user is not None:
            return user.active and user.role in MANAGING_ROLES
        return email in self.by_email and self.role[email] in MANAGING_ROLES

    def manager_team(self, email: str) -> str | None:
        """The team a manager leads: their own line's team, else the first they manage."""
        row = self.by_email.get(email)
        if row is not None and row.team and self.role[email] is Role.MANAGER:
            return row.team.lower()
        user = self.snap.users.get(email)
        teams = self.snap.managed.get(user.id, []) if user is not None else []
        return teams[0] if teams else None

    def add_new_teams(self) -> None:
        """A team not here yet is created when a manager's line names it."""
        for row in self.rows:
            key = row.team.lower() if row.team else None
            if key and key not in self.team_names and self.role[row.email] is Role.MANAGER:
                self.team_names[key] = row.team
                self.plan.new_teams.append(row.team)

    def mark_missing(self, importer: User | None) -> None:
        """Active reps and managers not in the file; never the importing admin."""
        missing = [
            u
            for u in self.snap.users.values()
            if u.active
            and u.role in DEACTIVATED_ROLES
            and u.email not in self.by_email
            and (importer is None or u.id != importer.id)
        ]
        self.plan.deactivated = sorted(missing, key=lambda u: (u.name.lower(), u.id))
        self.deactivating = {u.email for u in missing}

    def link(self, email: str, key: str, line: int) -> None:
        """Make someone a manager of a team, unless they are one already."""
        team, user = self.snap.teams.get(key), self.snap.users.get(email)
        already = (
            user is not None and team is not None and key in self.snap.managed.get(user.id, [])
        )
        if already or (email, key) in self.linked:
            return
        self.linked.add((email, key))
        name = self.by_email[email].name if email in self.by_email else user.name
        self.plan.managing.append(ManagerLink(line, email, name, self.team_names[key], user))

    def row(self, row: Row, today: date) -> list[str]:
        """Plan one line; return its errors."""
        at, errors = f"line {row.line}:", []
        key = None
        if row.team:
            key = row.team.lower()
            if key not in self.team_names:
                errors.append(
                    f"{at} no team {row.team!r}; create it under Admin > Teams, "
                    "or add a line for its manager (role manager, same team)"
                )
                key = None
        elif row.manager:
            key = self.manager_team(row.manager)
        if row.manager and not self.may_manage(row.manager):
            errors.append(f"{at} no active manager or admin with email {row.manager}")
        elif row.manager in self.deactivating:
            errors.append(
                f"{at} manager {row.manager} is not in the file, so would be deactivated; "
                "add their line or do not deactivate missing people"
            )
        path = self.snap.paths.get(row.path.lower()) if row.path else None
        if row.path and path is None:
            errors.append(f"{at} no onboarding path {row.path!r}; import the courses first")
        existing = self.snap.users.get(row.email)
        if existing is None and self.role[row.email] is not None and not errors:
            self.plan.created.append(
                NewPerson(
                    row.line,
                    row.email,
                    row.name,
                    self.role[row.email],
                    self.team_names.get(key) if key else None,
                    row.parsed_date() or today,
                    path,
                )
            )
        elif existing is not None:
            self._update(row, existing, key, path)
        if key and not errors:
            if row.manager:
                self.link(row.manager, key, row.line)
            if row.team and self.role[row.email] is Role.MANAGER:
                self.link(row.email, key, row.line)
        return errors

    def _update(self, row: Row, user: User, key: str | None, path: LearningPath | None) -> None:
        """Someone already here: their name and team follow the file; the rest is noticed."""
        at, notices = f"line {row.line}:", self.plan.notices
        wanted = row.parsed_role()
        if wanted is not None and wanted is not user.role:
            notices.append(
                f"{at} {user.email} stays {user.role.value} (the file says {wanted.value}); "
                "change roles on their page"
            )
        if not user.active:
            notices.append(f"{at} {user.email} is deactivated; reactivate them on their page")
        if path is not None and (user.id, path.id) not in self.snap.enrolled:
            notices.append(
                f"{at} {user.email} is not on {path.slug}; the import puts only new people "
                "on a path: use Assign a path on their team's page"
            )
        changes = {}
        if row.name and row.name != user.name:
            changes["name"] = [user.name, row.name]
        current = user.team.name if user.team else None
        if key and (current or "").lower() != key:
            changes["team"] = [current, self.team_names[key]]
        if changes:
            self.plan.updated.append(Update(row.line, user, changes))
        else:
            self.plan.unchanged += 1


def plan_import(
    session: Session,
    text: str,
    today: date,
    deactivate_missing: bool = False,
    importer: User | None = None,
) -> Plan:
    """What importing the text would change now; errors and notices in line order."""
    rows, errors, notices = read_rows(text)
    errors += check_rows_offline(rows)
    plan = Plan(notices=notices)
    planner = _Planner(rows, Snapshot.load(session), plan)
    planner.add_new_teams()
    if deactivate_missing:
        planner.mark_missing(importer)
    for row in rows:
        errors += planner.row(row, today)
    plan.errors = sorted(errors, key=line_number)
    plan.notices = sorted(plan.notices, key=line_number)
    return plan


def apply_plan(session: Session, plan: Plan, actor: User | None, filename: str) -> None:
    """Make the planned changes, each in the person's history; call inside one transaction."""
    if plan.errors:
        raise ImportRefused(plan.errors)
    source = {"source": "import", "file": filename}
    teams = {t.name.lower(): t for t in session.scalars(select(Team))}
    for name in plan.new_teams:
        teams[name.lower()] = Team(name=name)
        session.add(teams[name.lower()])
    password_hash = unusable_password_hash() if plan.created else ""
    created = {}
    for p in plan.created:
        team = teams[p.team.lower()] if p.team else None
        created[p.email] = User(
            email=p.email,
            name=p.name,
            role=p.role,
            password_hash=password_hash,
            team=team,
            start_date=p.start_date,
        )
        session.add(created[p.email])
    session.flush()
    for p in plan.created:
        user = created[p.email]
        details = {"line": p.line, **source}
        record_user_event(
            session,
            user,
            actor,
            "created",
            role=p.role,
            team=p.team,
            start_date=p.start_date,
            **details,
        )
        if p.path is not None:
            session.add(Enrollment(user_id=user.id, path_id=p.path.id, start_date=p.start_date))
            record_user_event(
                session,
                user,
                actor,
                "path_assigned",
                path=p.path.title,
                start_date=p.start_date,
                **details,
            )
    for update in plan.updated:
        _apply_update(session, update, teams, actor, source)
    for link in plan.managing:
        user = link.user or created[link.email]
        teams[link.team.lower()].managers.append(user)
        record_user_event(
            session, user, actor, "team_manager_added", team=link.team, line=link.line, **source
        )
    for user in plan.deactivated:
        deactivate_user(session, user, actor, **source)
    session.flush()
    # Issue 14: each new person is emailed a link to set their password, in this transaction.
    from lms.messaging.events import invite

    for p in plan.created:
        invite(session, created[p.email])


def _apply_update(session: Session, update: Update, teams, actor, source) -> None:
    """One person's new name and team, with their history."""
    user, details = update.user, {"line": update.line, **source}
    if "name" in update.changes:
        record_user_event(
            session,
            user,
            actor,
            "profile_changed",
            changes={"name": update.changes["name"]},
            **details,
        )
        user.name = update.changes["name"][1]
    if "team" in update.changes:
        old, new = update.changes["team"]
        record_user_event(session, user, actor, "team_changed", old=old, new=new, **details)
        user.team = teams[new.lower()]


def import_users(
    session: Session,
    text: str,
    today: date,
    *,
    deactivate_missing: bool = False,
    actor: User | None = None,
    filename: str = "",
) -> Plan:
    """Plan and apply in one go (the command line); refused as a whole on any error."""
    plan = plan_import(session, text, today, deactivate_missing, actor)
    apply_plan(session, plan, actor, filename)
    return plan
