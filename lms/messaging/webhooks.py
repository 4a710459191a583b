"""Slack and Microsoft Teams incoming webhooks: check a URL, shape a post, send it."""

from __future__ import annotations

import ipaddress
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from lms.messaging import outbox
from lms.messaging.outbox import SLACK, TEAMS
from lms.models import Team, User

TIMEOUT = 5  # seconds: a webhook answers at once or not at all
MAX_URL = 500  # the column's length
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class WebhookError(ValueError):
    """A URL that is not acceptable; the message says why, for the admin's form."""


def check_url(url: str, allow_http: bool = False) -> str:
    """The URL trimmed, if it is an https URL with a host; `allow_http` admits http on loopback.

    `allow_http` (setting WEBHOOK_ALLOW_HTTP) exists for tests against a local receiver.
    """
    url = url.strip()
    if len(url) > MAX_URL:
        raise WebhookError(f"Keep the webhook URL under {MAX_URL} characters.")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise WebhookError("That is not a valid URL.") from None
    if any(c.isspace() for c in url) or not host:
        raise WebhookError("That is not a valid URL: it needs https:// and a host name.")
    if parts.username or parts.password:
        raise WebhookError("Leave the user name and password out of the webhook URL.")
    if parts.scheme == "https":
        return url
    if parts.scheme == "http" and allow_http and _loopback(host):
        return url
    raise WebhookError("Only https:// webhook URLs are accepted.")


def _loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def payload(channel: str, title: str, text: str) -> str:
    """The JSON body a channel expects: Slack {"text"}, Teams a simple MessageCard."""
    if channel == SLACK:
        return json.dumps({"text": f"*{title}*\n{text}"})
    if channel == TEAMS:
        return json.dumps(
            {
                "@type": "MessageCard",
                "@context": "https://schema.org/extensions",
                "summary": title,
                "title": title,
                # Teams reads the text as Markdown: two spaces before a newline keep the break.
                "text": text.replace("\n", "  \n"),
            }
        )
    raise ValueError(f"not a webhook channel: {channel}")


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme, host and port: never elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urlsplit(req.full_url), urlsplit(newurl)
        if (old.scheme, old.netloc) != (new.scheme, new.netloc):
            raise urllib.error.HTTPError(
                req.full_url,
                code,
                f"refused a redirect to {new.scheme}://{new.netloc}",
                headers,
                fp,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def post(url: str, body: str, allow_http: bool = False, timeout: float = TIMEOUT) -> int:
    """POST the JSON body; return the HTTP status, raise on anything but 2xx or a bad URL."""
    check_url(url, allow_http)
    request = urllib.request.Request(
        url,
        data=body.encode(),
        headers={"Content-Type": "application/json", "User-Agent": "RepReady webhooks"},
        method="POST",
    )
    opener = urllib.request.build_opener(_SameHostRedirects)
    with opener.open(request, timeout=timeout) as response:  # nosec B310 - scheme checked above
        return response.status


def describe_error(error: Exception) -> str:
    """A failed post as an admin reads it: "HTTP 500: <start of the body>"."""
    if isinstance(error, urllib.error.HTTPError):
        try:
            detail = error.read(200).decode(errors="replace").strip()
        except Exception:  # noqa: BLE001 - the body is only a hint
            detail = ""
        return f"HTTP {error.code}: {detail or error.reason}"
    if isinstance(error, urllib.error.URLError):
        return f"connection: {error.reason}"
    return f"{type(error).__name__}: {error}"


def team_owner(team: Team) -> User | None:
    """The team's first active manager: the outbox row of a post needs a recipient."""
    return next((m for m in sorted(team.managers, key=lambda m: m.id) if m.active), None)


def enqueue_posts(
    session: Session, team: Team, kind: str, key: str, title: str, text: str, send_at=None
) -> int:
    """Queue the post for each webhook the team has; `key` gets ":<channel>" added.

    A team without an active manager gets no post. Returns how many were stored.
    """
    owner = team_owner(team)
    if owner is None:
        return 0
    urls = {SLACK: team.slack_webhook_url, TEAMS: team.teams_webhook_url}
    stored = 0
    for channel, url in urls.items():
        if not url:
            continue
        stored += outbox.enqueue(
            session,
            outbox.Message(
                user_id=owner.id,
                kind=kind,
                channel=channel,
                key=f"{key}:{channel}",
                subject=title,
                body_text=payload(channel, title, text),
                team_id=team.id,
                send_at=send_at,
            ),
        )
    return stored
