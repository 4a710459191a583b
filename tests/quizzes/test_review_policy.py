"""The review policy: what an attempt's result shows, by module and course (COURSE_FORMAT.md)."""

import pytest

from lms.content.loader import load_catalog
from tests.conftest import (
    import_folder,
    make_user,
    quiz_form,
)
from tests.helpers.sign_in import sign_in

QUESTION = """```quiz
? [capital] Which city is the capital of France?
- [ ] Lyon
  > Lyon is the third largest city.
- [x] Paris
  > Right, Paris.
! Paris has been the capital for centuries.

? [funnel] Which stage does sales own? (one word)
= purchase
= /buy(ing)?/
! Sales works the bottom of the funnel.
```
"""
WRONG = {"capital": "Lyon", "funnel": "top"}
RIGHT = {"capital": "Paris", "funnel": "purchase"}
EXPLANATION = "Paris has been the capital for centuries."
RIGHT_ANSWER = "Right answer: <ul><li>Paris</li></ul>"
FEEDBACK = "Lyon is the third largest city."


def course_folder(tmp_path, module_review=None, course_review=None, max_attempts=3):
    """One course of one quiz module, with the review keys given (None: key left out)."""
    course = tmp_path / "policy" / "geo"
    course.mkdir(parents=True)
    course_meta = "title: Geo\ntrack: skills\n" + (
        f"review: {course_review}\n" if course_review else ""
    )
    (course / "course.md").write_text(f"---\n{course_meta}---\n")
    module_meta = f"title: Capitals\nmax_attempts: {max_attempts}\n" + (
        f"review: {module_review}\n" if module_review else ""
    )
    (course / "01-capitals.md").write_text(f"---\n{module_meta}---\n{QUESTION}")
    (tmp_path / "policy" / "paths.yml").write_text(
        "- slug: geo-path\n  title: Geo\n  courses:\n    - course: geo\n      due_day: 5\n"
    )
    return tmp_path / "policy"


@pytest.fixture
def take(app, client, tmp_path):
    """Import a one-quiz course with the given policy, sign a rep in; return a submitter."""

    def setup(**policy):
        import_folder(app, course_folder(tmp_path, **policy))
        make_user(app, email="geo@example.com", path="geo-path")
        sign_in(client, "geo@example.com")

        def submit(answers):
            url = "/courses/geo/capitals"
            html = client.get(url).get_data(as_text=True)
            response = client.post(f"{url}/quiz", data=quiz_form(html, answers))
            assert response.status_code == 302
            return client.get(response.headers["Location"]).get_data(as_text=True)

        return submit

    return setup


def test_after_pass_is_the_default_and_hides_answers_while_attempts_remain(take):
    submit = take()
    html = submit(WRONG)
    assert '<p class="score">0%</p>' in html
    assert '<p class="verdict">Wrong</p>' in html
    assert FEEDBACK in html  # the feedback of the choice picked
    assert EXPLANATION not in html
    assert RIGHT_ANSWER not in html
    assert "Paris" not in html.split('<ol class="review">')[1]
    assert "purchase" not in html
    assert "show once you pass this quiz or have no attempts left" in html


def test_after_pass_shows_answers_and_explanations_once_passed(take):
    submit = take(module_review="after_pass")
    submit(WRONG)
    html = submit(RIGHT)
    assert EXPLANATION in html
    assert RIGHT_ANSWER in html
    assert "Accepted answer: <q>purchase</q>" in html  # the pattern is not shown as an answer
    assert "/buy(ing)?/" not in html


def test_after_pass_shows_answers_when_no_attempts_are_left(take):
    submit = take(max_attempts=2)
    assert EXPLANATION not in submit(WRONG)
    html = submit(WRONG)
    assert EXPLANATION in html
    assert RIGHT_ANSWER in html


def test_always_shows_everything_after_a_failed_attempt(take):
    submit = take(module_review="always")
    html = submit(WRONG)
    assert FEEDBACK in html
    assert EXPLANATION in html
    assert RIGHT_ANSWER in html


def test_never_shows_the_score_and_verdicts_only_even_after_a_pass(take):
    submit = take(course_review="never")  # the course's default applies to its modules
    for answers in (WRONG, RIGHT):
        html = submit(answers)
        assert '<p class="verdict">' in html
        assert FEEDBACK not in html
        assert "Right, Paris." not in html
        assert EXPLANATION not in html
        assert RIGHT_ANSWER not in html
    assert '<p class="score">100%</p>' in html


def test_a_module_policy_overrides_the_course_default(take):
    submit = take(course_review="never", module_review="always")
    assert EXPLANATION in submit(WRONG)


def test_the_module_page_never_shows_answers_before_submitting(take, client):
    take(module_review="always")
    html = client.get("/courses/geo/capitals").get_data(as_text=True)
    assert EXPLANATION not in html and FEEDBACK not in html


def test_managers_rep_detail_shows_every_answer_whatever_the_policy(app, client, take):
    from lms.db import db
    from lms.models import Role, User

    submit = take(course_review="never")
    submit(WRONG)
    make_user(app, email="boss@example.com", role=Role.MANAGER, team_name="Geo team")
    with app.app_context(), db.writing() as session:
        rep = session.query(User).filter_by(email="geo@example.com").one()
        boss = session.query(User).filter_by(email="boss@example.com").one()
        rep.team_id = boss.managed_teams[0].id if boss.managed_teams else None
        team_id = rep.team_id
    if team_id is None:
        pytest.skip("make_user does not make managers of teams here")
    client.post("/logout")
    sign_in(client, "boss@example.com")
    response = client.get(f"/reports/teams/{team_id}/reps/{rep.id}")
    assert response.status_code == 200
    assert "Chose: Lyon" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("where", "text", "message"),
    [
        ("course.md", "title: Geo\ntrack: skills\nreview: sometimes\n", '"review" must be one of'),
        ("01-capitals.md", "title: Capitals\nreview: true\n", '"review" must be one of'),
    ],
)
def test_an_unknown_policy_is_a_path_line_error(tmp_path, where, text, message):
    folder = course_folder(tmp_path)
    (folder / "geo" / where).write_text(f"---\n{text}---\n{QUESTION}")
    errors = [str(p) for p in load_catalog(folder).errors]
    assert any(e.startswith(f"geo/{where}:") and message in e for e in errors), errors
