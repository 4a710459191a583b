"""Practice modules: the front matter's practice block and the rubric file it names."""

from __future__ import annotations

import posixpath
from dataclasses import asdict, dataclass, field
from typing import Any

import yaml

from lms.content import limits
from lms.content.model import Problem
from lms.content.schema import (
    Key,
    Mapping,
    YamlText,
    is_slug,
    required_text,
    show,
    whole_in,
)

SUBMIT_KINDS = ("video", "audio", "text", "file")
RECORDED_KINDS = ("video", "audio")
REVIEWERS = ("manager", "trainer", "peer")
DEFAULT_REVIEWERS = "manager"
RUBRICS_DIR = "rubrics"
RUBRIC_SUFFIXES = (".yml", ".yaml")


@dataclass
class Criterion:
    id: str
    title: str
    weight: float = 1


@dataclass
class Rubric:
    """A rubric file: the scale, optional labels of its levels, and weighted criteria."""

    file: str  # the path inside the course, as the module names it
    title: str
    low: int
    high: int
    levels: dict[int, str] = field(default_factory=dict)
    criteria: list[Criterion] = field(default_factory=list)
    source: str = ""  # the file as written, kept so an export can write it back


@dataclass
class Practice:
    """What a practice module asks the rep to hand in and how it is reviewed."""

    submit: list[str]
    rubric_file: str
    pass_mark: float
    reviewers: str = DEFAULT_REVIEWERS
    max_minutes: int | None = None
    rubric: Rubric | None = None

    def as_data(self) -> dict[str, Any]:
        """Plain JSON-ready data, as the importer stores it with the module."""
        data = asdict(self)
        if self.rubric is not None:
            # JSON object keys are text: keep the levels as [level, label] pairs instead.
            data["rubric"]["levels"] = [[k, v] for k, v in sorted(self.rubric.levels.items())]
        return data


def mapping(key: str, value: Any) -> str | None:
    """The practice block as a whole: key: value lines (each key is checked on its own)."""
    if isinstance(value, dict):
        return None
    return f'"{key}" must be key: value lines (submit, rubric, pass, ...), got {show(value)}'


def _submit(key: str, value: Any) -> str | None:
    allowed = ", ".join(SUBMIT_KINDS)
    if not isinstance(value, list) or not value:
        return f'"{key}" must be a list of one or more of {allowed}, got {show(value)}'
    unknown = [v for v in value if v not in SUBMIT_KINDS]
    if unknown:
        return f'"{key}" may hold only {allowed}, got {show(unknown[0])}'
    if len(set(value)) != len(value):
        return f'"{key}" names a kind twice: keep each once'
    return None


def _rubric_path(key: str, value: Any) -> str | None:
    example = f"{RUBRICS_DIR}/cfo-pitch.yml"
    if not isinstance(value, str) or not value.endswith(RUBRIC_SUFFIXES):
        return f'"{key}" must name a .yml file of this course, like {example}, got {show(value)}'
    normal = posixpath.normpath(value)
    if value.startswith("/") or normal != value or normal.startswith(".."):
        return f'"{key}" must be a path inside the course, like {example}, got {show(value)}'
    if len(value) > limits.MAX_FILE_NAME_CHARS:
        return f'"{key}" is over {limits.MAX_FILE_NAME_CHARS} characters: shorten the path'
    return None


def _reviewers(key: str, value: Any) -> str | None:
    if value in REVIEWERS:
        return None
    return f'"{key}" must be one of {", ".join(REVIEWERS)}, got {show(value)}'


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _pass_mark(key: str, value: Any) -> str | None:
    if _number(value) and value == value:  # NaN is a float that equals nothing
        return None
    return f'"{key}" must be a number on the rubric\'s scale, like 3.5, got {show(value)}'


PRACTICE_KEYS = {
    "submit": Key(_submit, required=True),
    "max_minutes": Key(whole_in(limits.PRACTICE_MINUTES)),
    "rubric": Key(_rubric_path, required=True),
    "reviewers": Key(_reviewers),
    "pass": Key(_pass_mark, required=True),
}


def _scale(key: str, value: Any) -> str | None:
    low, high = limits.RUBRIC_SCALE
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and low <= value[0] < value[1] <= high
    ):
        return None
    return (
        f'"{key}" must be two whole numbers [lowest, highest] from {low} to {high}, '
        f"lowest first, like [1, 5], got {show(value)}"
    )


def _levels(key: str, value: Any) -> str | None:
    if isinstance(value, dict):
        return None
    example = "{1: Missing, 5: Exemplary}"
    return f'"{key}" must be level: label lines, like {example}, got {show(value)}'


