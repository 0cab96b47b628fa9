"""The tree is what docs/architecture.md says: every service has the same folders with the same roles."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from shared.events.catalogue import SERVICES, definition

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
ALL = (*SERVICES, "portal")
# What a service may keep beside the documented folders: its own pages' files and process entry points.
BUS_ONLY = {"consumer.py", "relay.py", "config.py"}  # the portal sends and takes no events
OPTIONAL = {"cli.py", "README.md", "templates", "static", "translations", "data", "__pycache__"}


def documented_layout() -> list[str]:
    """The entries of the "Layout of one service" block, in order."""
    section = DOC.read_text(encoding="utf-8").split("## Layout of one service", 1)[1]
    block = section.split("```", 2)[1]
    names = []
    for line in block.strip().splitlines()[1:]:  # the first line is `services/<name>/`
        first = line.strip().split("  ")[0]
        names += [n.strip() for n in first.replace(",", " ").split() if n.strip()]
    return names


def test_the_document_names_the_folders_and_files_of_a_service():
    layout = documented_layout()
    assert {"api/", "web/", "handlers/", "domain/", "subscribers/", "db.py", "migrations/"} <= set(layout)


@pytest.mark.parametrize("service", ALL)
def test_every_service_has_every_documented_folder_and_nothing_else(service):
    folder = ROOT / "services" / service
    expected = {name.rstrip("/") for name in documented_layout()} - {"templates", "static", "translations"}
    if service == "portal":
        expected -= BUS_ONLY
    present = {p.name for p in folder.iterdir()}
    missing = {name for name in expected if name not in present and name not in OPTIONAL}
    assert not missing, f"services/{service} lacks {sorted(missing)} (docs/architecture.md)"
    for name in ("api", "web", "handlers", "domain", "subscribers", "migrations"):
        assert (folder / name).is_dir(), f"services/{service}/{name} is not a folder"
    loose = present - expected - OPTIONAL - BUS_ONLY
    assert not loose, f"services/{service} has modules outside the documented layout: {sorted(loose)}"


def _imports(path: Path) -> list[tuple[str, str | None]]:
    """(module, imported name) of every import of a file; the name is None for `import module`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
    return found


@pytest.mark.parametrize("service", ALL)
def test_handlers_and_domain_raise_domain_errors_not_http_ones(service):
    for folder in ("handlers", "domain"):
        for path in (ROOT / "services" / service / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "ApiError" not in text, f"{path.relative_to(ROOT)} uses ApiError"
            assert not re.search(r"\babort\(", text), f"{path.relative_to(ROOT)} calls flask.abort"


@pytest.mark.parametrize("service", ALL)
def test_domain_is_free_of_frameworks(service):
    for path in (ROOT / "services" / service / "domain").rglob("*.py"):
        for module, _name in _imports(path):
            top = module.split(".")[0]
            assert top not in {"flask", "flask_smorest", "flask_babel", "sqlalchemy", "pika", "werkzeug"}, (
                f"{path.relative_to(ROOT)} imports {module}")


@pytest.mark.parametrize("service", ALL)
def test_pages_and_api_call_handlers_never_each_other(service):
    """web/ may reuse an API input schema (the same rules for a form), but calls no route module's functions."""
    base = f"services.{service}"
    for path in (ROOT / "services" / service / "web").rglob("*.py"):
        for module, name in _imports(path):
            if module == f"{base}.api" or module.startswith(f"{base}.api."):
                schema = name is not None and (name.endswith("schemas") or re.search(r"(In|Out|Schema|Args)$", name))
                assert schema, f"{path.relative_to(ROOT)} imports {name} from {module}: call handlers/ instead"
    for path in (ROOT / "services" / service / "api").rglob("*.py"):
        for module, _name in _imports(path):
            assert not module.startswith(f"{base}.web"), f"{path.relative_to(ROOT)} imports {module}"


@pytest.mark.parametrize("service", ALL)
def test_the_definition_lists_every_module_of_its_folders(service):
    """Registration is explicit: each api/web/handlers/subscribers module is listed in __init__.py once."""
    svc = definition(service)
    listed = {"api": svc.api, "web": svc.web, "handlers": svc.handlers, "subscribers": svc.subscribers}
    for folder, names in listed.items():
        on_disk = {p.stem for p in (ROOT / "services" / service / folder).glob("*.py")
                   if p.stem != "__init__" and _exposes(p, folder)}
        assert on_disk <= set(names), f"services/{service}/{folder}: {sorted(on_disk - set(names))} not listed"
        assert len(set(names)) == len(names)


def _exposes(path: Path, folder: str) -> bool:
    """Whether a module is a part to list: a blueprint (api/web), HANDLERS (subscribers), any handler module."""
    text = path.read_text(encoding="utf-8")
    marker = {"api": r"^(blp|bp)\s*=", "web": r"^bp\s*=", "subscribers": r"^HANDLERS\s*[:=]"}.get(folder)
    return marker is None or re.search(marker, text, re.M) is not None
