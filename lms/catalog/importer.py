"""Store a validated catalog: add, change or retire rows so the database matches the files."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from lms import clock
from lms.catalog.certifications import store_certifications
from lms.catalog.library_import import store_library
from lms.content import model as content
from lms.content.grading import question_to_dict
from lms.content.loader import Stored
from lms.content.render import RENDERER_VERSION, RenderedMarkdown
from lms.messaging import trainers
from lms.models import (
    Asset,
    Course,
    CourseRecord,
    LearningPath,
    Module,
    ModuleVersion,
    PathCourse,
    Question,
)
from lms.search.index import update as update_search


@dataclass(frozen=True)
class Conflict:
    """A module published in the app since its last import, which the import left alone."""

    course: str
    module: str
    version: int
    author: str | None  # None when no one signed the version
    at: datetime
    removed: bool = False  # the files no longer hold the module

    @property
    def key(self) -> str:
        return f"{self.course}/{self.module}"

    def __str__(self) -> str:
        who = self.author or "an unknown user"
        files = "removed from the files" if self.removed else "the files differ"
        return (
            f"{self.key}: version {self.version} was published in the app by {who} "
            f"on {self.at:%Y-%m-%d %H:%M} UTC; {files}, so it was left as it is"
        )


@dataclass(frozen=True)
class Change:
    """One course or module added, changed or retired; what changed, in words."""

    kind: str  # course | module
    key: str  # "course" or "course/module"
    outcome: str  # added | changed | retired
    detail: str = ""  # for a changed module: "text", "questions", "settings", joined by ", "

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.kind} {self.key}: {self.outcome}{detail}"


# Which module fields make up which part of a change, for the trainer's preview.
_MODULE_PARTS = {
    "text": {"title", "body_html", "toc_html", "source", "filename"},
    "questions": {"quiz_file", "quiz_source", "question_count"},
}


@dataclass
class ImportSummary:
    """How many of each kind were added, changed, unchanged or retired, and which."""

    counts: dict[str, Counter] = field(
        default_factory=lambda: {k: Counter() for k in ("courses", "modules", "questions")}
    )
    conflicts: list[Conflict] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    # What reps may feel: courses that existed and gained modules, modules changed or
    # retired, and the (course id, key) of questions changed or retired.
    grown_courses: set[int] = field(default_factory=set)
    touched_modules: set[int] = field(default_factory=set)
    touched_questions: set[tuple[int, str]] = field(default_factory=set)
    new_material_reps: int = 0  # completed reps given a due date for the new modules
    library: Counter = field(default_factory=Counter)  # library items added, changed, ...
    search: Counter = field(default_factory=Counter)  # search documents added, removed, ...

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def note(self, kind: str, key: str, outcome: str, detail: str = "") -> None:
        self.count(kind + "s", outcome)
        self.changes.append(Change(kind, key, outcome, detail))

    @property
    def changed_anything(self) -> bool:
        return any(c[o] for c in self.counts.values() for o in ("added", "changed", "retired"))

    def lines(self) -> list[str]:
        outcomes = ("added", "changed", "unchanged", "retired")
        return [
            f"{kind}: " + ", ".join(f"{counter[o]} {o}" for o in outcomes)
            for kind, counter in self.counts.items()
        ]


def _apply(row: Any, values: dict[str, Any]) -> bool:
    """Set the values on the row; True when any differed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _retire(row: Any, now) -> bool:
    if row.retired_at is None:
        row.retired_at = now
        return True
    return False


