"""Profile one page of a seeded bench database through the Flask test client.

    LMS_DATABASE_URL=sqlite:////tmp/repready-bench-XXXX/bench.sqlite3 LMS_SECRET_KEY=x \
        .venv/bin/python -m bench.profile --email rep-00001@example.org --path /

Signs the user in, warms the page up, then prints a pyinstrument profile of --requests
requests and the mean time per request (needs the `bench` extra).
"""

from __future__ import annotations

import argparse
import os
import time

from pyinstrument import Profiler

from bench.run import PASSWORD
from lms import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--email", default="rep-00001@example.org")
    parser.add_argument("--path", default="/")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    app = create_app()
    app.config.update(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    client = app.test_client()
    signed_in = client.post("/login", data={"email": args.email, "password": PASSWORD})
    assert signed_in.status_code == 302, f"{args.email} could not sign in"
    for _ in range(5):
        assert client.get(args.path).status_code == 200
    started = time.perf_counter()
    for _ in range(args.requests):
        client.get(args.path)
    bare = (time.perf_counter() - started) * 1000 / args.requests
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for _ in range(args.requests):
            client.get(args.path)
    took = (time.perf_counter() - started) * 1000 / args.requests
    show_all = bool(os.environ.get("PROFILE_ALL"))  # library frames too
    print(profiler.output_text(unicode=True, color=False, show_all=show_all))
    print(f"GET {args.path}: {bare:.2f} ms a request ({took:.1f} ms under the profiler)")


if __name__ == "__main__":
    main()
