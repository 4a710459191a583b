"""Admin > Import: upload an HR export, preview what it changes, confirm; all or nothing."""

import os

import pytest
from sqlalchemy import func, select

from lms.db import db
from lms.models import PendingImport, User
from tests.helpers.hr_import import HEADER, digest, upload
from tests.helpers.sign_in import csrf_token, sign_in


@pytest.fixture
def admin(auth, org):
    auth.login("admin@example.com")
    return org


def text(response) -> str:
    return response.get_data(as_text=True)


def state(app) -> dict[str, tuple]:
    with app.app_context():
        users = db.session.scalars(select(User)).all()
        return {u.email: (u.name, u.team.name if u.team else None, u.active) for u in users}


BODY = (
    "ana@example.com,Ana Ruiz,rep,West,wes@example.com\n"  # renamed, moved
    "dee@example.com,Dee,Rep,east,\n"  # new, team by any case
    "bo@example.com,Bo,rep,East,\n"  # unchanged
    "wes@example.com,Wes,manager,West,\n"  # unchanged
)


def test_preview_shows_each_change_and_stores_nothing(app, client, admin):
    before = state(app)
    response = upload(client, BODY, deactivate=True)
    assert response.status_code == 302
    html = text(client.get(response.headers["Location"]))
    assert "1 to create; 1 to update; 2 to deactivate; 2 unchanged." in html
    assert "<td>dee@example.com</td>" in html
    assert "Name: Ana → Ana Ruiz; Team: East → West" in html
    # Missing reps and managers would go; never the admin or the trainer.
    assert "cy@example.com" in html and "boss@example.com" in html
    assert "trainer@example.com" not in html
    assert state(app) == before


def test_confirm_applies_exactly_the_preview_then_the_file_is_gone(app, client, admin):
    location = upload(client, BODY).headers["Location"]
    html = text(client.get(location))
    response = client.post(f"{location}/confirm", data={"digest": digest(html)})
    assert response.status_code == 302
    assert "Imported: 1 created; 1 updated; 0 deactivated; 2 unchanged." in text(
        client.get(response.headers["Location"])
    )
    after = state(app)
    assert after["ana@example.com"] == ("Ana Ruiz", "West", True)
    assert after["dee@example.com"] == ("Dee", "East", True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PendingImport)) == 0
    assert client.get(location).status_code == 404
    # The same export again: nothing to change, nothing to confirm.
    again = upload(client, BODY)
    assert again.status_code == 200
    assert "Nothing to change: everyone in the file is already up to date." in text(again)
    assert "Apply these changes" not in text(again)


def test_a_change_in_between_is_said_and_nothing_is_applied(app, client, admin):
    location = upload(client, BODY).headers["Location"]
    shown = digest(text(client.get(location)))
    client.post(
        f"/admin/users/{admin['bo']}",
        data={
            "name": "Bo Renamed",
            "email": "bo@example.com",
            "role": "rep",
            "team": admin["east"],
            "start_date": "2026-01-05",
        },
    )
    response = client.post(f"{location}/confirm", data={"digest": shown})
    assert response.status_code == 409
    html = text(response)
    assert "Users or teams changed since you saw this preview, so nothing was imported." in html
    assert "Name: Bo Renamed → Bo" in html
    assert state(app)["ana@example.com"][0] == "Ana"
    assert "dee@example.com" not in state(app)
    response = client.post(f"{location}/confirm", data={"digest": digest(html)})
    assert response.status_code == 302
    assert state(app)["bo@example.com"][0] == "Bo"


def test_deactivate_missing_from_the_app(app, client, admin):
    location = upload(client, BODY, deactivate=True).headers["Location"]
    client.post(f"{location}/confirm", data={"digest": digest(text(client.get(location)))})
    after = state(app)
    assert after["cy@example.com"][2] is False and after["boss@example.com"][2] is False
    assert after["admin@example.com"][2] and after["trainer@example.com"][2]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            b"email,name,role\nana@example.com,Jos\xe9,rep\n",
            "line 2: byte 0xe9 at position 20 is not UTF-8",
        ),
        (
            HEADER + "x@example.com,X,boss,,\n",
            "line 2: role &#39;boss&#39; is not one of rep, manager, trainer, admin",
        ),
        (HEADER + "x@example.com,X,rep,Nowhere,\n", "line 2: no team &#39;Nowhere&#39;"),
        (b"name\nX\n", "line 1: the header must name the columns email,name,role"),
        (b"email,name,role\nx@example.com,X\x00,rep\n", "line 2: contains a NUL byte"),
    ],
)
def test_problems_are_listed_by_line_and_nothing_is_kept(app, client, admin, body, message):
    data = body if isinstance(body, bytes) else body.encode()
    response = upload(client, data)
    assert response.status_code == 422
    assert message in text(response)
    assert "nothing was imported" in text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PendingImport)) == 0


def test_an_upload_is_private_to_its_admin(app, client, admin, auth):
    from lms.people.users import create_user
    from tests.conftest import PASSWORD

    location = upload(client, BODY).headers["Location"]
    with app.app_context(), db.writing() as session:
        create_user(
            session, email="other@example.com", name="Other", role="admin", password=PASSWORD
        )
    other = app.test_client()
    sign_in(other, "other@example.com")
    assert other.get(location).status_code == 404
    assert other.post(f"{location}/confirm", data={"digest": "0" * 64}).status_code == 404
    assert other.post(f"{location}/cancel").status_code == 404
    assert client.get(location).status_code == 200


def test_cancel_drops_the_upload(app, client, admin):
    location = upload(client, BODY).headers["Location"]
    response = client.post(f"{location}/cancel")
    assert "nothing was changed" in text(client.get(response.headers["Location"]))
    assert client.get(location).status_code == 404
    assert "dee@example.com" not in state(app)


def test_a_missing_file_is_a_message_on_the_field(client, admin):
    response = client.post("/admin/users/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose a CSV file to import." in text(response)


def test_confirm_needs_the_csrf_token(app, admin, client):
    from lms import create_app

    location = upload(client, BODY).headers["Location"]
    protected = create_app({**app.config, "WTF_CSRF_ENABLED": True}).test_client()
    sign_in(protected, "admin@example.com")
    html = text(protected.get(location))
    assert protected.post(f"{location}/confirm", data={"digest": digest(html)}).status_code == 400
    assert "dee@example.com" not in state(app)
    ok = protected.post(
        f"{location}/confirm", data={"digest": digest(html), "csrf_token": csrf_token(html)}
    )
    assert ok.status_code == 302
    assert "dee@example.com" in state(app)


def test_the_pending_file_is_in_the_database_not_the_cookie(app, client, admin):
    response = upload(client, BODY)
    cookie = response.headers.get("Set-Cookie", "")
    assert "dee" not in cookie and len(cookie) < 1000
    with app.app_context():
        pending = db.session.scalar(select(PendingImport))
        assert "dee@example.com" in pending.content
        assert pending.admin_id == admin["admin"]
    assert not any("people" in f for f in os.listdir(app.instance_path))


def test_the_preview_runs_the_same_statements_whatever_the_file_size(app, client, admin):
    from tests.conftest import count_statements

    def statements(body):
        location = upload(client, body, deactivate=True).headers["Location"]
        with count_statements(app) as log:
            assert client.get(location).status_code == 200
        return len(log)

    small = statements(BODY)
    many = "".join(f"p{n}@example.com,P{n},rep,East,boss@example.com\n" for n in range(40))
    big = BODY + "boss@example.com,Boss,manager,East,\n" + many
    assert statements(big) == small
