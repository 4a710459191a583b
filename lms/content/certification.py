"""The certification block of a path in paths.yml (COURSE_FORMAT.md, "paths.yml")."""

from __future__ import annotations

from typing import Any

import yaml

from lms.content import limits
from lms.content.model import Certification, Course, LearningPath, Problem, Severity, SignOffItem
from lms.content.schema import Key, YamlText, any_list, required_text, show, slug, whole_in

RECERTIFY = ("changes", "full")
EXAM_REVIEW = "never"


def recertify(key: str, value: Any) -> str | None:
    """How a certification is renewed: only what changed, or the whole path."""
    if value in RECERTIFY:
        return None
    return f'"{key}" must be one of {", ".join(RECERTIFY)}, got {show(value)}'


def mapping(key: str, value: Any) -> str | None:
    """A nested block of key: value lines."""
    if isinstance(value, dict):
        return None
    return f'"{key}" must be a block of key: value lines (title, valid_months, ...)'


CERTIFICATION_KEYS = {
    "title": Key(required_text, required=True),
    "valid_months": Key(whole_in(limits.VALID_MONTHS), required=True),
    "exam": Key(slug),
    "sign_off": Key(any_list),
    "recertify": Key(recertify, required=True),
}
SIGN_OFF_KEYS = {
    "id": Key(slug, required=True),
    "title": Key(required_text, required=True),
}


def load_certification(
    doc: YamlText, node: yaml.Node, line: int, courses: set[str]
) -> Certification | None:
    """Check a path's certification block; None (with problems appended) if it is wrong."""
    fields = doc.mapping(node, CERTIFICATION_KEYS, "certification", missing_line=line)
    values = fields.values
    before = len(doc.problems)
    exam = values.get("exam")
    if exam is not None and exam not in courses:
        doc.error(
            fields.lines["exam"],
            f'exam "{exam}" is not a course of this tree: no course folder {exam}/',
        )
    items = _sign_off(doc, fields.nodes["sign_off"]) if "sign_off" in values else []
    if len(doc.problems) > before or not all(k in values for k in ("title", "valid_months")):
        return None
    if "recertify" not in values:
        return None
    return Certification(
        title=values["title"],
        valid_months=values["valid_months"],
        recertify=values["recertify"],
        exam=exam,
        sign_off=items,
        exam_line=fields.lines.get("exam", line),
    )


def _sign_off(doc: YamlText, node: yaml.Node) -> list[SignOffItem]:
    items: list[SignOffItem] = []
    seen: dict[str, int] = {}
    for item in node.value:
        fields = doc.mapping(item, SIGN_OFF_KEYS, "sign-off item", missing_line=doc.line(item))
        item_id = fields.values.get("id")
        if item_id in seen:
            doc.error(
                fields.lines["id"],
                f'duplicate sign-off id "{item_id}" (also at line {seen[item_id]}): '
                "give each item its own id",
            )
            continue
        if item_id and "title" in fields.values:
            seen[item_id] = fields.lines["id"]
            items.append(SignOffItem(id=item_id, title=fields.values["title"]))
    return items


def check_exam_reviews(
    paths: list[LearningPath], courses: list[Course], path_file: str, problems: list[Problem]
) -> None:
    """Warn when an exam course lets reps see right answers (exams use review: never)."""
    by_slug = {c.slug: c for c in courses}
    for path in paths:
        cert = path.certification
        course = by_slug.get(cert.exam) if cert and cert.exam else None
        if course is None:
            continue
        shown = [m.filename for m in course.modules if (m.review or course.review) != EXAM_REVIEW]
        if shown:
            problems.append(
                Problem(
                    path_file,
                    cert.exam_line,
                    f'exam "{course.slug}" shows right answers after an attempt '
                    f"({', '.join(shown[:3])}): set review: never in its course.md, "
                    "as certification exams do",
                    Severity.WARNING,
                )
            )