class _Importer:
    def __init__(
        self,
        session: Session,
        origin: str,
        author_id: int | None,
        retire_missing: bool,
        overwrite: bool | set[str] = False,
    ) -> None:
        self.session = session
        self.overwrite = overwrite  # True, or the "course/module" keys the trainer confirmed
        self.summary = ImportSummary()
        self.now = clock.now()
        self.origin = origin  # recorded on each module version: import | editor | rollback
        self.author_id = author_id
        self.retire_missing = retire_missing
        self.new_material_due: date | None = None
        self.added_courses: set[int] = set()

    def run(self, catalog: content.Catalog) -> ImportSummary:
        existing = {c.slug: c for c in self.session.scalars(select(Course))}
        seen: set[str] = set()
        for parsed in catalog.courses:
            seen.add(parsed.slug)
            self._course(existing.get(parsed.slug), parsed)
        if self.retire_missing:
            self._retire_courses([c for slug, c in existing.items() if slug not in seen])
        self.session.flush()
        self._paths(catalog.paths)
        self.session.flush()
        if self.new_material_due is not None and self.summary.grown_courses:
            self._require_new_material()
        if catalog.library is not None or self.retire_missing:
            self.summary.library = store_library(
                self.session, catalog.library, self.now, retire=self.retire_missing
            )
        # The search follows the content in this transaction: only documents that changed.
        self.summary.search = update_search(self.session)
        return self.summary

    def _require_new_material(self) -> None:
        """Give reps who completed a course that gained modules a date for the new ones."""
        due = self.new_material_due
        result = self.session.execute(
            update(CourseRecord)
            .where(
                CourseRecord.course_id.in_(self.summary.grown_courses),
                CourseRecord.completed_at.is_not(None),
                (CourseRecord.new_material_due.is_(None)) | (CourseRecord.new_material_due < due),
            )
            .values(new_material_due=due)
            .execution_options(synchronize_session=False)
        )
        self.summary.new_material_reps = result.rowcount

    def _retire_courses(self, courses: list[Course]) -> None:
        for course in courses:
            held = [m for m in course.modules if self._held(course, m, None)]
            if held:  # a course whose folder is gone still holds edits made in the app
                continue
            if _retire(course, self.now):
                self.summary.note("course", course.slug, "retired")
                for module in course.modules:
                    if _retire(module, self.now):
                        self.summary.note("module", f"{course.slug}/{module.slug}", "retired")
                        self.summary.touched_modules.add(module.id)
                self._retire_questions(course.id, keep=set())

    def _course(self, course: Course | None, parsed: content.Course) -> None:
        values = {
            "title": parsed.title,
            "summary": parsed.summary,
            "track": parsed.track,
            "pass_score": parsed.pass_score,
            "prerequisites": list(parsed.prerequisites),
            "estimated_minutes": parsed.estimated_minutes,
            "overview_html": parsed.overview_html,
            "source": parsed.source,
            "retired_at": None,
            "review": parsed.review,
        }
        if course is None:
            course = Course(
                slug=parsed.slug,
                imported_at=self.now,
                renderer_version=RENDERER_VERSION,
                **values,
            )
            self.session.add(course)
            self.session.flush()
            self.summary.note("course", course.slug, "added")
            self.added_courses.add(course.id)
            self._assets(course, parsed.assets)
            self._modules(course, parsed)
            return
        changed = _apply(course, values)
        course.renderer_version = RENDERER_VERSION  # the HTML is now this renderer's
        changed |= self._assets(course, parsed.assets)
        changed |= self._modules(course, parsed)
        if changed:
            course.version += 1
            course.imported_at = self.now
            self.summary.note("course", course.slug, "changed")
        else:
            self.summary.count("courses", "unchanged")

    def _modules(self, course: Course, parsed: content.Course) -> bool:
        """Add, change and retire the course's modules and questions; True if any did."""
        existing = {
            m.slug: m
            for m in self.session.scalars(select(Module).where(Module.course_id == course.id))
        }
        questions = {
            q.key: q
            for q in self.session.scalars(select(Question).where(Question.course_id == course.id))
        }
        before = dict(self.summary.counts["modules"]), dict(self.summary.counts["questions"])
        seen: set[str] = set()
        held: set[int] = set()  # modules edited in the app: they and their questions stay
        for position, parsed_module in enumerate(parsed.modules, start=1):
            seen.add(parsed_module.slug)
            current = existing.get(parsed_module.slug)
            if self._held(course, current, parsed_module):
                held.add(current.id)
                continue
            module = self._module(course, current, parsed_module, position)
            for q_position, parsed_q in enumerate(parsed_module.questions, start=1):
                question = questions.get(parsed_q.id)
                if question is not None and question.module_id in held:
                    continue  # never take a question away from a module left as it is
                self._question(course, module, question, parsed_q, q_position)
        for slug, module in existing.items():
            if slug in seen:
                continue
            if self._held(course, module, None):
                held.add(module.id)
            elif _retire(module, self.now):
                self.summary.note("module", f"{course.slug}/{slug}", "retired")
                self.summary.touched_modules.add(module.id)
        keep = {q.id for m in parsed.modules for q in m.questions}
        keep |= {key for key, q in questions.items() if q.module_id in held}
        self._retire_questions(course.id, keep)
        after = dict(self.summary.counts["modules"]), dict(self.summary.counts["questions"])
        moved = ("added", "changed", "retired")
        return any(after[i].get(o, 0) != before[i].get(o, 0) for i in (0, 1) for o in moved)

    def _module(
        self, course: Course, module: Module | None, parsed: content.Module, position: int
    ) -> Module:
        values = {
            "position": position,
            "filename": parsed.filename,
            "title": parsed.title,
            "estimated_minutes": parsed.estimated_minutes,
            "pass_score": parsed.pass_score,
            "max_attempts": parsed.max_attempts,
            "shuffle": parsed.shuffle,
            "question_count": len(parsed.questions),
            "body_html": parsed.body_html,
            "toc_html": parsed.toc_html,
            "source": parsed.source,
            "quiz_file": parsed.quiz_file,
            "quiz_source": parsed.quiz_source,
            "retired_at": None,
            "review": parsed.review,
            "practice": parsed.practice.as_data() if parsed.practice else None,
        }
        key = f"{course.slug}/{parsed.slug}"
        if module is None:
            module = Module(
                course_id=course.id,
                slug=parsed.slug,
                updated_at=self.now,
                renderer_version=RENDERER_VERSION,
                **values,
            )
            self.session.add(module)
            self.session.flush()
            self.summary.note("module", key, "added")
            if course.id not in self.added_courses:
                self.summary.grown_courses.add(course.id)  # an existing course gains it
            self._version(module)
        elif differing := {n for n, v in values.items() if getattr(module, n) != v}:
            _apply(module, values)
            module.renderer_version = RENDERER_VERSION
            module.version += 1
            module.updated_at = self.now
            parts = [p for p, names in _MODULE_PARTS.items() if differing & names]
            if differing - set().union(*_MODULE_PARTS.values()):
                parts.append("settings")
            self.summary.note("module", key, "changed", ", ".join(parts))
            self.summary.touched_modules.add(module.id)
            self._version(module)
        else:
            # Same HTML from a newer renderer: not a new version of the module.
            module.renderer_version = RENDERER_VERSION
            self.summary.count("modules", "unchanged")
        if self.origin == "import":
            module.edited_in_app_at = None  # the files now agree with the app, or overwrote it
        return module

    def _held(self, course: Course, module: Module | None, parsed: content.Module | None) -> bool:
        """True (and a conflict recorded) when importing files must leave this module alone.

        That is a module published in the app since its last import whose file is gone or
        differs, unless the trainer asked to overwrite it.
        """
        if module is None or module.edited_in_app_at is None or self.origin != "import":
            return False
        if module.retired_at is not None:
            return False
        if parsed is not None and (parsed.source, parsed.quiz_source) == (
            module.source,
            module.quiz_source,
        ):
            return False  # the edit was exported and committed: nothing to lose
        key = f"{course.slug}/{module.slug}"
        if self.overwrite is True or (self.overwrite and key in self.overwrite):
            return False
        version = self.session.scalar(
            select(ModuleVersion)
            .options(joinedload(ModuleVersion.author))
            .where(ModuleVersion.module_id == module.id, ModuleVersion.number == module.version)
        )
        author = version.author if version else None
        self.summary.conflicts.append(
            Conflict(
                course.slug,
                module.slug,
                module.version,
                f"{author.name} <{author.email}>" if author else None,
                version.created_at if version else module.edited_in_app_at,
                removed=parsed is None,
            )
        )
        return True

    def _version(self, module: Module) -> None:
        """Keep the module's new form; its number is always the module's version."""
        if self.origin != "import":
            module.edited_in_app_at = self.now  # an import must not replace it unasked
        self.session.add(
            ModuleVersion(
                module_id=module.id,
                number=module.version,
                source=module.source,
                quiz_source=module.quiz_source,
                author_id=self.author_id,
                origin=self.origin,
                created_at=self.now,
            )
        )

    def _question(
        self,
        course: Course,
        module: Module,
        question: Question | None,
        parsed: content.Question,
        position: int,
    ) -> None:
        values = {
            "module_id": module.id,
            "position": position,
            "kind": parsed.kind,
            "data": question_to_dict(parsed),
            "source": parsed.source,
            "retired_at": None,
        }
        if question is None:
            self.session.add(
                Question(course_id=course.id, key=parsed.id, updated_at=self.now, **values)
            )
            self.summary.count("questions", "added")
        elif _apply(question, values):
            question.updated_at = self.now
            self.summary.count("questions", "changed")
            self.summary.touched_questions.add((course.id, question.key))
        else:
            self.summary.count("questions", "unchanged")

    def _retire_questions(self, course_id: int, keep: set[str]) -> None:
        rows = self.session.scalars(select(Question).where(Question.course_id == course_id))
        for question in rows:
            if question.key not in keep and _retire(question, self.now):
                self.summary.count("questions", "retired")
                self.summary.touched_questions.add((course_id, question.key))

    def _assets(self, course: Course, files: dict[str, bytes]) -> bool:
        """Make the stored assets match the folder; True when any changed."""
        stored = {
            a.path: a
            for a in self.session.scalars(select(Asset).where(Asset.course_id == course.id))
        }
        changed = False
        for path, data in files.items():
            digest = hashlib.sha256(data).hexdigest()
            asset = stored.pop(path, None)
            if asset is None:
                self.session.add(Asset(course_id=course.id, path=path, sha256=digest, data=data))
                changed = True
            elif asset.sha256 != digest:
                asset.sha256, asset.data = digest, data
                changed = True
        for asset in stored.values():
            self.session.delete(asset)
            changed = True
        return changed

    def _paths(self, parsed_paths: list[content.LearningPath]) -> None:
        courses = {
            c.slug: c
            for c in self.session.scalars(select(Course).where(Course.retired_at.is_(None)))
        }
        existing = {p.slug: p for p in self.session.scalars(select(LearningPath))}
        seen = set()
        for parsed in parsed_paths:
            seen.add(parsed.slug)
            path = existing.get(parsed.slug)
            values = {"title": parsed.title, "description": parsed.description, "retired_at": None}
            if path is None:
                path = LearningPath(slug=parsed.slug, **values)
                self.session.add(path)
            else:
                _apply(path, values)
            wanted = [
                (courses[link.course].id, position, link.due_day)
                for position, link in enumerate(parsed.courses, start=1)
            ]
            current = [(link.course_id, link.position, link.due_day) for link in path.courses]
            if current != wanted:
                path.courses.clear()
                self.session.flush()
                path.courses.extend(
                    PathCourse(course_id=cid, position=pos, due_day=day) for cid, pos, day in wanted
                )
        for slug, path in existing.items():
            if slug not in seen and self.retire_missing:
                _retire(path, self.now)
        store_certifications(self.session, parsed_paths, self.now)


