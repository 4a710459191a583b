"""Serving practice media: the configured storage, HTTP ranges, and headers that keep it private."""

from __future__ import annotations

from flask import Response, current_app, request, send_file
from werkzeug.exceptions import RequestedRangeNotSatisfiable
from werkzeug.http import dump_options_header

from lms.models import PracticeMedia
from lms.practice.storage import MediaStorage, storage_from_settings

EXTENSION_KEY = "practice_storage"


def practice_storage() -> MediaStorage:
    """The app's media storage, built once from its settings."""
    storage = current_app.extensions.get(EXTENSION_KEY)
    if storage is None:
        storage = storage_from_settings(current_app.config, current_app.instance_path)
        current_app.extensions[EXTENSION_KEY] = storage
    return storage


def _private(response: Response, media: PracticeMedia) -> Response:
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Accept-Ranges"] = "bytes"
    return response


def send_media(media: PracticeMedia) -> Response | None:
    """The media file, whole or the range asked for; None when the file is gone."""
    storage = practice_storage()
    local = storage.local_path(media.storage_key)
    if local is not None:
        response = send_file(
            local,
            mimetype=media.content_type,
            download_name=media.filename,
            conditional=True,  # Range and If-Range, from Werkzeug
            etag=True,
            max_age=0,
        )
        return _private(response, media)
    size = storage.size(media.storage_key)
    if size is None:
        return None
    start, stop, status = 0, size, 200
    if request.range is not None:
        span = request.range.range_for_length(size)
        if span is None:
            raise RequestedRangeNotSatisfiable(length=size)
        start, stop, status = span[0], span[1], 206
    response = Response(
        storage.read(media.storage_key, start, stop),
        status=status,
        mimetype=media.content_type,
        direct_passthrough=True,
    )
    response.content_length = stop - start
    if status == 206:
        response.headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
    response.headers["Content-Disposition"] = _disposition(media.filename)
    return _private(response, media)


def _disposition(filename: str) -> str:
    return dump_options_header("inline", {"filename": filename})
