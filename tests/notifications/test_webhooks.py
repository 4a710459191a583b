"""Slack and Teams webhooks: the digest posted once through the outbox, retried on failure."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from lms.db import db
from lms.messaging import outbox
from lms.messaging.sender import send_webhook_batch
from lms.messaging.webhooks import WebhookError, check_url
from lms.models import Notification, Role, Team
from tests.conftest import build_app, drop_app, make_user
from tests.notifications.conftest import MONDAY, run


class Receiver(BaseHTTPRequestHandler):
    """Keeps each POST; answers with the server's next status (200 once the list is empty)."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.posts.append((self.path, self.headers["Content-Type"], json.loads(body)))
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        if status in (301, 302):
            self.send_response(status)
            self.send_header("Location", self.server.redirect_to)
            self.end_headers()
            return
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"ok" if status == 200 else b"no_service")

    def log_message(self, *_args):
        pass


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.posts, server.statuses, server.redirect_to = [], [], ""
    server.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def app(tmp_path):
    """An app that accepts http:// webhooks on 127.0.0.1, as only tests may."""
    app = build_app(tmp_path, WEBHOOK_ALLOW_HTTP=True, BASE_URL="https://lms.example.test")
    yield app
    drop_app(app)


def east_with_hooks(app, receiver, slack="/slack", teams="/teams") -> int:
    """Team East with a manager, an overdue rep and the receiver as its webhooks."""
    make_user(app, "boss@example.com", role=Role.MANAGER, team_name="East")
    make_user(app, "ana@example.com", team_name="East", start=MONDAY - timedelta(20))
    with app.app_context(), db.writing() as session:
        team = session.scalar(select(Team).where(Team.name == "East"))
        team.slack_webhook_url = receiver.url + slack if slack else None
        team.teams_webhook_url = receiver.url + teams if teams else None
        return team.id


def posts(app, status=None) -> list[Notification]:
    with app.app_context():
        query = select(Notification).where(Notification.channel.in_(outbox.WEBHOOKS))
        if status:
            query = query.where(Notification.status == status)
        return db.session.scalars(query.order_by(Notification.id)).all()


def send(app):
    with app.app_context():
        return send_webhook_batch()


def test_the_digest_is_posted_once_to_each_webhook(app, courses, receiver):
    team_id = east_with_hooks(app, receiver)
    assert run(app) == 4  # app and email for the manager, Slack and Teams for the team
    assert run(app) == 0
    assert [n.team_id for n in posts(app)] == [team_id, team_id]
    assert len(send(app).sent) == 2
    assert send(app).sent == []  # nothing posted twice
    (slack_path, kind, slack), (teams_path, _kind, teams) = receiver.posts
    assert (slack_path, teams_path, kind) == ("/slack", "/teams", "application/json")
    assert list(slack) == ["text"]
    assert slack["text"].startswith("*East: Weekly digest: 1 needs a look*\n")
    assert "- Ana (overdue): Basics was due 17 days ago" in slack["text"]
    assert "https://lms.example.test/reports/teams/" in slack["text"]
    assert (
        teams["@type"] == "MessageCard" and teams["title"] == "East: Weekly digest: 1 needs a look"
    )
    assert "Ana (overdue)" in teams["text"]


def test_a_failed_post_retries_with_backoff_and_shows_in_the_outbox(app, courses, receiver, auth):
    east_with_hooks(app, receiver, teams=None)
    receiver.statuses = [500]
    run(app)
    assert send(app).retrying and len(receiver.posts) == 1
    [post] = posts(app)
    assert (post.status, post.attempts, post.last_error) == ("pending", 1, "HTTP 500: no_service")
    with app.app_context(), db.writing() as session:  # the retry is due: fast-forward
        session.get(Notification, post.id).next_attempt_at = post.created_at
    assert len(send(app).sent) == 1 and len(receiver.posts) == 2
    make_user(app, "admin@example.com", role=Role.ADMIN)
    client = auth.client
    auth.login("admin@example.com")
    page = client.get("/admin/outbox?status=sent").get_data(as_text=True)
    assert "Slack webhook of East" in page and "Weekly digest" in page


