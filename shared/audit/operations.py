"""Command-line operations on personal data are logged too: who ran which `kampus` command, on what."""
from __future__ import annotations

import getpass
from collections.abc import Iterable

from shared.audit.entry import Actor, Entry


def operator() -> Actor:
    """The command line's actor: the operating-system account that ran the command."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's random uid)
        name = "unknown"
    return Actor(f"cli:{name}"[:64], None, "operator")


def log_command(config, command: str, object_type: str, *, purpose: str = "administration",
                subjects: Iterable[str] = (), detail: dict | None = None) -> None:
    """Append one `command` entry to the audit store of `config`'s service (at once, in its own transaction)."""
    from shared.audit import open_store

    store = open_store(config)
    try:
        store.append([Entry("command", object_type, purpose, operator(), subject_ids=tuple(subjects),
                            detail={"command": command, **(detail or {})})])
    finally:
        store.dispose()


def logged(object_type: str, *, service: str | None = None, purpose: str = "administration"):
    """Decorate a click command: running it is logged first (the command's `service` argument, else `service`,
    names whose audit store). Only the command is recorded, never its arguments (they may be passwords)."""
    import functools

    import click

    def wrap(command):
        @functools.wraps(command)
        def run(*args, **kwargs):
            from shared.config import Config

            name = kwargs.get("service") or service
            assert name, "a logged command names its service"
            path = click.get_current_context().command_path.split(" ", 1)[-1]
            log_command(Config.from_env(name), path, object_type, purpose=purpose)
            return command(*args, **kwargs)

        return run

    return wrap
