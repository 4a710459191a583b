"""After a pass, "Next module" leads on: the course's next module, the path's next course, home."""

import re

from tests.conftest import (
    BASICS_QUIZ,
    BASICS_RIGHT,
    import_folder,
    make_user,
    submit_quiz,
)
from tests.helpers.courses import many_courses
from tests.helpers.sign_in import sign_in


def next_link(client, response) -> str | None:
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    found = re.search(r'<a class="button next-module" href="([^"]+)">Next module</a>', html)
    return found.group(1) if found else None


def test_next_module_is_the_courses_next_then_the_paths_next_course(app, client, tmp_path):
    many_courses(tmp_path / "c", 2)
    import_folder(app, tmp_path / "c")
    make_user(app, email="n@example.com", path="all")
    sign_in(client, "n@example.com")
    assert submit_quiz(client, "/courses/course-0/one", {"q": "B"}).status_code == 302
    failed = client.get("/attempts/1").get_data(as_text=True)
    assert "Next module" not in failed
    passed = submit_quiz(client, "/courses/course-0/one", {"q": "A"})
    assert next_link(client, passed) == "/courses/course-0/two"


def test_after_a_courses_last_module_the_next_course_opens(client, rep):
    response = submit_quiz(client, BASICS_QUIZ, BASICS_RIGHT)
    assert next_link(client, response) == "/courses/advanced/deep"


def test_after_the_paths_last_module_it_leads_home(app, client, tmp_path):
    folder = tmp_path / "one"
    many_courses(folder, 1)
    (folder / "course-0" / "02-two.md").unlink()
    import_folder(app, folder)
    make_user(app, email="o@example.com", path="all")
    sign_in(client, "o@example.com")
    response = submit_quiz(client, "/courses/course-0/one", {"q": "A"})
    assert next_link(client, response) == "/"
