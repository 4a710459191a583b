"""YAML with line numbers, and typed checks for the keys of front matter and paths.yml."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from lms.content import limits
from lms.content.lines import check_text, line_of, split_lines
from lms.content.model import Problem

SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
TRACKS = ("product", "buyer", "process", "skills")
# When a rep sees right answers and explanations (COURSE_FORMAT.md, "Review policy").
REVIEW_POLICIES = ("after_pass", "always", "never")
DEFAULT_REVIEW = "after_pass"


def is_slug(value: object) -> bool:
    """True for a string like sales-foundations, of at most 80 characters."""
    return (
        isinstance(value, str)
        and len(value) <= limits.MAX_SLUG_CHARS
        and SLUG_RE.fullmatch(value) is not None
    )


def slugify(text: str, max_words: int | None = None) -> str:
    """An ascii slug of the text, at most 80 characters ("" if no ascii letter or digit)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    joined = "-".join(words[:max_words] if max_words else words)
    return joined[: limits.MAX_SLUG_CHARS].rstrip("-")


SHOWN_CHARS = 60


def show(value: Any) -> str:
    """A value as YAML-minded authors read it: true, null, "text", 3.5 (cut short if long)."""
    if isinstance(value, str | int | float | bool) or value is None:
        shown = json.dumps(value, ensure_ascii=False, default=str)
    else:
        shown = json.dumps(value, ensure_ascii=False, default=str)[: SHOWN_CHARS + 1]
    return shown if len(shown) <= SHOWN_CHARS else shown[: SHOWN_CHARS - 3] + "..."


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


def _too_long(key: str, value: str, most: int) -> str | None:
    if len(value) <= most:
        return None
    return f'"{key}" is {len(value):,} characters long; at most {most:,} are allowed: shorten it'


def text(key: str, value: Any) -> str | None:
    """A summary or description: text of at most 1,000 characters."""
    if isinstance(value, str):
        return _too_long(key, value, limits.MAX_SUMMARY_CHARS)
    return f'"{key}" must be text, got {show(value)}: put the value in quotes'


def required_text(key: str, value: Any) -> str | None:
    """A title: text that is not empty, of at most 200 characters."""
    if isinstance(value, str) and value.strip():
        return _too_long(key, value, limits.MAX_TITLE_CHARS)
    if isinstance(value, str) or value is None:
        return f'"{key}" is empty: give it a value'
    return f'"{key}" must be text, got {show(value)}: put the value in quotes'


def whole_in(bounds: tuple[int, int]) -> Check:
    """A check for a whole number within bounds (both included)."""
    low, high = bounds

    def check(key: str, value: Any) -> str | None:
        # bool is an int in Python, but "true" is never a count.
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return None
        return f'"{key}" must be a whole number from {low:,} to {high:,}, got {show(value)}'

    return check


percent = whole_in(limits.PASS_SCORE)
minutes = whole_in(limits.ESTIMATED_MINUTES)
attempts = whole_in(limits.MAX_ATTEMPTS)
due_day = whole_in(limits.DUE_DAY)


