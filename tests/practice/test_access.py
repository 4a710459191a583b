"""Who gets a rep's practice media, and how: every role, HTTP ranges, headers, both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from lms.coaching.media import practice_storage
from lms.db import db
from lms.models import PracticeMedia, Role
from tests.conftest import build_app, drop_app, import_folder, make_user
from tests.helpers.media import ELF, EXE, pdf, webm
from tests.helpers.practice import EMAIL, PITCH, hand_in, latest_submission
from tests.helpers.sign_in import signed_in_client
from tests.practice.conftest import PRACTICE_COURSES

CLIP = webm(300_000)


def _media_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(PracticeMedia.id))


@pytest.mark.parametrize(
    ("email", "status"),
    [
        ("ana@example.com", 200),  # the rep
        ("boss@example.com", 200),  # the rep's manager
        ("trainer@example.com", 200),
        ("admin@example.com", 200),
        ("bo@example.com", 404),  # a teammate, on a module peers do not review
        ("cy@example.com", 404),  # a rep of another team
        ("wes@example.com", 404),  # another team's manager
    ],
)
def test_media_for_every_role(app, org, email, status):
    hand_in(signed_in_client(app, "ana@example.com"), file=CLIP)
    client = signed_in_client(app, email)
    media_id = _media_id(app)
    assert client.get(f"/practice/media/{media_id}").status_code == status
    submission = latest_submission(app, org["ana"])
    assert client.get(f"/practice/submissions/{submission.id}").status_code == status


def test_media_needs_a_sign_in(app, org):
    hand_in(signed_in_client(app, "ana@example.com"), file=CLIP)
    response = app.test_client().get(f"/practice/media/{_media_id(app)}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_reviewer_from_elsewhere_keeps_access_to_what_they_reviewed(app, org):
    """An assigned reviewer: a peer who reviewed keeps seeing the version."""
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, "/practice/pitching/peer", text="Objection handled")
    submission = latest_submission(app, org["ana"])
    bo = signed_in_client(app, "bo@example.com")
    bo.post(
        f"/practice/submissions/{submission.id}/review",
        data={"level-research": "3", "level-value": "3"},
    )
    assert bo.get(f"/practice/submissions/{submission.id}").status_code == 200


def _check_media_responses(client, media_id: int) -> None:
    whole = client.get(f"/practice/media/{media_id}")
    assert whole.status_code == 200
    assert whole.data == CLIP
    assert whole.headers["Content-Type"] == "video/webm"
    assert whole.headers["X-Content-Type-Options"] == "nosniff"
    assert whole.headers["Cache-Control"].startswith("private")
    assert whole.headers["Content-Disposition"].startswith("inline; filename=clip.webm")
    assert whole.headers["Accept-Ranges"] == "bytes"

    part = client.get(f"/practice/media/{media_id}", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.data == CLIP[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(CLIP)}"
    assert part.headers["Cache-Control"].startswith("private")

    tail = client.get(f"/practice/media/{media_id}", headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.data == CLIP[-10:]

    outside = client.get(f"/practice/media/{media_id}", headers={"Range": "bytes=999999999-"})
    assert outside.status_code == 416


def test_ranges_from_local_files(app, org):
    ana = signed_in_client(app, "ana@example.com")
    hand_in(ana, file=CLIP)
    _check_media_responses(signed_in_client(app, "boss@example.com"), _media_id(app))


@pytest.fixture
def s3_app(tmp_path, s3_settings, request):
    """The app with its media on the session's SeaweedFS server."""
    settings = {**s3_settings, "PRACTICE_S3_PREFIX": f"{request.node.name}/"}
    app = build_app(tmp_path, **settings)
    import_folder(app, PRACTICE_COURSES)
    yield app
    drop_app(app)


def test_ranges_from_s3(s3_app):
    make_user(s3_app, "ana@example.com", team_name="East")
    make_user(s3_app, "trainer@example.com", role=Role.TRAINER)
    rep = signed_in_client(s3_app, "ana@example.com")
    assert hand_in(rep, file=CLIP).status_code == 302
    media_id = _media_id(s3_app)
    with s3_app.app_context():
        key = db.session.get(PracticeMedia, media_id).storage_key
        storage = practice_storage()
    assert storage.size(key) == len(CLIP)  # in the bucket, not on this server's disk
    assert storage.local_path(key) is None
    _check_media_responses(signed_in_client(s3_app, "trainer@example.com"), media_id)
    admin_id = make_user(s3_app, "admin@example.com", role=Role.ADMIN)
    assert admin_id
    admin = signed_in_client(s3_app, "admin@example.com")
    assert admin.post(f"/practice/media/{media_id}/delete").status_code == 302
    assert storage.size(key) is None


@pytest.mark.parametrize(
    ("url", "file", "name", "message"),
    [
        (PITCH, ELF, "pitch.webm", "This file is not one this practice accepts"),
        (PITCH, EXE, "pitch.mp4", "This file is not one this practice accepts"),
        (PITCH, pdf(), "notes.pdf", "a video or audio recording"),
        (EMAIL, CLIP, "email.webm", "a document (PDF, Word"),
        (PITCH, b"", "empty.webm", "This file is not one this practice accepts"),
    ],
)
def test_refused_files_keep_nothing(app, org, url, file, name, message):
    ana = signed_in_client(app, "ana@example.com")
    response = hand_in(ana, url, file=file, name=name)
    assert response.status_code == 415
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(PracticeMedia)) is None
    folder = Path(app.config["PRACTICE_MEDIA_DIR"])
    assert not folder.exists() or not any(folder.iterdir())


def test_a_document_where_documents_are_taken(app, org):
    ana = signed_in_client(app, "ana@example.com")
    assert hand_in(ana, EMAIL, file=pdf(), name="draft.pdf").status_code == 302
    with app.app_context():
        media = db.session.scalar(select(PracticeMedia))
        assert (media.kind, media.content_type) == ("file", "application/pdf")


def test_too_large_is_refused(app, org):
    app.config["PRACTICE_MAX_BYTES"] = 100_000
    ana = signed_in_client(app, "ana@example.com")
    response = hand_in(ana, file=webm(200_000))
    assert response.status_code == 413
    with app.app_context():
        assert db.session.scalar(select(PracticeMedia)) is None
