"""Sign users in over plain HTTP and read what the load generator needs from their pages."""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass
from urllib.parse import urlencode

# Jinja forms write name then value; WTForms' hidden_tag writes id, name, type, then value.
CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
ANSWER = re.compile(r'name="(q-[^"]+)" value="([^"]+)"')


@dataclass
class Browser:
    """One signed-in user: a cookie jar on a keep-alive connection."""

    port: int
    cookies: dict[str, str]

    def _send(self, method: str, path: str, body: str | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response, data

    @property
    def cookie(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def get(self, path: str):
        return self._send("GET", path)

    def post(self, path: str, fields: dict[str, str]):
        return self._send("POST", path, urlencode(fields))


def sign_in(port: int, email: str, password: str) -> Browser:
    """A browser signed in as the user; raises if the sign-in did not redirect."""
    browser = Browser(port, {})
    _response, html = browser.get("/login")
    token = CSRF.search(html).group(1)
    response, _ = browser.post(
        "/login", {"email": email, "password": password, "csrf_token": token}
    )
    if response.status != 302:
        raise RuntimeError(f"{email} could not sign in: HTTP {response.status}")
    # Open the page the sign-in leads to, as a browser would: it adds the new session's CSRF
    # secret (and shows any flash). wrk never stores a cookie: left to it, that would happen
    # again on every request, the cookie signed anew each time and no page kept.
    landing = response.getheader("Location") or "/"
    while landing:
        response, _html = browser.get(landing)
        landing = response.getheader("Location") if response.status in (301, 302, 303) else None
    return browser


def quiz_form(html: str) -> tuple[str, str]:
    """From a module page: the CSRF token, and answers (first choice each) url-encoded."""
    answers: dict[str, str] = {}
    for name, value in ANSWER.findall(html):
        answers.setdefault(name, value)
    return CSRF.search(html).group(1), urlencode(answers)
