"""The module page: text, contents, time, neighbours, and completing a module."""

import re

from tests.conftest import BASICS_QUIZ
from tests.helpers.learn_pages import module_states, progress

READING = "/courses/basics/reading"


def page(client, url: str) -> str:
    return client.get(url).get_data(as_text=True)


def test_module_page_shows_the_text_with_linked_headings(client, rep):
    html = page(client, READING)
    assert "<h1>Reading only</h1>" in html
    assert "<p>Some text to read.</p>" in html
    assert re.search(r'<h2 id="first-part">First part', html)
    assert re.search(r'<h2 id="second-part">Second part', html)
    assert "About 5 min" in html


def test_module_page_has_a_table_of_contents(client, rep):
    html = page(client, READING)
    toc = html[html.index("On this page") : html.index('<div class="prose">')]
    assert re.findall(r'href="(#[^"]+)"[^>]*>([^<]+)</a>', toc) == [
        ("#first-part", "First part"),
        ("#second-part", "Second part"),
    ]


def test_module_page_links_previous_and_next(client, rep):
    first = page(client, READING)
    assert f'href="{BASICS_QUIZ}" rel="next">A quiz module' in first
    assert 'rel="prev"' not in first
    second = page(client, BASICS_QUIZ)
    assert f'href="{READING}" rel="prev">← Reading only' in second
    assert 'rel="next"' not in second
    assert 'href="/courses/basics">Back to Basics' in second


def test_reading_module_is_completed_with_its_button(client, rep):
    assert "Mark as complete" in page(client, READING)
    response = client.post(f"{READING}/complete")
    assert response.status_code == 302
    assert response.headers["Location"] == BASICS_QUIZ
    assert "“Reading only” is complete." in page(client, BASICS_QUIZ)
    assert progress(page(client, "/"), "Basics: progress") == 50
    assert module_states(page(client, "/courses/basics"))[0][2] == "Done"
    done = page(client, READING)
    assert "Mark as complete" not in done
    assert "You completed this module." in done


def test_completing_twice_changes_nothing(client, rep):
    client.post(f"{READING}/complete")
    client.post(f"{READING}/complete")
    assert "1 of 3 modules done" in page(client, "/")


def test_quiz_module_has_no_complete_button_and_cannot_be_marked_done(client, rep):
    assert "Mark as complete" not in page(client, BASICS_QUIZ)
    response = client.post(f"{BASICS_QUIZ}/complete")
    assert response.headers["Location"] == BASICS_QUIZ
    assert "This module is completed by passing its quiz." in page(client, BASICS_QUIZ)
    assert module_states(page(client, "/courses/basics"))[1][2] == "In progress"
    assert "0 of 3 modules done" in page(client, "/")


def test_table_of_contents_is_one_navigation_landmark(client, rep):
    # Bug fixed: the template wrapped the rendered <nav class="toc"> in a second <nav>.
    html = page(client, READING)
    toc = html[html.index('<details class="toc">') : html.index("</details>")]
    assert toc.count("<nav") == 1
