"""Sample files for practice uploads: real container signatures, and files that must be refused."""

from __future__ import annotations

WEBM_HEAD = bytes.fromhex(
    "1A45DFA39F4286810142F7810142F2810442F381084282847765626D4287810442858102"
)


def webm(size: int = 4096) -> bytes:
    """A WebM of the given size: a real EBML header, then padding the sniffer never reads."""
    return WEBM_HEAD + b"\x00" * (size - len(WEBM_HEAD))


def pdf() -> bytes:
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
"""A Linux executable's first bytes: refused whatever it is called."""
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120
"""A Windows executable's first bytes."""