def _criteria(key: str, value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return f'"{key}" must be a list of one or more criteria (- id: ..., title: ...)'
    if len(value) > limits.MAX_RUBRIC_CRITERIA:
        most = limits.MAX_RUBRIC_CRITERIA
        return f'"{key}" has {len(value)} criteria; at most {most} are allowed'
    return None


def _criterion_id(key: str, value: Any) -> str | None:
    if is_slug(value):
        return None
    return (
        f'"{key}" must be a slug (lowercase letters, digits and single hyphens, like '
        f"quantifies-value, at most {limits.MAX_SLUG_CHARS}), got {show(value)}"
    )


def _weight(key: str, value: Any) -> str | None:
    low, high = limits.RUBRIC_WEIGHT
    if _number(value) and low < value <= high:
        return None
    return f'"{key}" must be a number above {low} and at most {high}, got {show(value)}'


RUBRIC_KEYS = {
    "title": Key(required_text, required=True),
    "scale": Key(_scale, required=True),
    "levels": Key(_levels),
    "criteria": Key(_criteria, required=True),
}
CRITERION_KEYS = {
    "id": Key(_criterion_id, required=True),
    "title": Key(required_text, required=True),
    "weight": Key(_weight),
}


def read_practice(doc_yaml: YamlText, meta: Mapping) -> tuple[Practice, dict[str, int]] | None:
    """The module's practice block and the line of each key; None when it cannot be used."""
    if "practice" not in meta.values:
        return None
    checked = doc_yaml.mapping(
        meta.nodes["practice"], PRACTICE_KEYS, '"practice"', missing_line=meta.lines["practice"]
    )
    values = checked.values
    if not all(key in values for key, rule in PRACTICE_KEYS.items() if rule.required):
        return None
    practice = Practice(
        submit=list(values["submit"]),
        rubric_file=values["rubric"],
        pass_mark=values["pass"],
        reviewers=values.get("reviewers", DEFAULT_REVIEWERS),
        max_minutes=values.get("max_minutes"),
    )
    return practice, checked.lines


def _read_levels(doc: YamlText, node: yaml.Node, low: int, high: int) -> dict[int, str]:
    """Each level's label, checked: a whole number on the scale, a title-sized label."""
    levels: dict[int, str] = {}
    for key_node, value_node in node.value:
        line = doc.line(key_node)
        ok_key, level = doc.value(key_node)
        ok_value, label = doc.value(value_node)
        if not (ok_key and ok_value):
            continue
        if not isinstance(level, int) or isinstance(level, bool) or not low <= level <= high:
            doc.error(
                line, f"a level must be a whole number from {low} to {high}, got {show(level)}"
            )
        elif level in levels:
            doc.error(line, f"level {level} is labelled twice: keep only one")
        elif message := required_text(f"level {level}", label):
            doc.error(line, message)
        else:
            levels[level] = label
    return levels


def _read_criteria(doc: YamlText, node: yaml.Node) -> list[Criterion]:
    criteria: list[Criterion] = []
    seen: dict[str, int] = {}
    for item in node.value:
        checked = doc.mapping(item, CRITERION_KEYS, "a criterion", missing_line=doc.line(item))
        values = checked.values
        if "id" not in values or "title" not in values:
            continue
        criterion_id = values["id"]
        if criterion_id in seen:
            doc.error(
                checked.lines["id"],
                f'duplicate criterion id "{criterion_id}" (also at line {seen[criterion_id]}): '
                "give each criterion its own id",
            )
            continue
        seen[criterion_id] = checked.lines["id"]
        criteria.append(Criterion(criterion_id, values["title"], values.get("weight", 1)))
    return criteria


def read_rubric(source: str, file: str, rel: str, problems: list[Problem]) -> Rubric | None:
    """A rubric file, every problem reported with its line; None when it cannot be used."""
    known = len(problems)
    doc = YamlText(source, rel, 1, problems)
    if not doc.ok:
        return None
    checked = doc.mapping(doc.root, RUBRIC_KEYS, "the rubric", missing_line=1)
    values = checked.values
    if "scale" not in values or "criteria" not in values:
        return None
    low, high = values["scale"]
    levels = {}
    if "levels" in values:
        levels = _read_levels(doc, checked.nodes["levels"], low, high)
    criteria = _read_criteria(doc, checked.nodes["criteria"])
    if len(problems) > known:
        return None
    return Rubric(file, values["title"], low, high, levels, criteria, source)


def check_pass_mark(practice: Practice, rel: str, line: int, problems: list[Problem]) -> None:
    """The pass mark must be reachable on the rubric's scale."""
    rubric = practice.rubric
    if rubric is None or rubric.low <= practice.pass_mark <= rubric.high:
        return
    problems.append(
        Problem(
            rel,
            line,
            f'"pass" is {show(practice.pass_mark)}, outside the rubric\'s scale '
            f"[{rubric.low}, {rubric.high}]: pick a mark a review can reach",
        )
    )


def is_rubric_file(name: str) -> bool:
    """A file of rubrics/ (part of the course, not a stray)."""
    return name.startswith(RUBRICS_DIR + "/") and name.endswith(RUBRIC_SUFFIXES)


def weighted_score(rubric_criteria: list[dict[str, Any]], levels: dict[str, int]) -> float:
    """The weighted average of the levels given, one per criterion, rounded to 2 places."""
    total = sum(float(c["weight"]) for c in rubric_criteria)
    scored = sum(float(c["weight"]) * levels[c["id"]] for c in rubric_criteria)
    return round(scored / total, 2) if total else 0.0
