"""GIFT weights through the app: partial credit graded, stored, shown; old attempts still read."""

import re
import shutil
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from lms.assessment import attempts as service
from lms.assessment import question_types
from lms.db import db
from lms.models import Attempt, Module, Role, Team, User
from tests.conftest import FIXTURE_COURSES, PASSWORD, import_folder, make_user, submit_quiz

WEIGHTS = "/courses/basics/weights"
MODULE = "---\ntitle: Weighted\nquiz: weights.gift\n---\nRead, then answer.\n"
GIFT = r"""::founded::Veloxa was founded in {~Lyon ~%50%the Paris suburbs =Paris}.

::buyers::Which two sign the contract? {~%50%The CFO ~%50%The CIO ~%-100%The intern}

::stage::Which stage does sales own? {=purchase =%60%close}

::equals::Which sign means "equals"? {=\= ~\~}
"""
PARTLY = {"founded": "the Paris suburbs", "buyers": ["The CFO"], "stage": "close", "equals": "="}
RIGHT = {"founded": "Paris", "buyers": ["The CFO", "The CIO"], "stage": "purchase", "equals": "="}


@pytest.fixture
def weighted(app, auth, tmp_path):
    """The fixture courses plus a basics module with a weighted GIFT file; a rep signed in."""
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    (folder / "basics" / "03-weights.md").write_text(MODULE)
    (folder / "basics" / "weights.gift").write_text(GIFT)
    import_folder(app, folder)
    user_id = make_user(app, team_name="Atlas")
    auth.login()
    return user_id


def result(client, response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_partial_credit_is_graded_summed_and_shown(app, client, weighted):
    html = result(client, submit_quiz(client, WEIGHTS, PARTLY))
    # (0.5 + 0.5 + 0.6 + 1) / 4 questions = 65%
    assert '<p class="score">65%</p>' in html
    assert "Passed: the pass mark is 60%." in html
    assert "1 of 4 right, 3 partly right" in html
    verdicts = re.findall(r'<p class="verdict[^"]*">([^<]+)</p>', html)
    assert verdicts == ["Partly right (50%)", "Partly right (50%)", "Partly right (60%)", "Right"]
    assert html.count('class="review-item is-partial"') == 3
    with app.app_context():
        (attempt,) = db.session.scalars(select(Attempt)).all()
        assert [(s["correct"], s["credit"]) for s in attempt.snapshot] == [
            (False, 0.5),
            (False, 0.5),
            (False, 0.6),
            (True, 1.0),
        ]


def test_full_credit_is_right_and_a_negative_weight_takes_it_away(client, weighted):
    html = result(client, submit_quiz(client, WEIGHTS, RIGHT))
    assert '<p class="score">100%</p>' in html and "4 of 4 right ·" in html
    wrong = {**RIGHT, "buyers": ["The CFO", "The intern"]}
    html = result(client, submit_quiz(client, WEIGHTS, wrong))
    assert '<p class="score">75%</p>' in html
    assert re.findall(r'<p class="verdict">(\w+)</p>', html) == ["Right", "Wrong", "Right", "Right"]


def test_a_choice_that_is_only_an_escaped_equals_shows_as_equals(client, weighted):
    page = client.get(WEIGHTS).get_data(as_text=True)
    assert "<span>=</span>" in page and "<span>~</span>" in page
    assert "\\=" not in page


def test_the_rep_detail_page_shows_partial_credit(app, client, auth, weighted):
    result(client, submit_quiz(client, WEIGHTS, PARTLY))
    make_user(app, "maya@example.com", Role.MANAGER, name="Maya", team_name="Atlas")
    auth.logout()
    auth.login("maya@example.com")
    with app.app_context():
        team = db.session.scalar(select(Team.id).where(Team.name == "Atlas"))
    html = client.get(f"/reports/teams/{team}/reps/{weighted}").get_data(as_text=True)
    assert "Weighted, attempt 1: 65% (passed)" in html
    assert "Partly right (60%)" in html


def test_an_attempt_stored_before_partial_credit_still_reads(app, client, weighted):
    old_snapshot = [
        {"key": "capital", "kind": "single", "prompt_html": "Capital?", "correct": True,
         "choices": [{"key": "a", "html": "Paris", "correct": True, "picked": True}],
         "answer": None, "accepted": [], "explanation_html": None},
        {"key": "funnel", "kind": "short", "prompt_html": "Stage?", "correct": False,
         "choices": [], "answer": "buy it", "accepted": ["purchase"], "explanation_html": None},
    ]  # fmt: skip
    with app.app_context(), db.writing() as session:
        module = session.scalar(select(Module).where(Module.slug == "quiz"))
        attempt = Attempt(
            user_id=weighted, module_id=module.id, token="t" * 32, number=1,
            submitted_at=datetime.now(UTC), score=50, passed=False, pass_score=60,
            snapshot=old_snapshot,
        )  # fmt: skip
        session.add(attempt)
        session.flush()
        attempt_id = attempt.id
    html = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert re.findall(r'<p class="verdict">(\w+)</p>', html) == ["Right", "Wrong"]
    assert "1 of 2 right ·" in html
    assert [service.snapshot_credit(item) for item in old_snapshot] == [1.0, 0.0]


def test_grading_runs_before_the_write_lock_is_taken(app, client, weighted, monkeypatch):
    locked = []
    graded_while_locked = []
    writing = db.writing

    def tracking_writing():
        locked.append(True)
        return writing()

    def tracking_credit(question, response):
        graded_while_locked.append(bool(locked))
        return 1.0

    monkeypatch.setattr(db, "writing", tracking_writing)
    # Each question type grades through lms/content/grading.py's question_credit.
    monkeypatch.setattr(question_types, "question_credit", tracking_credit)
    with app.app_context():
        rep = db.session.get(User, weighted)
        module = db.session.scalar(select(Module).where(Module.slug == "weights"))
        attempt = service.submit(rep, module, module.questions, service.new_token(), {})
        assert attempt.score == 100
    assert graded_while_locked == [False] * 4
    assert locked == [True]


def test_the_editor_preview_shows_weights_and_refuses_what_re2_cannot_compile(
    app, client, auth, weighted
):
    make_user(app, "tess@example.com", Role.TRAINER, name="Tess")
    auth.logout()
    auth.login("tess@example.com", PASSWORD)
    preview = client.get("/authoring/courses/basics/weights/edit").get_data(as_text=True)
    assert "Partly right (50%):</strong> the Paris suburbs" in preview
    assert "Right answer (50%):</strong> The CFO" in preview
    assert "Wrong (-100%):</strong> The intern" in preview
    assert "<code>close</code> (60% credit)" in preview
    assert "Right answer:</strong> =" in preview
    url = "/authoring/courses/basics/quiz/edit"
    source = (FIXTURE_COURSES / "basics" / "02-quiz.md").read_text()
    bad = source.replace("= /buy(ing)?/", "= /(buy)\\1/")
    for action in ("preview", "publish"):
        response = client.post(url, data={"source": bad, "base_version": "1", "action": action})
        assert response.status_code == 422
        shown = response.get_data(as_text=True)
        assert re.search(r'data-line="25">Line 25</a>[^<]*: [^<]*invalid escape sequence', shown)
