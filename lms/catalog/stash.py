"""Uploaded zips waiting between their impact preview and the trainer's confirm."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

MAX_AGE = 24 * 3600  # seconds a preview's zip is kept for its confirm


def keep(folder: Path, user_id: int, data: bytes, name: str) -> str:
    """Store a zip for its uploader's confirm; return the token that finds it again."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for old in folder.glob("*.zip"):
        if old.stat().st_mtime < time.time() - MAX_AGE:
            drop(old)
    token = secrets.token_hex(16)
    target = folder / f"{user_id}-{token}.zip"
    # Created 0600 from the start: the zip may hold material not yet published.
    with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        out.write(data)
    target.with_suffix(".name").write_text(name, encoding="utf-8")
    return token


def find(folder: Path, user_id: int, token: str) -> tuple[Path, str] | None:
    """The user's own stored zip and its file name; None if expired, unknown or not theirs."""
    if len(token) != 32 or not all(c in "0123456789abcdef" for c in token):
        return None
    path = folder / f"{user_id}-{token}.zip"
    if not path.is_file():
        return None
    return path, path.with_suffix(".name").read_text(encoding="utf-8")


def drop(path: Path) -> None:
    """Remove a stored zip and its name once applied or expired."""
    path.unlink(missing_ok=True)
    path.with_suffix(".name").unlink(missing_ok=True)