def boolean(key: str, value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    return f'"{key}" must be true or false, got {show(value)}'


def one_of(choices) -> Check:
    """A check that the value is one of a fixed list of words."""

    def check(key: str, value: Any) -> str | None:
        if value in choices:
            return None
        return f'"{key}" must be one of {", ".join(choices)}, got {show(value)}'

    return check


track = one_of(TRACKS)
review = one_of(REVIEW_POLICIES)


def slug(key: str, value: Any) -> str | None:
    if is_slug(value):
        return None
    return (
        f'"{key}" must be a slug (lowercase letters, digits and single hyphens, '
        f"like sales-foundations, at most {limits.MAX_SLUG_CHARS}), got {show(value)}"
    )


def slug_list(key: str, value: Any) -> str | None:
    if isinstance(value, list) and all(is_slug(v) for v in value):
        return None
    return (
        f'"{key}" must be a list of course slugs (at most {limits.MAX_SLUG_CHARS} characters '
        f"each), like [sales-foundations], got {show(value)}"
    )


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


_MERGE_TAG = "tag:yaml.org,2002:merge"
_YAML_BREAKS = ("\u2028", "\u2029")  # line breaks to YAML, ordinary characters to the format


class _Refused(yaml.MarkedYAMLError):
    """A YAML construct the format does not allow; raised before anything is expanded."""


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases, tags and merge keys, and deep nesting.

    The checks run while composing, before any value is built, so an alias bomb is
    refused after reading its first anchor and never expanded.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(problem="aliases (*name) are not allowed", problem_mark=event.start_mark)
        if event.anchor is not None:
            raise _Refused(problem="anchors (&name) are not allowed", problem_mark=event.start_mark)
        if getattr(event, "tag", None) is not None:
            raise _Refused(
                problem="tags (!name, !!type) are not allowed", problem_mark=event.start_mark
            )
        self.depth += 1
        if self.depth > limits.MAX_NESTING:
            raise _Refused(
                problem=f"lists and mappings nest more than {limits.MAX_NESTING} deep",
                problem_mark=event.start_mark,
            )
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if isinstance(node, yaml.MappingNode):
            for key, _ in node.value:
                if key.tag == _MERGE_TAG:
                    raise _Refused(
                        problem="merge keys (<<) are not allowed", problem_mark=key.start_mark
                    )
        return node


def _stand_ins(source: str) -> dict[str, str]:
    """Private-use characters, absent from the source, to carry U+2028/U+2029 through YAML."""
    if not any(c in source for c in _YAML_BREAKS):
        return {}
    used = set(source)
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in used)
    return {char: next(free, char) for char in _YAML_BREAKS}


def _restore(value: Any, back: dict[str, str]) -> Any:
    if isinstance(value, str):
        for stand_in, char in back.items():
            value = value.replace(stand_in, char)
        return value
    if isinstance(value, list):
        return [_restore(v, back) for v in value]
    if isinstance(value, dict):
        return {_restore(k, back): _restore(v, back) for k, v in value.items()}
    return value


class YamlText:
    """A YAML text composed into nodes, so every value keeps its line in the file.

    Plain YAML only: control characters, overlong lines, anchors, aliases, tags, merge keys
    and deep nesting are reported with their line, never parsed, expanded or raised.
    """

    def __init__(self, source: str, path: str, first_line: int, problems: list[Problem]):
        self.path = path
        self.first_line = first_line
        self.problems = problems
        self.root: yaml.Node | None = None
        self.ok = False
        if not check_text(source, path, problems, first_line):
            return
        stand_ins = _stand_ins(source)
        self._back = {new: old for old, new in stand_ins.items() if new != old}
        for old, new in stand_ins.items():
            source = source.replace(old, new)
        try:
            self._loader = _PlainLoader(source)
            self.root = self._loader.get_single_node()
            self.ok = True
        except _Refused as exc:
            self.error(
                first_line + exc.problem_mark.line,
                f"YAML {exc.problem}: the format takes plain YAML only; write the value out",
            )
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            # At the end of the text, the construct left open is what needs the fix.
            if exc.context_mark and mark and mark.line >= source.count("\n"):
                mark = exc.context_mark
            # A mark at the end of the stream is past the last line: name the last line.
            last = max(len(split_lines(source)) - 1, 0)
            line = first_line + min(mark.line, last) if mark else first_line
            problem = exc.problem or exc.context or "syntax error"
            self.error(line, f"YAML syntax error: {problem}; check indentation and quoting")
        except yaml.reader.ReaderError as exc:
            line = first_line + line_of(source, exc.position) - 1
            self.error(line, f"character not allowed in YAML (#x{exc.character:04x}): delete it")
        except yaml.YAMLError as exc:
            self.error(first_line, f"YAML syntax error: {str(exc)[:SHOWN_CHARS]}")

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def line(self, node: yaml.Node) -> int:
        return node_line(node, self.first_line)

    def value(self, node: yaml.Node) -> tuple[bool, Any]:
        """Build the Python value of a node; (False, None) if YAML cannot build it."""
        try:
            value = self._loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            self.error(self.line(node), f"YAML value not allowed: {problem[:SHOWN_CHARS]}")
            return False, None
        except (ValueError, OverflowError):
            # int("9" * 5000) and dates like 2024-13-45 fail in Python, not in YAML.
            self.error(self.line(node), "YAML value not allowed: not a number or date Python reads")
            return False, None
        return True, _restore(value, self._back) if self._back else value

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
