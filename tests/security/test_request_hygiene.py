"""Requests refused before they cost anything: oversized bodies, NUL bytes; log lines unforgeable."""

from __future__ import annotations

import io
import logging
import time

import pytest

from lms.models import Role
from lms.web.security import loggable
from tests.conftest import PASSWORD, make_user
from tests.helpers.sign_in import sign_in

NUL_PLACES = [
    ("post", "/login", {"data": {"email": "rep\x00@example.com", "password": PASSWORD}}),
    ("post", "/login", {"data": {"email": "rep@example.com", "pass\x00word": PASSWORD}}),
    ("get", "/login", {"query_string": {"next": "/\x00"}}),
    ("get", "/login", {"query_string": [("next", "/"), ("next", "/\x00")]}),
    ("get", "/courses/bas%00ics", {}),
]


@pytest.mark.parametrize(
    ("method", "url", "kwargs"), NUL_PLACES, ids=["field", "name", "query", "second value", "path"]
)
def test_a_nul_byte_anywhere_is_a_friendly_400(client, courses, method, url, kwargs):
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == 400
    assert "Something in that request was not right" in response.get_data(as_text=True)


def test_a_nul_byte_in_a_signed_in_form_is_a_400(client, rep):
    response = client.post("/account/password", data={"current_password": "x\x00y"})
    assert response.status_code == 400


def test_an_oversized_sign_in_is_refused_before_it_is_read(client, courses):
    body = b"email=a%40b.c&password=" + b"x" * (15 * 1024 * 1024)
    started = time.monotonic()
    response = client.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert time.monotonic() - started < 0.5
    assert "That upload is too large" in response.get_data(as_text=True)


def test_an_ordinary_form_over_the_form_limit_is_refused(client, rep):
    body = b"token=" + b"t" * (2 * 1024 * 1024)
    response = client.post(
        "/courses/basics/quiz/quiz", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


def test_uploads_keep_the_large_limit(app, client, courses):
    make_user(app, email="trainer@example.com", role=Role.TRAINER)
    sign_in(client, "trainer@example.com")
    archive = io.BytesIO(b"PK" + b"\x00" * (3 * 1024 * 1024))  # past the form limit, not a zip
    response = client.post(
        "/authoring/upload",
        data={"archive": (archive, "course.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code != 413


def test_a_visitor_cannot_post_a_large_upload_anywhere(client, courses):
    archive = io.BytesIO(b"x" * (1024 * 1024))
    response = client.post(
        "/authoring/upload",
        data={"archive": (archive, "course.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413


def test_a_newline_in_the_path_cannot_forge_a_log_line(client, courses, caplog):
    with caplog.at_level(logging.INFO):
        client.get("/nothing%0A2026-01-01 INFO lms.auth sign-in user=1%0D")
    lines = [r.getMessage() for r in caplog.records if "nothing" in r.getMessage()]
    assert lines and all("\n" not in line and "\r" not in line for line in lines)
    assert "\\n2026-01-01 INFO" in lines[0]


@pytest.mark.parametrize(
    ("value", "logged"),
    [
        ("plain/path", "plain/path"),
        ("a\nb", "a\\nb"),
        ("a\r\x1b[31m", "a\\r\\x1b[31m"),
        ("é\u2028", "é\\u2028"),
    ],
)
def test_loggable_escapes_control_characters_only(value, logged):
    assert loggable(value) == logged
