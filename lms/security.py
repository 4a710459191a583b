"""Response headers every page gets."""

from flask import Flask, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Pico CSS draws its chevrons and checkmarks as data: SVG images.
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def register(app: Flask) -> None:
    """Add the security headers to every response."""

    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        # Pages about a person must not linger in shared caches or the back-forward cache.
        if current_user.is_authenticated and request.endpoint != "static":
            headers["Cache-Control"] = "no-store"
        return response
