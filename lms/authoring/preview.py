"""What the editor's preview shows: a module as reps see it, plus the answers."""

from __future__ import annotations

from dataclasses import dataclass

from lms.content import model as content
from lms.content.grading import question_from_dict
from lms.models import Course, Module


@dataclass(frozen=True)
class ModulePreview:
    title: str
    estimated_minutes: int
    body_html: str
    toc_html: str
    pass_score: int
    max_attempts: int
    questions: list[content.Question]


def from_stored(course: Course, module: Module) -> ModulePreview:
    """The published module, from the HTML rendered at import (no rendering now)."""
    return ModulePreview(
        module.title,
        module.estimated_minutes,
        module.body_html,
        module.toc_html,
        module.effective_pass_score(),
        module.max_attempts,
        [question_from_dict(q.data) for q in module.questions],
    )


def from_parsed(course: content.Course, module: content.Module) -> ModulePreview:
    """An edited module, just loaded through the importer's pipeline."""
    return ModulePreview(
        module.title,
        module.estimated_minutes,
        module.body_html,
        module.toc_html,
        course.pass_score if module.pass_score is None else module.pass_score,
        module.max_attempts,
        module.questions,
    )
