"""Courses as a .zip in the course format, the way a courses repository holds them."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy.orm import Session

from lms.catalog.files import Files, course_files, library_files, paths_yml
from lms.content.paths import PATHS_FILE
from lms.models import Course

# A fixed timestamp: exporting the same courses twice gives the same bytes.
_STAMP = (2020, 1, 1, 0, 0, 0)


def export_files(session: Session, courses: list[Course], every_path: bool = False) -> Files:
    """The courses' folders, a paths.yml with the paths that use them (or every path), and
    the library (its items and assets), so the zip imports back with its library: links."""
    files = course_files(session, courses)
    files.update(library_files(session))
    paths = paths_yml(session, None if every_path else {c.id for c in courses})
    if paths is not None:
        files[PATHS_FILE] = paths
    return files


def export_zip(session: Session, courses: list[Course], every_path: bool = False) -> bytes:
    """export_files as a .zip, the way a courses repository holds them."""
    files = export_files(session, courses, every_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, _STAMP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()
