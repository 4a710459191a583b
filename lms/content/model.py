"""Plain data the loader produces and the importer stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lms.content.library import Library
    from lms.content.practice import Practice


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One validation finding, tied to a file (relative to the course root) and a line."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SHORT = "short"


@dataclass
class Choice:
    key: str  # stable within its question: short hash of the choice's source text
    html: str  # sanitized inline HTML
    correct: bool  # single choice: full credit; multiple: a positive weight
    feedback_html: str | None = None
    # GIFT weight as a share of the question (-1..1) that picking it earns; None: right/wrong.
    credit: float | None = None


@dataclass
class Question:
    id: str  # the [id], or derived from the prompt
    kind: QuestionKind
    prompt_html: str
    choices: list[Choice] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # short answers as written; "/re/" = regex
    explanation_html: str | None = None
    line: int = 0
    source: str = ""  # the question's lines as written (for change detection and export)
    # GIFT =%n% weights, one per answer (0..1); empty: every answer earns full credit.
    answer_credits: list[float] = field(default_factory=list)


@dataclass
class Module:
    slug: str
    number: int  # numeric prefix of the file name; orders the modules
    filename: str
    title: str
    estimated_minutes: int
    pass_score: int | None  # None: the course's
    max_attempts: int  # 0: unlimited
    shuffle: bool
    quiz_file: str | None
    body_html: str
    toc_html: str
    source: str  # the whole file as written
    questions: list[Question] = field(default_factory=list)
    quiz_source: str | None = None  # the text of quiz_file as written, stored for the editor
    review: str | None = None  # None: the course's review policy
    practice: Practice | None = None  # a practice module's block and rubric


@dataclass
class Course:
    slug: str
    title: str
    summary: str
    track: str
    pass_score: int
    prerequisites: list[str]
    estimated_minutes: int
    overview_html: str
    source: str  # course.md as written
    modules: list[Module] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)  # "assets/x.png" -> bytes
    review: str = "after_pass"  # the modules' default review policy


@dataclass
class PathCourse:
    course: str
    due_day: int


@dataclass
class SignOffItem:
    """What a rep's manager confirms having seen before a certification is granted."""

    id: str
    title: str


@dataclass
class Certification:
    """A path's certification: granted on evidence, expires, renewed by what changed."""

    title: str
    valid_months: int
    recertify: str  # "changes" or "full"
    exam: str | None = None  # a course slug of the same tree
    sign_off: list[SignOffItem] = field(default_factory=list)
    exam_line: int = 0  # paths.yml line of "exam", for the checks that need the courses


@dataclass
class LearningPath:
    slug: str
    title: str
    description: str
    courses: list[PathCourse] = field(default_factory=list)
    certification: Certification | None = None


@dataclass
class Catalog:
    """Everything loaded from one courses folder, and what is wrong with it."""

    courses: list[Course] = field(default_factory=list)
    paths: list[LearningPath] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    library: Library | None = None  # None: the folder has no library/

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]
