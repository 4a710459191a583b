"""Start gunicorn as production runs it, and sample its workers' memory from /proc."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(
    env: dict[str, str], port: int, workers: int = 2, app: str = "wsgi:app"
) -> subprocess.Popen:
    """gunicorn with sync workers on loopback; returns once /healthz answers."""
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # nosec B310
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 30 s")


def worker_pids(master: int) -> list[int]:
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler:
    """Peak resident memory of each worker while a page is driven (sampled every 100 ms)."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in worker_pids(self.master):
                self.peaks[pid] = max(self.peaks.get(pid, 0), rss_kib(pid))
            self._stop.wait(0.1)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mib(self) -> float:
        return max(self.peaks.values(), default=0) / 1024


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, 9)
