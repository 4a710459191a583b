"""The tests' own layout: every folder of Python is a package, and no test module imports another.

Shared pieces live in a conftest.py or in tests/helpers/, so running one test file never
depends on (or silently re-runs the setup of) another.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def python_folders() -> list[Path]:
    """Every folder under tests/ with a .py file in it or below it; data-only folders are not."""
    folders = {TESTS}
    for source in TESTS.rglob("*.py"):
        folders.update(p for p in source.parents if p.is_relative_to(TESTS))
    return sorted(f for f in folders if "__pycache__" not in f.parts)


def all_test_modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("test_*.py") if "__pycache__" not in p.parts)


def imported_names(source: Path) -> set[str]:
    """Dotted names of every module the file imports, at its top or inside a function."""
    package = ".".join(source.relative_to(ROOT).parent.parts)
    names = set()
    for node in ast.walk(ast.parse(source.read_text(), filename=str(source))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            names.add(module)
            # `from tests.auth import test_csrf` imports a module by its attribute name.
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def imported_test_module(source: Path, name: str) -> Path | None:
    """The test_*.py file `name` points at, from the repo root or (bare) beside `source`."""
    parts = name.split(".")
    if not parts[-1].startswith("test_"):
        return None
    for candidate in (ROOT.joinpath(*parts).with_suffix(".py"), source.with_name(f"{name}.py")):
        if candidate.is_file():
            return candidate
    return None


def test_every_folder_holding_python_is_a_package():
    folders = python_folders()
    assert TESTS / "helpers" in folders
    missing = [str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").is_file()]
    assert not missing, f"add an __init__.py to: {missing}"


def test_no_test_module_imports_another():
    modules = all_test_modules()
    assert len(modules) > 100, "the walk found too few test modules"
    found = [
        f"{source.relative_to(ROOT)} imports {imported.relative_to(ROOT)}"
        for source in modules
        for name in sorted(imported_names(source))
        if (imported := imported_test_module(source, name)) and imported != source
    ]
    assert not found, "move what they share into a conftest.py or tests/helpers/:\n" + "\n".join(
        found
    )
