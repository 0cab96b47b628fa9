"""The library never imports the application: nothing under shared/ imports services.* or demo.*.

shared/ finds a service through its `kampus.services` entry point (shared.events.catalogue.definition)
or is handed what it needs (a token check, a definition); the application imports the library, never
the other way round.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPLICATION = ("services", "demo")


def _is_application(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in APPLICATION


def application_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import of the application in a module's source, dynamic ones included."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if _is_application(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _is_application(node.module):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and _imports_dynamically(node.func) and node.args:
            name = node.args[0]
            text = name.value if isinstance(name, ast.Constant) and isinstance(name.value, str) else None
            if isinstance(name, ast.JoinedStr) and name.values and isinstance(name.values[0], ast.Constant):
                text = str(name.values[0].value)  # f"services.{name}.cli"
            if text is not None and _is_application(text):
                found.append((node.lineno, text))
    return found


def _imports_dynamically(func: ast.expr) -> bool:
    """importlib.import_module(...), import_module(...), __import__(...), find_spec(...)."""
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in ("import_module", "__import__", "find_spec")


LIBRARY = sorted(p for p in (ROOT / "shared").rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_library_does_not_import_the_application(path):
    found = application_imports(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)} imports the application: " + ", ".join(
        f"{module} (line {line})" for line, module in found)


@pytest.mark.parametrize("source, is_application", [
    ("import services.intake", True),
    ("from services.portal.handlers.identity import IdentityStore", True),
    ("from demo import story", True),
    ("import demo.clients as clients", True),
    ("import importlib\nimportlib.import_module('services.portal')", True),
    ("from importlib import import_module\nimport_module(f'services.{name}.cli')", True),
    ("__import__('demo.story')", True),
    ("def f():\n    from services.portal import SERVICE", True),
    ("from shared.service import ServiceDefinition", False),
    ("from . import services", False),
    ("import_module(name)", False),
    ("x = 'services.portal'", False),
    ("import servicesx", False),
])
def test_the_check_tells_the_application_from_the_rest(source, is_application):
    assert bool(application_imports(source)) is is_application
