"""Find and read the files of a course tree without following a symlink or reading too much."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from lms.content.limits import MAX_TEXT_FILE_BYTES
from lms.content.model import Problem
from lms.content.schema import decode_utf8

_UNREADABLE = "cannot be read: check its permissions"


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def refuse_special(path: Path, rel: str, problems: list[Problem]) -> bool:
    """Report a symlink or anything but a file or folder; True when path is one of those."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        problems.append(Problem(rel, 1, _UNREADABLE))
        return True
    if stat.S_ISLNK(mode):
        problems.append(
            Problem(rel, 1, "is a symlink: put the file or folder itself in the course")
        )
        return True
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        problems.append(Problem(rel, 1, "is not a file or a folder: remove it"))
        return True
    return False


@dataclass
class Tree:
    """The regular files of a course folder by path inside it ("assets/x.png"), hidden ones out."""

    files: dict[str, Path] = field(default_factory=dict)


def scan(folder: Path, rel: str, problems: list[Problem]) -> Tree:
    """Every regular file under folder; each symlink or special file is an error, never read.

    Hidden entries (.git, .DS_Store) are skipped, but a hidden symlink is still refused.
    """
    tree = Tree()
    pending = [(folder, "")]
    while pending:
        directory, prefix = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            problems.append(Problem(f"{rel}/{prefix}".rstrip("/"), 1, _UNREADABLE))
            continue
        for entry in entries:
            inside = prefix + entry.name
            where = f"{rel}/{inside}"
            if refuse_special(Path(entry.path), where, problems):
                continue
            if _is_hidden(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), inside + "/"))
            else:
                tree.files[inside] = Path(entry.path)
    return tree


def read_bytes(path: Path, rel: str, limit: int, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None (and an error) when it is a symlink or larger than limit."""
    if refuse_special(path, rel, problems):
        return None
    size = path.lstat().st_size
    if size > limit:
        problems.append(
            Problem(
                rel,
                1,
                f"file is {size:,} bytes; at most {limit:,} are allowed: make it smaller",
            )
        )
        return None
    try:
        # O_NOFOLLOW: a file swapped for a symlink after the check is still never followed.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as file:
            # Ask for the size lstat gave (plus one byte, to see growth) rather than the
            # limit: read() allocates what it is asked for, a megabyte for every small file.
            want = size + 1
            data = file.read(want)
            if len(data) == want:  # the file grew since lstat: read on up to the limit
                data += file.read(limit + 1 - want)
            return data[:limit]
    except OSError:
        problems.append(Problem(rel, 1, _UNREADABLE))
        return None


def read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    """A Markdown, YAML or GIFT file as text, or None (and an error) when it cannot be used."""
    data = read_bytes(path, rel, MAX_TEXT_FILE_BYTES, problems)
    if data is None:
        return None
    return decode_utf8(data, rel, problems)
