"""Compiled templates kept between the workers of one service, so that a worker started again compiles none.

gunicorn starts every worker again after GUNICORN_MAX_REQUESTS requests, and the new worker's app has an empty
template cache: its first page compiled every template it renders (the dashboard's six, ~0.3 s of CPU) while the
requests that came with it waited for the same compilations. Jinja's bytecode cache keeps each compiled template
in a file, checked against the template's source, and a new worker loads it in a fraction of a millisecond.
The folder is the service's own and its user's only (0700); one that someone else could write is not used.
"""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from flask import Flask
from jinja2 import FileSystemBytecodeCache


def folder(service: str, parent: str | None, master: int) -> Path:
    """Where the workers of one gunicorn master (its pid) of a service keep their compiled templates."""
    return Path(parent or tempfile.gettempdir()) / f"kampus-templates-{service or 'web'}-{os.getuid()}-{master}"


def private(path: Path) -> bool:
    """Whether `path` is a folder (made now if missing) that only this process's user may read and write."""
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        found = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and not found.st_mode & 0o077


class KeptTemplates(FileSystemBytecodeCache):
    """Jinja's bytecode cache in files, which never fails a page: a template whose compiled file cannot be read or
    written (the folder removed or full) is compiled in the worker, as without the cache."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def keep_compiled(app: Flask, path: Path) -> bool:
    """Let the app's templates be compiled once for every worker that uses `path`; False (and nothing changed)
    when the folder cannot be made private. Call it before the app renders anything."""
    if not private(path):
        return False
    app.jinja_env.bytecode_cache = KeptTemplates(str(path))
    return True
