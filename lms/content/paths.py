"""Load paths.yml: the onboarding paths, each a list of courses with due days."""

from __future__ import annotations

import difflib

import yaml

from lms.content.certification import load_certification, mapping
from lms.content.model import LearningPath, PathCourse, Problem
from lms.content.schema import (
    Key,
    YamlText,
    any_list,
    due_day,
    required_text,
    slug,
    text,
)

PATHS_FILE = "paths.yml"

PATH_KEYS = {
    "slug": Key(slug, required=True),
    "title": Key(required_text, required=True),
    "description": Key(text),
    "courses": Key(any_list, required=True),
    "certification": Key(mapping),
}
COURSE_KEYS = {
    "course": Key(slug, required=True),
    "due_day": Key(due_day, required=True),
}


def unknown_course_message(name: str, known: set[str]) -> str:
    """Name the missing course and the closest existing one."""
    message = f'course "{name}" does not exist: no course folder {name}/'
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return message + (f"; did you mean {close[0]}?" if close else "")


def load_paths(source: str, courses: set[str], problems: list[Problem]) -> list[LearningPath]:
    """Parse and check paths.yml against the loaded course slugs; problems are appended."""
    doc = YamlText(source, PATHS_FILE, 1, problems)
    if not doc.ok or doc.root is None:
        return []
    if not isinstance(doc.root, yaml.SequenceNode):
        doc.error(
            doc.line(doc.root),
            'paths.yml must be a list of paths, each starting with "- slug: ..."',
        )
        return []
    paths: list[LearningPath] = []
    slug_lines: dict[str, int] = {}
    for item in doc.root.value:
        fields = doc.mapping(item, PATH_KEYS, "path", missing_line=doc.line(item))
        values = fields.values
        path_slug = values.get("slug")
        if path_slug in slug_lines:
            doc.error(
                fields.lines["slug"],
                f'duplicate path slug "{path_slug}" (also at line {slug_lines[path_slug]}): '
                "give each path its own slug",
            )
        elif path_slug:
            slug_lines[path_slug] = fields.lines["slug"]
        path = LearningPath(
            slug=path_slug or "",
            title=values.get("title", ""),
            description=values.get("description", ""),
        )
        if "courses" in values:
            path.courses = _path_courses(doc, fields.nodes["courses"], path.slug, courses)
        if "certification" in values:
            node, line = fields.nodes["certification"], fields.lines["certification"]
            path.certification = load_certification(doc, node, line, courses)
        paths.append(path)
    return paths


def _path_courses(
    doc: YamlText, node: yaml.Node, path_slug: str, courses: set[str]
) -> list[PathCourse]:
    result: list[PathCourse] = []
    seen: dict[str, int] = {}
    if not node.value:
        doc.error(doc.line(node), 'path has no courses: add "- course: ..." entries')
    for item in node.value:
        fields = doc.mapping(item, COURSE_KEYS, "path course", missing_line=doc.line(item))
        name = fields.values.get("course")
        if name is None:
            continue
        line = fields.lines["course"]
        if name in seen:
            doc.error(
                line,
                f'course "{name}" is listed twice in path "{path_slug}" '
                f"(also at line {seen[name]}): keep one",
            )
            continue
        seen[name] = line
        if name not in courses:
            doc.error(line, unknown_course_message(name, courses))
        if "due_day" in fields.values:
            result.append(PathCourse(course=name, due_day=fields.values["due_day"]))
    return result
