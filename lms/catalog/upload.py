"""Open an uploaded .zip as hostile: check everything the archive declares before unpacking."""

from __future__ import annotations

import io
import math
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lms.content.library import ASSETS_DIR, LIBRARY_DIR
from lms.content.loader import COURSE_FILE
from lms.content.model import Problem
from lms.content.paths import PATHS_FILE

MB = 1024 * 1024
ASSET_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf"}
COURSE_TYPES = {".md", ".gift"} | ASSET_TYPES
ROOT_TYPES = {".yml", ".yaml"}  # paths.yml, at the top only
# library/assets/ also holds the slide decks items link to.
LIBRARY_ASSET_TYPES = ASSET_TYPES | {".pptx", ".odp"}
_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    zip_bytes: int = 10 * MB
    unpacked_bytes: int = 50 * MB
    entries: int = 500


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{math.ceil(n / 1024)} KB"


def _ignored(parts: tuple[str, ...]) -> bool:
    """Finder and editor litter (__MACOSX/, .DS_Store, ._x): skipped, never unpacked."""
    return parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    """Why one entry may not be unpacked, whatever its type; None if it may."""
    name = info.filename
    if name.startswith("/") or _DRIVE.match(name):
        return "absolute path: zip the course folder so paths start with its name"
    if "\\" in name:
        return "backslash in path: use a zip tool that writes / between folders"
    if ".." in PurePosixPath(name).parts:
        return 'path goes up a folder (".."): zip the course folder itself'
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "symbolic link: zip the file itself, not a link to it"
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "not a regular file or folder"
    if info.flag_bits & 0x1:
        return "encrypted: zip the course without a password"
    return None


def _wrapper(names: list[PurePosixPath]) -> str | None:
    """A single top folder that only wraps course folders (like courses/), or None."""
    tops = {n.parts[0] for n in names}
    if len(tops) != 1:
        return None
    top = next(iter(tops))
    if top == LIBRARY_DIR:  # a zip of the library alone
        return None
    holds_course = any(n.parts == (top, COURSE_FILE) for n in names)
    nested = any(len(n.parts) > 1 for n in names)
    return None if holds_course or not nested else top


def _type_problem(parts: tuple[str, ...]) -> str | None:
    """Why the format has no place for this file; None if it has."""
    suffix = PurePosixPath(parts[-1]).suffix.lower()
    if parts == (PATHS_FILE,):
        return None
    if parts == (COURSE_FILE,):
        return (
            "course.md is at the top of the zip: zip the course folder itself, "
            "so that its name gives the course slug"
        )
    if parts[0] == LIBRARY_DIR:
        return _library_type_problem(parts[1:], suffix)
    if suffix in ROOT_TYPES:
        return f"only {PATHS_FILE}, at the top of the zip, may be YAML"
    if suffix in COURSE_TYPES:
        return None
    allowed = " ".join(sorted(t.lstrip(".") for t in COURSE_TYPES))
    return f'file type "{suffix or parts[-1]}" is not allowed in a course: only {allowed}'


def _library_type_problem(parts: tuple[str, ...], suffix: str) -> str | None:
    """library/ holds <slug>.md items and, under assets/, the files they link to."""
    if len(parts) == 1 and suffix == ".md":
        return None
    if len(parts) > 1 and parts[0] == ASSETS_DIR:
        if suffix in LIBRARY_ASSET_TYPES:
            return None
        allowed = " ".join(sorted(t.lstrip(".") for t in LIBRARY_ASSET_TYPES))
        return (
            f'file type "{suffix or parts[-1]}" is not allowed in library/assets/: only {allowed}'
        )
    return "not part of the library: only library/<slug>.md items and files under library/assets/"


@dataclass
class Archive:
    """A checked archive: the entries to unpack, each with its path below the courses root."""

    zip: zipfile.ZipFile
    members: list[tuple[zipfile.ZipInfo, PurePosixPath]]


def check(
    data: bytes, name: str, limits: Limits = Limits()
) -> tuple[Archive | None, list[Problem]]:
    """Every problem of an upload found from its size and directory; nothing is unpacked."""
    if len(data) > limits.zip_bytes:
        # The view reads one byte past the limit, so the true size is unknown here.
        message = f"the zip is larger than the limit of {_mb(limits.zip_bytes)}"
        return None, [Problem(name, 1, message)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None, [Problem(name, 1, "not a zip file: upload a .zip of the course folder")]
    problems: list[Problem] = []
    if len(infos) > limits.entries:
        problems.append(Problem(name, 1, f"{len(infos)} entries; the limit is {limits.entries}"))
    declared = sum(i.file_size for i in infos)
    if declared > limits.unpacked_bytes:
        problems.append(
            Problem(
                name,
                1,
                f"the files would take {_mb(declared)} unpacked; "
                f"the limit is {_mb(limits.unpacked_bytes)}",
            )
        )
    if problems:
        return None, problems
    kept: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    seen: set[str] = set()
    for info in infos:
        why = _entry_problem(info)
        if why:
            problems.append(Problem(info.filename, 1, why))
            continue
        path = PurePosixPath(info.filename)
        if not path.parts or _ignored(path.parts):
            continue
        if str(path) in seen and not info.is_dir():
            problems.append(Problem(info.filename, 1, "listed twice in the zip"))
        seen.add(str(path))
        kept.append((info, path))
    wrapper = _wrapper([p for _, p in kept])
    members = []
    for info, path in kept:
        relative = PurePosixPath(*path.parts[1:]) if wrapper else path
        if info.is_dir() or not relative.parts:
            continue
        why = _type_problem(relative.parts)
        if why:
            problems.append(Problem(info.filename, 1, why))
        members.append((info, relative))
    if not members and not problems:
        problems.append(Problem(name, 1, "the zip holds no course folder"))
    return (None if problems else Archive(archive, members)), problems


def extract(archive: Archive, root: Path, limits: Limits = Limits()) -> list[Problem]:
    """Unpack the checked entries under root, counting bytes as they come: sizes can lie."""
    root = root.resolve()
    total = 0
    for info, relative in archive.members:
        target = (root / relative).resolve()
        if not target.is_relative_to(root):  # checked above; kept as a second lock
            return [Problem(info.filename, 1, "path leaves the upload folder")]
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        try:
            with archive.zip.open(info) as source, target.open("xb") as out:
                while chunk := source.read(_CHUNK):
                    written += len(chunk)
                    total += len(chunk)
                    if written > info.file_size or total > limits.unpacked_bytes:
                        return [Problem(info.filename, 1, "unpacks to more than it declares")]
                    out.write(chunk)
        except FileExistsError:
            return [Problem(info.filename, 1, "listed twice in the zip")]
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
            return [Problem(info.filename, 1, f"cannot be unpacked: {error}")]
    return []
