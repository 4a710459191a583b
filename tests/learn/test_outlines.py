"""Course outlines are read once per course version and follow every import at once."""

import shutil

from tests.conftest import FIXTURE_COURSES, count_statements, import_folder


def module_queries(client, url: str) -> int:
    with count_statements(client.application) as seen:
        assert client.get(url).status_code == 200
    return sum(1 for s in seen if "FROM modules" in s and "JOIN module_progress" not in s)


def test_a_course_outline_is_read_once_then_kept(client, rep):
    assert module_queries(client, "/courses/basics") == 1
    assert module_queries(client, "/courses/basics") == 0
    assert module_queries(client, "/") == 1  # Advanced was not read yet; Basics is kept
    assert module_queries(client, "/") == 0


def test_an_edited_module_shows_at_once_after_the_import(app, client, rep, tmp_path):
    assert "Reading only" in client.get("/courses/basics").get_data(as_text=True)
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    reading = folder / "basics" / "01-reading.md"
    reading.write_text(reading.read_text().replace("title: Reading only", "title: Read me first"))
    import_folder(app, folder)
    page = client.get("/courses/basics").get_data(as_text=True)
    assert "Read me first" in page and "Reading only" not in page


def test_a_module_added_by_an_import_counts_on_the_home_page(app, client, rep, tmp_path):
    assert "0 of 3 modules done" in client.get("/").get_data(as_text=True)
    folder = tmp_path / "courses"
    shutil.copytree(FIXTURE_COURSES, folder)
    (folder / "basics" / "03-more.md").write_text("---\ntitle: More\n---\nText.\n")
    import_folder(app, folder)
    home = client.get("/").get_data(as_text=True)
    assert "0 of 4 modules done" in home
    assert "More" in client.get("/courses/basics").get_data(as_text=True)
