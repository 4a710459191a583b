"""Only lms/clock.py reads the machine's clock; everything else asks it (or is given a date)."""

import ast
from pathlib import Path

import lms

LMS = Path(lms.__file__).parent
CLOCK = LMS / "clock.py"
# date.today, datetime.now/utcnow/today: the machine's zone or a second source of time.
READS_THE_MACHINE = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
}


def machine_clock_reads(source: str) -> list[tuple[int, str]]:
    """Each `date.today` / `datetime.now` ... named in the source, called or passed along."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name | ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            if (owner, node.attr) in READS_THE_MACHINE:
                found.append((node.lineno, f"{owner}.{node.attr}"))
    return sorted(found)


def test_the_check_sees_calls_references_and_module_paths():
    source = (
        "import datetime\nfrom datetime import date\n"
        "a = date.today()\nb = datetime.datetime.now(UTC)\n"
        "field(default_factory=date.today)\nc = datetime.utcnow()\n"
    )
    assert [line for line, _ in machine_clock_reads(source)] == [3, 4, 5, 6]
    assert machine_clock_reads("today = clock.today()\nnow = clock.now()\n") == []


def test_no_module_but_the_clock_reads_the_machines_date_or_time():
    offenders = [
        f"{path.relative_to(LMS.parent)}:{line}: {name}"
        for path in sorted(LMS.rglob("*.py"))
        if path != CLOCK
        for line, name in machine_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use lms.clock.now() / lms.clock.today(), or take today as a parameter"
