"""CPU time of validating one courses folder (load_catalog), best of N after a warm-up run.

    .venv/bin/python -m bench.coursegen /tmp/generated
    .venv/bin/python -m bench.validate_timing /tmp/generated [--runs 7]

Steadier than bench.import_timing for comparing two checkouts: run it on each in turn,
alternating, with PYTHONPATH pointing at the checkout.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import lms
from lms.content.loader import load_catalog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    catalog = load_catalog(args.folder)  # warm up: imports, the Markdown instance, caches
    if catalog.errors:
        raise SystemExit(f"{args.folder}: {catalog.errors[0]}")
    best = float("inf")
    for _ in range(args.runs):
        started = time.process_time()
        load_catalog(args.folder)
        best = min(best, time.process_time() - started)
    code = Path(lms.__file__).resolve().parent.parent
    print(
        f"validate {args.folder.name}: cpu {best:.3f} s, best of {args.runs} "
        f"(code {code}, load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