def stored_html(session: Session) -> Stored:
    """Each stored course.md and module's source and HTML by path, for load_catalog to reuse.

    Only HTML from the current renderer is reused: what an older one rendered is rendered
    again, even when the text is unchanged.
    """
    stored: Stored = {
        f"{slug}/course.md": (source, RenderedMarkdown(html, ""))
        for slug, source, html in session.execute(
            select(Course.slug, Course.source, Course.overview_html).where(
                Course.renderer_version == RENDERER_VERSION
            )
        )
    }
    rows = session.execute(
        select(Course.slug, Module.filename, Module.source, Module.body_html, Module.toc_html)
        .join(Course, Course.id == Module.course_id)
        .where(Module.retired_at.is_(None), Module.renderer_version == RENDERER_VERSION)
    )
    for slug, filename, source, body_html, toc_html in rows:
        stored[f"{slug}/{filename}"] = (source, RenderedMarkdown(body_html, toc_html))
    return stored


def import_catalog(
    session: Session,
    catalog: content.Catalog,
    *,
    origin: str = "import",
    author_id: int | None = None,
    retire_missing: bool = True,
    overwrite: bool | set[str] = False,
    new_material_due: date | None = None,
) -> ImportSummary:
    """Store a catalog that has no errors; the caller owns the transaction.

    retire_missing=False stores only what the catalog holds (an uploaded course, an edited
    module) and leaves every other course and path as it is. A module published in the app
    since its last import is left alone and listed in summary.conflicts, unless overwrite is
    True or holds its "course/module" key. new_material_due: reps who completed a course
    that gains modules must do them by then (None: the new modules are optional for them).
    """
    if catalog.errors:
        raise ValueError("refusing to import a catalog with errors")
    importer = _Importer(session, origin, author_id, retire_missing, overwrite)
    importer.new_material_due = new_material_due
    summary = importer.run(catalog)
    # Trainers hear of the edits the files did not replace, in the import's transaction.
    trainers.import_conflicts(session, summary.conflicts)
    return summary
