"""Where practice media lives: private files under instance/, or an S3-compatible bucket.

Both backends stream: a file is copied in chunks on the way in and read back in ranges, so
no recording is ever held whole in memory. The choice is the PRACTICE_STORAGE setting.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from lms.refusals import Refusal

CHUNK = 256 * 1024


class MediaTooLarge(Refusal):
    status = 413


@dataclass(frozen=True)
class Stored:
    key: str
    size: int


class MediaStorage(Protocol):
    """The one interface the app uses for media, whatever holds the bytes."""

    def save(self, key: str, head: bytes, rest: BinaryIO, limit: int) -> Stored:
        """Store head then the rest of the stream; refuse (and keep nothing) past limit bytes."""

    def size(self, key: str) -> int | None:
        """The stored size, or None if the file is gone."""

    def read(self, key: str, start: int, stop: int) -> Iterator[bytes]:
        """Bytes start..stop-1, in chunks."""

    def local_path(self, key: str) -> Path | None:
        """A file on this server the web layer can send itself (None for remote storage)."""

    def delete(self, key: str) -> None:
        """Remove the file; a missing file is already deleted."""


def _chunks(head: bytes, rest: BinaryIO, limit: int) -> Iterator[bytes]:
    """head, then rest in chunks; MediaTooLarge as soon as the total passes limit."""
    total = len(head)
    if total > limit:
        raise MediaTooLarge(_too_large(limit))
    if head:
        yield head
    while chunk := rest.read(CHUNK):
        total += len(chunk)
        if total > limit:
            raise MediaTooLarge(_too_large(limit))
        yield chunk


def _too_large(limit: int) -> str:
    return f"The file is larger than {limit // (1024 * 1024):,} MB: send a shorter recording."


class LocalStorage:
    """Files in one private folder (0700), each created 0600 and written whole or not at all."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        if "/" in key or "\\" in key or key.startswith("."):
            raise ValueError(f"not a media key: {key!r}")
        return self.folder / key

    def save(self, key: str, head: bytes, rest: BinaryIO, limit: int) -> Stored:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        target = self._path(key)
        partial = target.with_name(target.name + ".part")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(partial, flags, 0o600)
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in _chunks(head, rest, limit):
                    out.write(chunk)
                    size += len(chunk)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return Stored(key, size)

    def size(self, key: str) -> int | None:
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            return None

    def read(self, key: str, start: int, stop: int) -> Iterator[bytes]:
        with open(self._path(key), "rb") as file:
            file.seek(start)
            left = stop - start
            while left > 0 and (chunk := file.read(min(CHUNK, left))):
                left -= len(chunk)
                yield chunk

    def local_path(self, key: str) -> Path | None:
        path = self._path(key)
        return path if path.is_file() else None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class _Parts:
    """A file-like reader over chunks, so boto3 can stream an upload it never holds whole."""

    def __init__(self, chunks: Iterator[bytes]):
        self.chunks = chunks
        self.buffer = bytearray()
        self.size = 0

    def read(self, amount: int = -1) -> bytes:
        while amount < 0 or len(self.buffer) < amount:
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.buffer += chunk
        if amount < 0:
            amount = len(self.buffer)
        data = bytes(self.buffer[:amount])
        del self.buffer[:amount]
        self.size += len(data)
        return data


class S3Storage:
    """Objects in one bucket of any S3-compatible store (AWS, MinIO, SeaweedFS) via boto3."""

    def __init__(self, client: Any, bucket: str, prefix: str = ""):
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    def _key(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def save(self, key: str, head: bytes, rest: BinaryIO, limit: int) -> Stored:
        parts = _Parts(_chunks(head, rest, limit))
        # upload_fileobj sends multipart uploads of 8 MB parts: memory stays bounded.
        self.client.upload_fileobj(parts, self.bucket, self._key(key))
        return Stored(key, parts.size)

    def size(self, key: str) -> int | None:
        try:
            found = self.client.head_object(Bucket=self.bucket, Key=self._key(key))
            return int(found["ContentLength"])
        except self.client.exceptions.ClientError:
            return None

    def read(self, key: str, start: int, stop: int) -> Iterator[bytes]:
        answer = self.client.get_object(
            Bucket=self.bucket, Key=self._key(key), Range=f"bytes={start}-{stop - 1}"
        )
        body = answer["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def local_path(self, key: str) -> Path | None:
        return None

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))


def storage_from_settings(settings: Mapping[str, Any], instance_path: str) -> MediaStorage:
    """The backend the settings name: "local" (the default) or "s3"."""
    kind = settings.get("PRACTICE_STORAGE") or "local"
    if kind == "local":
        folder = settings.get("PRACTICE_MEDIA_DIR") or Path(instance_path) / "practice-media"
        return LocalStorage(Path(folder))
    if kind == "s3":
        import boto3  # only servers that use S3 pay for importing it

        client = boto3.client(
            "s3",
            endpoint_url=settings.get("PRACTICE_S3_ENDPOINT_URL"),
            region_name=settings.get("PRACTICE_S3_REGION") or "us-east-1",
            aws_access_key_id=settings.get("PRACTICE_S3_ACCESS_KEY_ID"),
            aws_secret_access_key=settings.get("PRACTICE_S3_SECRET_ACCESS_KEY"),
        )
        prefix = settings.get("PRACTICE_S3_PREFIX", "")
        return S3Storage(client, settings["PRACTICE_S3_BUCKET"], prefix)
    raise ValueError(f'PRACTICE_STORAGE must be "local" or "s3", got {kind!r}')
