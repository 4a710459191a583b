"""Shuffled choices stay put for a form, and an attempt keeps the quiz as the rep saw it."""

import re
import shutil

from tests.conftest import (
    BASICS_QUIZ,
    BASICS_RIGHT,
    FIXTURE_COURSES,
    finish_basics,
    form_token,
    import_folder,
    submit_quiz,
)

DEEP = "/courses/advanced/deep"
OLD_PROMPT = "Which city is the capital of France?"
NEW_PROMPT = "Name the capital city of France."


def choice_order(html: str, question: str) -> list[str]:
    return re.findall(rf'name="q-{question}" value="[^"]+"[^>]*>\s*<span>([^<]+)</span>', html)


def test_shuffled_order_is_stable_for_one_form(client, rep):
    finish_basics(client)
    html = client.get(DEEP).get_data(as_text=True)
    token = form_token(html)
    reshown = client.post(f"{DEEP}/quiz", data={"token": token})  # nothing picked: 422
    assert reshown.status_code == 422
    assert form_token(reshown.get_data(as_text=True)) == token
    assert choice_order(reshown.get_data(as_text=True), "deep-one") == choice_order(
        html, "deep-one"
    )


def test_shuffled_order_varies_between_forms(client, rep):
    finish_basics(client)
    orders = {
        tuple(choice_order(client.get(DEEP).get_data(as_text=True), "deep-one")) for _ in range(30)
    }
    assert all(sorted(o) == sorted(next(iter(orders))) and len(o) == 4 for o in orders)
    assert len(orders) > 1


def test_unshuffled_quiz_keeps_the_authored_order(client, rep):
    orders = {
        tuple(choice_order(client.get(BASICS_QUIZ).get_data(as_text=True), "capital"))
        for _ in range(10)
    }
    assert orders == {("Lyon", "Paris", "Nice")}


def test_attempt_keeps_the_question_as_shown_after_a_reimport(app, client, rep, tmp_path):
    location = submit_quiz(client, BASICS_QUIZ, BASICS_RIGHT).headers["Location"]
    folder = tmp_path / "edited-courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    quiz = folder / "basics" / "02-quiz.md"
    quiz.write_text(quiz.read_text().replace(OLD_PROMPT, NEW_PROMPT))
    import_folder(app, folder)

    assert NEW_PROMPT in client.get(BASICS_QUIZ).get_data(as_text=True)
    old = client.get(location).get_data(as_text=True)
    assert OLD_PROMPT in old
    assert NEW_PROMPT not in old
    assert '<p class="score">100%</p>' in old
    assert "Done, best score 100%" in client.get("/courses/basics").get_data(as_text=True)
    assert "1 of 3 modules done" in client.get("/").get_data(as_text=True)
