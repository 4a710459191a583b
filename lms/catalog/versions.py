"""A module's versions, each with a unified diff against the one before."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from lms.content.lines import split_lines
from lms.models import Module, ModuleVersion


@dataclass(frozen=True)
class DiffLine:
    kind: str  # file | hunk | add | remove | same
    text: str  # with its +, - or space prefix, as a unified diff prints it


@dataclass
class VersionView:
    version: ModuleVersion
    diff: list[DiffLine] = field(default_factory=list)
    quiz_diff: list[DiffLine] = field(default_factory=list)
    first: bool = False


def _kind(line: str) -> str:
    if line.startswith(("+++", "---")):
        return "file"
    if line.startswith("@@"):
        return "hunk"
    return {"+": "add", "-": "remove"}.get(line[:1], "same")


def diff_lines(before: str, after: str, old_name: str, new_name: str) -> list[DiffLine]:
    """A unified diff as typed lines; empty when the texts are equal."""
    lines = difflib.unified_diff(
        split_lines(before), split_lines(after), old_name, new_name, lineterm=""
    )
    return [DiffLine(_kind(line), line) for line in lines]


def module_versions(session: Session, module: Module) -> list[VersionView]:
    """Newest first; one statement (authors joined)."""
    versions = session.scalars(
        select(ModuleVersion)
        .options(joinedload(ModuleVersion.author))
        .where(ModuleVersion.module_id == module.id)
        .order_by(ModuleVersion.number)
    ).all()
    views: list[VersionView] = []
    previous: ModuleVersion | None = None
    for version in versions:
        view = VersionView(version, first=previous is None)
        if previous is not None:
            old, new = f"version {previous.number}", f"version {version.number}"
            view.diff = diff_lines(previous.source, version.source, old, new)
            view.quiz_diff = diff_lines(
                previous.quiz_source or "", version.quiz_source or "", old, new
            )
        views.append(view)
        previous = version
    return views[::-1]


def version_or_none(session: Session, module: Module, number: int) -> ModuleVersion | None:
    return session.scalar(
        select(ModuleVersion).where(
            ModuleVersion.module_id == module.id, ModuleVersion.number == number
        )
    )
