"""YAML with line numbers, and typed checks for the keys of front matter and paths.yml."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from lms.content.model import Problem

SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
TRACKS = ("product", "buyer", "process", "skills")
# When a rep sees right answers and explanations (COURSE_FORMAT.md, "Review policy").
REVIEW_POLICIES = ("after_pass", "always", "never")
DEFAULT_REVIEW = "after_pass"


def is_slug(value: object) -> bool:
    """True for a string like sales-foundations."""
    return isinstance(value, str) and SLUG_RE.fullmatch(value) is not None


def slugify(text: str, max_words: int | None = None) -> str:
    """An ascii slug of the text ("" if no ascii letter or digit remains)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words] if max_words else words)


def show(value: Any) -> str:
    """A value as YAML-minded authors read it: true, null, "text", 3.5."""
    return json.dumps(value, ensure_ascii=False, default=str)


def decode_utf8(data: bytes, path: str, problems: list[Problem]) -> str:
    """Decode a file, reporting the line of the first byte that is not UTF-8.

    Bad bytes become U+FFFD so the rest of the file is still checked.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                path,
                line,
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}): save it as UTF-8",
            )
        )
        return data.decode("utf-8-sig", errors="replace")


# A check returns an error message, or None when the value is fine.
Check = Callable[[str, Any], "str | None"]


def text(key: str, value: Any) -> str | None:
    if isinstance(value, str):
        return None
    return f'"{key}" must be text, got {show(value)}: put the value in quotes'


def required_text(key: str, value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    if isinstance(value, str) or value is None:
        return f'"{key}" is empty: give it a value'
    return text(key, value)


def whole(key: str, value: Any) -> str | None:
    # bool is an int in Python, but "true" is never a count.
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return None
    return f'"{key}" must be a whole number >= 0, got {show(value)}'


def percent(key: str, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
        return None
    return f'"{key}" must be a whole number from 0 to 100, got {show(value)}'


def boolean(key: str, value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    return f'"{key}" must be true or false, got {show(value)}'


def track(key: str, value: Any) -> str | None:
    if value in TRACKS:
        return None
    return f'"{key}" must be one of {", ".join(TRACKS)}, got {show(value)}'


def review(key: str, value: Any) -> str | None:
    if value in REVIEW_POLICIES:
        return None
    return f'"{key}" must be one of {", ".join(REVIEW_POLICIES)}, got {show(value)}'


def slug(key: str, value: Any) -> str | None:
    if is_slug(value):
        return None
    return (
        f'"{key}" must be a slug (lowercase letters, digits and single hyphens, '
        f"like sales-foundations), got {show(value)}"
    )


def slug_list(key: str, value: Any) -> str | None:
    if isinstance(value, list) and all(is_slug(v) for v in value):
        return None
    return f'"{key}" must be a list of course slugs, like [sales-foundations], got {show(value)}'


def any_list(key: str, value: Any) -> str | None:
    if isinstance(value, list):
        return None
    return f'"{key}" must be a list, got {show(value)}'


@dataclass(frozen=True)
class Key:
    """One allowed key: how to check its value, and whether it must be present."""

    check: Check
    required: bool = False


@dataclass
class Mapping:
    """The checked values of a YAML mapping, with the file line of each key and value."""

    line: int
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    nodes: dict[str, yaml.Node] = field(default_factory=dict)


def node_line(node: yaml.Node, first_line: int) -> int:
    """The 1-based file line of a node, for YAML that starts at file line first_line."""
    return first_line + node.start_mark.line


class YamlText:
    """A YAML text composed into nodes, so every value keeps its line in the file."""

    def __init__(self, source: str, path: str, first_line: int, problems: list[Problem]):
        self.path = path
        self.first_line = first_line
        self.problems = problems
        self._loader = yaml.SafeLoader(source)
        self.root: yaml.Node | None = None
        self.ok = False
        try:
            self.root = self._loader.get_single_node()
            self.ok = True
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            # At the end of the text, the construct left open is what needs the fix.
            if exc.context_mark and mark and mark.line >= source.count("\n"):
                mark = exc.context_mark
            line = first_line + mark.line if mark else first_line
            problem = exc.problem or exc.context or "syntax error"
            self.error(line, f"YAML syntax error: {problem}; check indentation and quoting")
        except yaml.YAMLError as exc:
            self.error(first_line, f"YAML syntax error: {exc}")

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def line(self, node: yaml.Node) -> int:
        return node_line(node, self.first_line)

    def value(self, node: yaml.Node) -> tuple[bool, Any]:
        """Build the Python value of a node; (False, None) if YAML cannot build it."""
        try:
            return True, self._loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            self.error(self.line(node), f"YAML value not allowed: {problem}")
            return False, None

    def mapping(
        self, node: yaml.Node | None, spec: dict[str, Key], where: str, missing_line: int
    ) -> Mapping:
        """Check a mapping node against spec: every error is reported, good values kept."""
        result = Mapping(line=missing_line if node is None else self.line(node))
        if node is None:
            pairs: list[tuple[yaml.Node, yaml.Node]] = []
        elif isinstance(node, yaml.MappingNode):
            pairs = node.value
        else:
            self.error(result.line, f"{where} must be key: value lines")
            return result
        for key_node, value_node in pairs:
            line = self.line(key_node)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if key not in spec:
                allowed = ", ".join(spec)
                self.error(line, f'unknown key "{key}" in {where}; allowed keys: {allowed}')
                continue
            if key in result.lines:
                self.error(
                    line,
                    f'duplicate key "{key}" (first at line {result.lines[key]}): keep only one',
                )
                continue
            result.lines[key] = line
            result.nodes[key] = value_node
            ok, value = self.value(value_node)
            if not ok:
                continue
            message = spec[key].check(key, value)
            if message:
                self.error(line, message)
            else:
                result.values[key] = value
        for key, rule in spec.items():
            if rule.required and key not in result.lines:
                self.error(missing_line, f'missing required key "{key}" in {where}')
        return result
