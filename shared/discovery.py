"""Collecting a service's parts from the modules of a package (each area adds its own module)."""
from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def collect(package: str, attribute: str) -> list[Any]:
    """`attribute` of every module in `package` that defines it, in module-name order."""
    pkg = importlib.import_module(package)
    found = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package}.{info.name}")
        value = getattr(module, attribute, None)
        if value is not None:
            found.append(value)
    return found


def merged_handlers(package: str) -> dict:
    """One dict of event handlers from the HANDLERS of every module; a type handled twice is an error."""
    handlers: dict = {}
    for part in collect(package, "HANDLERS"):
        for type_, handler in part.items():
            if type_ in handlers:
                raise ValueError(f"{type_} is handled twice in {package}")
            handlers[type_] = handler
    return handlers
