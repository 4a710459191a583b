"""Both media backends behind the one interface: streamed saves, ranges, limits, deletes."""

from __future__ import annotations

import io
import stat

import pytest

from lms.practice.media_types import MediaRefused, sniff
from lms.practice.storage import LocalStorage, MediaTooLarge, S3Storage, storage_from_settings
from tests.helpers.media import ELF, EXE, pdf, webm


@pytest.fixture(params=["local", "s3"])
def storage(request, tmp_path):
    """Each test runs on private local files and on a real S3 server."""
    if request.param == "local":
        return storage_from_settings({}, str(tmp_path))
    settings = request.getfixturevalue("s3_settings")
    backend = storage_from_settings(settings, str(tmp_path))
    backend.prefix = f"{request.node.name}/"  # one server for the session: keep tests apart
    return backend


def test_the_setting_picks_the_backend(tmp_path):
    assert isinstance(storage_from_settings({}, str(tmp_path)), LocalStorage)
    settings = {"PRACTICE_STORAGE": "s3", "PRACTICE_S3_BUCKET": "b"}
    assert isinstance(storage_from_settings(settings, str(tmp_path)), S3Storage)
    with pytest.raises(ValueError):
        storage_from_settings({"PRACTICE_STORAGE": "ftp"}, str(tmp_path))


def test_save_then_read_whole_and_in_ranges(storage):
    data = bytes(range(256)) * 4000  # about 1 MB: several chunks
    stored = storage.save("clip.webm", data[:100], io.BytesIO(data[100:]), limit=2_000_000)
    assert stored.size == len(data) == storage.size("clip.webm")
    assert b"".join(storage.read("clip.webm", 0, len(data))) == data
    assert b"".join(storage.read("clip.webm", 1000, 1010)) == data[1000:1010]


def test_too_large_keeps_nothing(storage):
    with pytest.raises(MediaTooLarge):
        storage.save("big.webm", b"x" * 10, io.BytesIO(b"y" * 5000), limit=1000)
    assert storage.size("big.webm") is None


def test_delete_and_a_missing_file(storage):
    storage.save("gone.webm", b"abc", io.BytesIO(b""), limit=100)
    storage.delete("gone.webm")
    assert storage.size("gone.webm") is None
    storage.delete("gone.webm")  # deleting twice is fine


def test_local_files_are_private(tmp_path):
    backend = storage_from_settings({}, str(tmp_path))
    backend.save("a.webm", b"abc", io.BytesIO(b"def"), limit=100)
    assert stat.S_IMODE((tmp_path / "practice-media").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "practice-media" / "a.webm").stat().st_mode) == 0o600


def test_local_keys_never_leave_the_folder(tmp_path):
    backend = storage_from_settings({}, str(tmp_path))
    with pytest.raises(ValueError):
        backend.local_path("../instance.sqlite3")


@pytest.mark.parametrize(
    ("head", "kinds", "expected"),
    [
        (webm(), ["video"], ("video/webm", "video")),
        (webm(), ["audio"], ("video/webm", "video")),
        (
            b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64,
            ["video"],
            ("video/mp4", "video"),
        ),
        (pdf(), ["file"], ("application/pdf", "file")),
    ],
)
def test_types_come_from_the_content(head, kinds, expected):
    found = sniff(head, kinds)
    assert (found.mime, found.kind) == expected


@pytest.mark.parametrize(
    ("head", "kinds"),
    [
        (ELF, ["video", "file"]),  # a renamed executable
        (EXE, ["video", "file"]),
        (b"just some text", ["video", "file"]),
        (b"", ["video"]),
        (pdf(), ["video"]),  # a document where only recordings are taken
        (webm(), ["file"]),  # a recording where only documents are taken
        (webm(), ["text"]),
    ],
)
def test_other_files_are_refused(head, kinds):
    with pytest.raises(MediaRefused):
        sniff(head, kinds)


def test_two_s3_test_servers_run_at_once(s3_settings, tmp_path):
    """The PostgreSQL pass starts its server beside the SQLite pass's: no fixed port between them."""
    from tests.helpers.seaweed import seaweed_s3

    with seaweed_s3(tmp_path / "second") as second:
        assert second is not None, (tmp_path / "second" / "weed.log").read_text()[-2000:]
        assert second["PRACTICE_S3_ENDPOINT_URL"] != s3_settings["PRACTICE_S3_ENDPOINT_URL"]
        backend = storage_from_settings(second, str(tmp_path))
        backend.save("both.webm", b"ab", io.BytesIO(b"c"), limit=10)
        assert backend.size("both.webm") == 3


def test_a_test_server_that_loses_a_port_starts_again_on_others(tmp_path, monkeypatch):
    """A port taken between the check and weed's bind: weed exits, and another try follows."""
    import socket

    from tests.helpers import seaweed

    if seaweed.weed_binary() is None:
        pytest.skip("SeaweedFS's weed is not installed")
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    fresh, tries = seaweed._ports, []

    def master_port_taken_first(count):
        ports = fresh(count)
        tries.append(ports)
        return [ports[0], taken.getsockname()[1], *ports[2:]] if len(tries) == 1 else ports

    monkeypatch.setattr(seaweed, "_ports", master_port_taken_first)
    with taken, seaweed.seaweed_s3(tmp_path / "s3") as settings:
        assert settings is not None, (tmp_path / "s3" / "weed.log").read_text()[-2000:]
    assert len(tries) == 2
