"""`kampus environments …`: the environments service's operator commands."""
from __future__ import annotations

import click

from shared.config import Config


@click.group()
def cli() -> None:
    """Environments operations of the network."""


@cli.command("announce-reminders")
def announce_reminders_command() -> None:
    """Announce what every environment still misses (environments.environment.reminders_changed), so that intake's
    desk, which keeps the latest announcement of each, knows the environments announced before it listened."""
    from services.environments import SERVICE
    from services.environments.handlers.reminders import announce_all

    runtime = SERVICE.runtime(Config.from_env("environments"))
    try:
        runtime.migrate()
        with runtime.work() as work:
            done = announce_all(work)
    finally:
        runtime.close()
    click.echo(f"announced {done} environment(s)")
