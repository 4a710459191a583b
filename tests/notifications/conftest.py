"""A real SMTP server (aiosmtpd) in the test process, and an app that sends to it."""

from __future__ import annotations

import email
import socket
from datetime import date, timedelta
from email.message import EmailMessage
from email.policy import default
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

from lms.db import db
from lms.messaging.digest import schedule
from tests.conftest import build_app, drop_app

BASE_URL = "https://lms.example.test"


class Inbox:
    """An aiosmtpd handler keeping every accepted message; refuses addresses in `refuse`."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    """A running SMTP server on a free port; yields its Inbox."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def app(tmp_path, smtp):
    """An app whose emails go to the test's SMTP server."""
    app = build_app(
        tmp_path,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=smtp.port,
        SMTP_STARTTLS=False,
        MAIL_FROM="RepReady <lms@example.test>",
        BASE_URL=BASE_URL,
    )
    yield app
    drop_app(app)


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML bodies of a message."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def link_in(message: EmailMessage, marker: str) -> str:
    """The one absolute link containing `marker`, the same in both parts; returns its path."""
    text, html = parts(message)
    found = {word for word in text.split() if marker in word}
    assert len(found) == 1, found
    url = found.pop()
    assert url.startswith(BASE_URL + "/"), url
    assert f'href="{url}"' in html
    return urlsplit(url).path


def send(app) -> object:
    """Run one batch of the sender, as `flask notify send` does."""
    from lms.messaging.sender import send_batch

    with app.app_context():
        return send_batch()


# The weekly digest's days: this week's Monday and the next.
MONDAY = date.today() - timedelta(days=date.today().weekday())
NEXT_MONDAY = MONDAY + timedelta(days=7)


def run(app, today=MONDAY, weekday=0) -> int:
    with app.app_context(), db.writing() as session:
        return schedule(session, today, weekday)
