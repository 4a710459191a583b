"""Email: build a two-part message and hand it to an SMTP server or to a folder of .eml files."""

from __future__ import annotations

import hashlib
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from lms import clock


@dataclass(frozen=True)
class Envelope:
    """One email to build: who, what, and the one-click unsubscribe URL if it has one."""

    notification_id: int
    key: str
    sender: str
    recipient: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str | None = None


def message_id(notification_id: int, key: str, domain: str) -> str:
    """A Message-ID fixed for a notification, so a resend after a crash is the same message."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"<notification-{notification_id}.{digest}@{domain}>"


def build(envelope: Envelope) -> EmailMessage:
    """A multipart/alternative message: plain text first, then HTML."""
    message = EmailMessage()
    message["Subject"] = envelope.subject
    message["From"] = envelope.sender
    message["To"] = envelope.recipient
    message["Date"] = format_datetime(clock.now())
    domain = envelope.sender.rpartition("@")[2].strip(">") or "repready.invalid"
    message["Message-ID"] = message_id(envelope.notification_id, envelope.key, domain)
    if envelope.unsubscribe_url:
        # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to the URL, no page shown.
        message["List-Unsubscribe"] = f"<{envelope.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(envelope.text)
    message.add_alternative(envelope.html, subtype="html")
    return message


@dataclass
class SmtpTransport:
    """Sends through one SMTP connection per batch."""

    host: str
    port: int = 587
    username: str | None = None
    password: str | None = None
    starttls: bool = True
    timeout: float = 30

    def __enter__(self) -> SmtpTransport:
        self.connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.starttls:
            self.connection.starttls(context=ssl.create_default_context())
        if self.username:
            self.connection.login(self.username, self.password or "")
        return self

    def send(self, message: EmailMessage) -> None:
        """Return once the server has accepted the message; raise otherwise."""
        self.connection.send_message(message)

    def __exit__(self, *_exc) -> None:
        try:
            self.connection.quit()
        except smtplib.SMTPException:
            self.connection.close()
        except OSError:
            pass


@dataclass
class FolderTransport:
    """Writes each message as an .eml file readable by its owner only (no SMTP configured)."""

    folder: Path

    def __enter__(self) -> FolderTransport:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self

    def send(self, message: EmailMessage) -> Path:
        """Write the message; its name comes from its Message-ID, so a resend overwrites it."""
        name = message["Message-ID"].strip("<>").replace("@", "_").replace("/", "_") + ".eml"
        path = self.folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(message.as_bytes())
        return path

    def __exit__(self, *_exc) -> None:
        return None


def describe_error(error: Exception) -> str:
    """An SMTP refusal as an admin reads it: "address: 550 mailbox unavailable"."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {_text(reply)}"
            for address, (code, reply) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
