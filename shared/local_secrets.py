"""Secrets of a development or single-host network, generated once and kept beside its data.

Without `SECRET_KEY` or `JWT_SECRET` in the environment, a non-production process takes each
from a file in the data directory (`KAMPUS_DATA_DIR`), which the first process to start
writes with a random value, readable by its owner only. Nothing public can sign a token.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

MIN_LENGTH = 32
# Values that were once defaults or are placeholders in the documentation: public, so refused everywhere.
WELL_KNOWN = frozenset({
    "dev-secret-change-me", "dev-jwt-secret-change-me-0123456789", "secret", "changeme", "change-me",
    "CHANGE-ME", "dev-secret", "development", "test",
})


def well_known(value: str) -> bool:
    """Whether a secret is a published value (an old default, a placeholder): anyone could use it."""
    lowered = value.strip().lower()
    return not lowered or lowered in {v.lower() for v in WELL_KNOWN} or "change-me" in lowered \
        or "changeme" in lowered


def data_dir_secret(data_dir: Path, name: str) -> str:
    """The secret `name` of a data directory: read from its file, or created there on first use (mode 0600)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / name
    if not path.exists():
        _create(path, secrets.token_urlsafe(48))
    return _read(path)


def _create(path: Path, value: str) -> None:
    """Write the file atomically: a process starting at the same time reads the first writer's value."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)  # fails if another process was first; then its value counts
    finally:
        os.unlink(temporary)


def _read(path: Path) -> str:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise RuntimeError(f"{path} is readable by others (mode {mode:o}): run `chmod 600 {path}`")
    value = path.read_text(encoding="ascii").strip()
    if len(value) < MIN_LENGTH or well_known(value):
        raise RuntimeError(f"{path} does not hold a random secret of at least {MIN_LENGTH} characters: "
                           f"delete it and a new one is made at the next start")
    return value
