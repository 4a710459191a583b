"""Where the course loader meets practice modules: the block, its rubric, and their checks."""

from __future__ import annotations

from collections.abc import Callable

from lms.content.frontmatter import Document
from lms.content.model import Problem
from lms.content.practice import (
    Practice,
    Rubric,
    check_pass_mark,
    is_rubric_file,
    read_practice,
    read_rubric,
)

ReadText = Callable[[str, str], "str | None"]
"""(name inside the course, path shown in problems) -> the checked text, or None."""


class Rubrics:
    """The rubric files of one course, each read and checked once however many modules use it."""

    def __init__(self, course_slug: str, files: set[str], read: ReadText, problems: list[Problem]):
        self.course_slug = course_slug
        self.files = files
        self.read = read
        self.problems = problems
        self.loaded: dict[str, Rubric | None] = {}

    def get(self, name: str) -> Rubric | None:
        if name not in self.loaded:
            rel = f"{self.course_slug}/{name}"
            source = self.read(name, rel)
            rubric = None if source is None else read_rubric(source, name, rel, self.problems)
            self.loaded[name] = rubric
        return self.loaded[name]

    def check_unused(self) -> None:
        """Rubric files no module names yet are still part of the course: check them too."""
        for name in sorted(self.files):
            if is_rubric_file(name) and name not in self.loaded:
                self.get(name)

    def named(self) -> set[str]:
        return set(self.loaded)


def load_practice(
    doc: Document, has_quiz: bool, rel: str, rubrics: Rubrics, problems: list[Problem]
) -> Practice | None:
    """The module's practice block with its rubric; problems appended, never raised."""
    if doc.yaml is None:
        return None
    found = read_practice(doc.yaml, doc.meta)
    if "practice" in doc.meta.lines and has_quiz:
        problems.append(
            Problem(
                rel,
                doc.meta.lines["practice"],
                "a module has a quiz or a practice block, never both: "
                "move the questions to a module of their own",
            )
        )
    if found is None:
        return None
    practice, lines = found
    if practice.rubric_file not in rubrics.files:
        problems.append(
            Problem(
                rel,
                lines["rubric"],
                f'"rubric" names {practice.rubric_file}, which is not in the course folder: '
                "add it, or fix the path",
            )
        )
        return practice
    practice.rubric = rubrics.get(practice.rubric_file)
    check_pass_mark(practice, rel, lines["pass"], problems)
    return practice
