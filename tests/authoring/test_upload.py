"""Uploading a course folder as a .zip: hostile archives refused with path:line, nothing stored."""

import html
import io
import os
import stat
import struct
import zipfile

import pytest
from sqlalchemy import func, select

from lms.db import db
from lms.models import Course, Module, ModuleVersion
from tests.authoring.conftest import upload, zip_of

NEW_COURSE = {
    "course.md": "---\ntitle: New course\ntrack: skills\nprerequisites: [basics]\n---\nHi.\n",
    "01-start.md": (
        "---\ntitle: Start here\n---\nSome text.\n\n"
        "```quiz\n? [new-q] Pick one.\n- [x] Right\n- [ ] Wrong\n```\n"
    ),
}


def course_zip(prefix: str = "new-course/", **extra) -> dict:
    files = {prefix + name: text for name, text in NEW_COURSE.items()}
    files.update(extra)
    return files


def stored(app) -> tuple:
    """What the database holds: courses, modules and versions (with their numbers)."""
    with app.app_context():
        return (
            db.session.scalars(select(Course.slug).order_by(Course.slug)).all(),
            db.session.scalar(select(func.count()).select_from(Module)),
            db.session.execute(select(ModuleVersion.module_id, ModuleVersion.number)).all(),
        )


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in course_zip().items():
            archive.writestr(name, text)
        link = zipfile.ZipInfo("new-course/assets/passwd.png")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def lying_zip() -> bytes:
    """An entry whose central directory declares 10 bytes but that unpacks to 5,000."""
    data = bytearray(zip_of(course_zip(**{"new-course/assets/a.png": b"\0" * 5000})))
    at = data.rfind(b"PK\x01\x02")  # the last entry's central directory header
    struct.pack_into("<I", data, at + 24, 10)  # its uncompressed size
    return bytes(data)


HOSTILE = [
    (
        "zip bomb by declared size",
        lambda: zip_of(course_zip(**{"new-course/assets/big.png": b"\0" * (51 * 1024 * 1024)})),
        "bomb.zip:1: the files would take 51.0 MB unpacked; the limit is 50.0 MB",
    ),
    (
        "too many entries",
        lambda: zip_of(course_zip(**{f"new-course/assets/{i}.png": b"x" for i in range(500)})),
        "bomb.zip:1: 502 entries; the limit is 500",
    ),
    (
        "../ traversal",
        lambda: zip_of(course_zip(**{"new-course/../../evil.md": "x"})),
        'new-course/../../evil.md:1: path goes up a folder (".."): zip the course folder itself',
    ),
    (
        "absolute path",
        lambda: zip_of(course_zip(**{"/etc/cron.d/evil.md": "x"})),
        "/etc/cron.d/evil.md:1: absolute path: zip the course folder so paths start with its name",
    ),
    (
        "symlink entry",
        symlink_zip,
        "new-course/assets/passwd.png:1: symbolic link: zip the file itself, not a link to it",
    ),
    (
        ".exe file",
        lambda: zip_of(course_zip(**{"new-course/assets/setup.exe": b"MZ"})),
        'new-course/assets/setup.exe:1: file type ".exe" is not allowed in a course: only gif gift jpeg jpg md pdf png svg webp',
    ),
    (
        ".html file",
        lambda: zip_of(course_zip(**{"new-course/page.html": "<script>alert(1)</script>"})),
        'new-course/page.html:1: file type ".html" is not allowed in a course',
    ),
    (
        "YAML inside a course",
        lambda: zip_of(course_zip(**{"new-course/paths.yml": "[]"})),
        "new-course/paths.yml:1: only paths.yml, at the top of the zip, may be YAML",
    ),
    (
        "course.md at the top",
        lambda: zip_of(NEW_COURSE),
        "course.md:1: course.md is at the top of the zip: zip the course folder itself, so that its name gives the course slug",
    ),
    (
        "sizes that lie",
        lying_zip,
        "new-course/assets/a.png:1: cannot be unpacked: Bad CRC-32",
    ),
    ("not a zip", lambda: b"MZ this is an executable", "bomb.zip:1: not a zip file"),
    (
        "invalid course content",
        lambda: zip_of(
            course_zip(
                **{
                    "new-course/02-broken.md": "---\ntitle: Broken\n---\n```quiz\n? [b] No right answer\n- [ ] A\n- [ ] B\n```\n"
                }
            )
        ),
        "new-course/02-broken.md:5: ",
    ),
]


@pytest.mark.parametrize(("label", "build", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_zips_are_refused_and_nothing_is_stored(
    app, client, trainer, label, build, message
):
    before = stored(app)
    response = upload(client, build(), "bomb.zip")
    assert response.status_code == 422
    text = page(response)
    assert "Upload refused: nothing was stored" in text
    assert message in text
    assert stored(app) == before


def test_a_zip_over_the_compressed_limit_is_refused_before_opening(app, client, trainer):
    app.config["UPLOAD_MAX_ZIP_BYTES"] = 1000
    data = zip_of(course_zip(**{"new-course/assets/noise.png": os.urandom(4000)}))
    response = upload(client, data, "big.zip")
    assert response.status_code == 422
    assert "big.zip:1: the zip is larger than the limit of 1 KB" in page(response)


def test_a_request_over_max_content_length_gets_the_friendly_413_page(app, client, trainer):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    response = upload(client, b"\0" * 4096, "huge.zip")
    assert response.status_code == 413
    assert "That upload is too large" in page(response)


def test_a_course_folder_zip_is_imported_beside_the_stored_courses(app, client, trainer):
    response = upload(client, zip_of(course_zip()), "new-course.zip")
    assert response.status_code == 302
    courses_page = page(client.get("/authoring/courses"))
    assert "Upload: courses: 1 added" in courses_page
    assert "New course" in courses_page
    slugs, _, _ = stored(app)
    assert slugs == ["advanced", "basics", "new-course"]  # nothing retired
    with app.app_context():
        retired = db.session.scalars(select(Course.slug).where(Course.retired_at.is_not(None)))
        assert retired.all() == []


def test_a_courses_tree_with_paths_is_imported(app, client, trainer):
    files = course_zip("courses/new-course/")
    files["courses/paths.yml"] = (
        "- slug: extra\n  title: Extra path\n  courses:\n    - course: new-course\n      due_day: 5\n"
    )
    files["__MACOSX/courses/._paths.yml"] = b"finder litter"
    assert upload(client, zip_of(files), "courses.zip").status_code == 302
    assert stored(app)[0] == ["advanced", "basics", "new-course"]


def test_a_prerequisite_must_exist_somewhere(app, client, trainer):
    files = course_zip()
    files["new-course/course.md"] = "---\ntitle: New\ntrack: skills\nprerequisites: [basix]\n---\n"
    response = upload(client, zip_of(files))
    assert response.status_code == 422
    assert 'new-course/course.md:4: course "basix" does not exist' in page(response)
