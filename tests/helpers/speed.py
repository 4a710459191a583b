"""What makes a test's setup cheap without changing what it tests.

Measured on the suite (cProfile over tests/learn): per test, argon2 took 0.7 s per user
created and per sign-in, Werkzeug compiling each app's 105 URL rules 0.1-0.7 s, and Jinja
compiling templates anew for each app most of the rest. The app under test is the same.
"""

from __future__ import annotations

import functools

from argon2 import profiles
from jinja2 import BytecodeCache
from werkzeug.routing.rules import Rule

from lms.people import passwords


class SharedBytecode(BytecodeCache):
    """Compiled templates kept for the process: each test's new app skips compiling them."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:  # noqa: ANN001 - Jinja's Bucket
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:  # noqa: ANN001
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = SharedBytecode()


def _reuse_url_builders() -> None:
    """Build each URL rule's builder function once per process, not once per app.

    Werkzeug's builder takes the rule as its first argument and closes over nothing, so a
    builder made for one app's rule serves the same rule in the next app.
    """
    compile_builder = Rule._compile_builder
    built: dict[tuple, object] = {}

    @functools.wraps(compile_builder)
    def cached(self: Rule, append_unknown: bool = True):
        defaults = repr(sorted((self.defaults or {}).items()))
        key = (self.rule, repr(self._trace), defaults, append_unknown)
        if key not in built:
            built[key] = compile_builder(self, append_unknown)
        return built[key]

    Rule._compile_builder = cached


def make_setup_cheap() -> None:
    """The cheapest argon2 profile and URL builders made once: called by tests/conftest.py."""
    passwords.use_parameters(profiles.CHEAPEST)
    if hasattr(Rule, "_compile_builder"):
        _reuse_url_builders()
