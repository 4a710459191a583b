"""Split a Markdown file into its YAML front matter and its body, keeping file lines."""

from __future__ import annotations

from dataclasses import dataclass

from lms.content.lines import split_lines
from lms.content.model import Problem
from lms.content.schema import Key, Mapping, YamlText

FENCE = "---"


@dataclass
class Document:
    """A Markdown file's front matter (checked) and body."""

    meta: Mapping
    body: str
    body_line: int  # file line of the body's first line
    yaml: YamlText | None


def split(source: str) -> tuple[str, str, int] | None:
    """(front matter, body, body's first file line), or None if there is no front matter."""
    lines = split_lines(source, keepends=True)
    if not lines or lines[0].rstrip(" \t\r\n") != FENCE:
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip(" \t\r\n") == FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return "", "", -1


def read(source: str, path: str, spec: dict[str, Key], problems: list[Problem]) -> Document:
    """Parse and check the front matter of a file; problems are appended, never raised."""
    parts = split(source)
    if parts is None:
        problems.append(
            Problem(
                path,
                1,
                'missing front matter: start the file with a line "---", '
                'then key: value lines (title: ...), then a line "---"',
            )
        )
        return Document(Mapping(line=1), source, 1, None)
    front, body, body_line = parts
    if body_line < 0:
        problems.append(
            Problem(path, 1, 'front matter is not closed: add a line "---" after its last key')
        )
        return Document(Mapping(line=1), "", 1, None)
    doc = YamlText(front, path, 2, problems)
    if not doc.ok:
        return Document(Mapping(line=1), body, body_line, None)
    meta = doc.mapping(doc.root, spec, "front matter", missing_line=1)
    return Document(meta, body, body_line, doc)
