"""`flask courses gift-export COURSE` and `flask courses validate DIR --format json`."""

import json
import shutil
from pathlib import Path

from sqlalchemy import select

from lms.content.gift_parse import parse_gift
from lms.content.loader import default_asset_url, load_catalog
from lms.db import db
from lms.models import Module
from tests.conftest import FIXTURE_COURSES, import_folder

GIFT_DIR = Path(__file__).parent / "gift"


def seen_by_rep(q):
    return (
        q.id,
        q.kind,
        q.prompt_html,
        [(c.key, c.html, c.correct, c.feedback_html) for c in q.choices],
        q.answers,
        q.explanation_html,
    )


def courses_with_gift(tmp_path) -> Path:
    """The fixture courses, with a GIFT file added to the quiz module of basics."""
    root = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, root)
    shutil.copy(GIFT_DIR / "every-kind.gift", root / "basics")
    quiz_module = next((root / "basics").glob("02-*.md"))
    text = quiz_module.read_text(encoding="utf-8")
    quiz_module.write_text(
        text.replace("---\n", "---\nquiz: every-kind.gift\n", 1), encoding="utf-8"
    )
    return root


def test_fixture_module_gets_the_gift_file(tmp_path):
    catalog = load_catalog(courses_with_gift(tmp_path))
    assert not catalog.errors, [str(p) for p in catalog.errors]
    (basics,) = [c for c in catalog.courses if c.slug == "basics"]
    assert sum(len(m.questions) for m in basics.modules) == 3 + 15


def test_gift_export_prints_the_stored_course_as_gift_that_reimports_the_same(
    app, runner, tmp_path
):
    root = courses_with_gift(tmp_path)
    import_folder(app, root)
    result = runner.invoke(args=["courses", "gift-export", "basics"])
    assert result.exit_code == 0, result.output
    problems = []
    got = parse_gift(result.stdout, "x.gift", problems, default_asset_url("basics"))
    (basics,) = [c for c in load_catalog(root).courses if c.slug == "basics"]
    want = [seen_by_rep(q) for m in basics.modules for q in m.questions]
    assert ([seen_by_rep(q) for q in got], problems) == (want, [])
    assert result.stdout.startswith("// RepReady course basics")


def test_gift_export_reads_the_stored_sources_not_the_files(app, runner):
    import_folder(app)
    with app.app_context(), db.writing() as session:
        module = session.scalar(select(Module).where(Module.slug == "quiz"))
        assert module is not None
        # What a browser edit stores: a new module text.
        module.source = module.source.replace("? [capital]", "? [capital] Edited in the browser:")
    result = runner.invoke(args=["courses", "gift-export", "basics"])
    assert result.exit_code == 0, result.output
    assert "::capital::[markdown]Edited in the browser\\:" in result.stdout


def test_gift_export_writes_to_a_file(app, runner, tmp_path):
    import_folder(app)
    target = tmp_path / "basics.gift"
    result = runner.invoke(args=["courses", "gift-export", "basics", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"Wrote the questions of basics to {target}" in result.stderr
    assert "::capital::" in target.read_text(encoding="utf-8")


def test_gift_export_of_an_unknown_course_names_the_known_ones(app, runner):
    import_folder(app)
    result = runner.invoke(args=["courses", "gift-export", "nope"])
    assert result.exit_code == 1
    assert (
        'no course "nope" in the database: import it first, or use one of: advanced, basics'
        in result.stderr
    )


def test_validate_json_lists_errors_and_warnings_and_exits_1_on_errors(runner, tmp_path):
    root = courses_with_gift(tmp_path)
    (root / "basics" / "notes.txt").write_text("stray")
    (root / "basics" / "every-kind.gift").write_text("::m::Pairs{=a -> b =c -> d}\n")
    result = runner.invoke(args=["courses", "validate", str(root), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "file": "basics/every-kind.gift",
            "line": 1,
            "message": "GIFT type not supported: matching; write each pair as a multiple-choice question, or delete it",
            "severity": "error",
        },
        {
            "file": "basics/notes.txt",
            "line": 1,
            "message": "not part of the course: only course.md, NN-slug.md modules and files under assets/ are imported; move or delete it",
            "severity": "warning",
        },
    ]


def test_validate_json_of_a_clean_folder_is_an_empty_array_and_exit_0(runner):
    result = runner.invoke(args=["courses", "validate", str(FIXTURE_COURSES), "--format", "json"])
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_validate_text_stays_the_default(runner, tmp_path):
    root = courses_with_gift(tmp_path)
    (root / "basics" / "every-kind.gift").write_text("::m::Pairs{=a -> b =c -> d}\n")
    result = runner.invoke(args=["courses", "validate", str(root)])
    assert result.exit_code == 1
    assert "basics/every-kind.gift:1: GIFT type not supported: matching" in result.stderr
    assert result.stdout == ""