def test_after_the_last_try_a_post_is_failed_and_can_be_retried(app, courses, receiver):
    east_with_hooks(app, receiver, teams=None)
    receiver.statuses = [500] * outbox.MAX_ATTEMPTS
    run(app)
    for _ in range(outbox.MAX_ATTEMPTS):
        with app.app_context(), db.writing() as session:
            for row in posts(app, "pending"):
                session.get(Notification, row.id).next_attempt_at = row.created_at
        send(app)
    [post] = posts(app)
    assert (post.status, post.attempts) == ("failed", outbox.MAX_ATTEMPTS)
    with app.app_context(), db.writing() as session:
        assert outbox.retry(session, post.id)
    assert len(send(app).sent) == 1


def test_a_redirect_to_another_host_is_not_followed(app, courses, receiver):
    east_with_hooks(app, receiver, teams=None)
    receiver.statuses = [302]
    receiver.redirect_to = "http://localhost:9/elsewhere"
    run(app)
    assert send(app).retrying
    [post] = posts(app)
    assert "refused a redirect to http://localhost:9" in post.last_error
    assert len(receiver.posts) == 1


def test_a_removed_webhook_fails_the_post_at_once(app, courses, receiver):
    team_id = east_with_hooks(app, receiver, teams=None)
    run(app)
    with app.app_context(), db.writing() as session:
        session.get(Team, team_id).slack_webhook_url = None
    assert send(app).failed
    assert posts(app)[0].last_error == "the team has no slack webhook any more"
    assert receiver.posts == []


@pytest.mark.parametrize(
    "url, allow_http, message",
    [
        ("http://hooks.slack.com/services/x", False, "Only https://"),
        ("http://127.0.0.1:8080/hook", False, "Only https://"),
        ("http://example.com/hook", True, "Only https://"),
        ("ftp://example.com/hook", True, "Only https://"),
        ("javascript:alert(1)", True, "needs https://"),
        ("https://user:pw@example.com/hook", False, "user name and password"),
        ("https:///no-host", False, "needs https://"),
        ("https://example.com/a b", False, "needs https://"),
        ("https://example.com:port/x", False, "not a valid URL"),
        ("https://example.com/" + "x" * 500, False, "under 500"),
    ],
)
def test_only_https_urls_are_accepted(url, allow_http, message):
    with pytest.raises(WebhookError, match=message):
        check_url(url, allow_http)


def test_good_urls_are_accepted():
    assert check_url(" https://hooks.slack.com/services/T/B/x ") == (
        "https://hooks.slack.com/services/T/B/x"
    )
    assert check_url("http://127.0.0.1:5000/hook", allow_http=True)


def post_changes(app, today) -> int:
    from lms.messaging.readiness_posts import post_changes as post

    with app.app_context(), db.writing() as session:
        return post(session, today)


def test_readiness_changes_are_posted_between_digests(app, courses, receiver):
    east_with_hooks(app, receiver)
    make_user(app, "bo@example.com", team_name="East", start=MONDAY - timedelta(1))
    assert post_changes(app, MONDAY) == 0  # the first run only learns where everyone stands
    assert post_changes(app, MONDAY) == 0
    make_user(app, "cy@example.com", team_name="East", start=MONDAY + timedelta(30))
    later = MONDAY + timedelta(days=30)
    assert post_changes(app, later) == 2  # Slack and Teams
    assert post_changes(app, later) == 0  # nothing moved since
    assert len(send(app).sent) == 2
    (_, _, slack), (_, _, teams) = receiver.posts
    assert slack["text"].startswith("*East: readiness changed for 2 reps*\n")
    assert "• Bo: not started → overdue (Basics was due 28 days ago;" in slack["text"]
    assert "• Cy: joined the team, not started" in slack["text"]
    assert "Ana" not in slack["text"]  # overdue before and after
    assert teams["title"] == "East: readiness changed for 2 reps"


def test_teams_without_webhooks_post_nothing(app, courses, receiver):
    east_with_hooks(app, receiver, slack=None, teams=None)
    assert post_changes(app, MONDAY) == 0
    assert post_changes(app, MONDAY + timedelta(days=30)) == 0
    assert posts(app) == []
