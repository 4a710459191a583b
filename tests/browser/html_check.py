"""The HTML of every page the browser tests check, kept for one Nu HTML Checker run at the end."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# From the npm package vnu-jar (package.json); `make test` installs it with `npm ci`.
VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class SavedPage:
    name: str
    url: str
    html: str


SAVED: dict[str, SavedPage] = {}  # by content hash: the same markup is checked once


def save(page, name: str) -> None:
    """Keep the page's markup as the browser holds it (the DOM serialized, doctype included)."""
    html = page.content()
    key = hashlib.sha256(html.encode()).hexdigest()
    SAVED.setdefault(key, SavedPage(name, page.url, html))


def why_not_runnable() -> str | None:
    """A reason to skip the check: only a missing Java counts; a missing jar is an error."""
    if shutil.which("java") is None:
        return "the Nu HTML Checker was SKIPPED: java not found (apt-get install default-jre)"
    return None


def run_vnu(folder: Path) -> list[str]:
    """Write every saved page to `folder`, check them all in one JVM; the errors found."""
    if not VNU_JAR.exists():
        raise FileNotFoundError(f"{VNU_JAR} is missing: run `npm ci` (make test does)")
    names = {}
    for number, saved in enumerate(SAVED.values(), start=1):
        file = folder / f"{number:03d}-{re.sub(r'[^a-z0-9]+', '-', saved.name.lower())}.html"
        file.write_text(saved.html, encoding="utf-8")
        names[file.name] = saved
    command = [
        "java",
        "-jar",
        str(VNU_JAR),
        "--errors-only",
        "--format",
        "json",
        "--exit-zero-always",
    ]
    done = subprocess.run(  # noqa: S603 - a fixed command over files this test wrote
        [*command, *sorted(str(folder / name) for name in names)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = []
    for message in messages:
        saved = names.get(Path(message.get("url", "")).name)
        where = f"{saved.name} ({saved.url})" if saved else message.get("url", "?")
        line = message.get("lastLine", "?")
        extract = message.get("extract", "").strip()
        errors.append(f"{where}:{line}: {message['message']}\n    {extract}")
    return errors
