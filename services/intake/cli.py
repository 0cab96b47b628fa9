"""`kampus intake …`: the intake service's operator commands."""
from __future__ import annotations

import click

from shared.audit.operations import logged
from shared.config import Config


@click.group()
def cli() -> None:
    """Intake operations of this member organisation."""


@cli.command("anonymise-closed")
@click.option("--older-than-days", type=click.IntRange(min=0), default=None,
              help="Retention time in days (default: INTAKE_RETENTION_DAYS, else 1825).")
@logged("client_record", service="intake", purpose="retention")
def anonymise_closed_command(older_than_days: int | None) -> None:
    """Anonymise the cases closed longer ago than the retention time, and tell the network."""
    from services.intake import SERVICE
    from services.intake.config import settings
    from services.intake.handlers.gdpr import anonymise_closed

    runtime = SERVICE.runtime(Config.from_env("intake"))
    try:
        runtime.migrate()
        days = settings(runtime.config).retention_days if older_than_days is None else older_than_days
        done = anonymise_closed(runtime, days)
    finally:
        runtime.close()
    click.echo(f"anonymised {done} case(s) closed more than {days} days ago")


@cli.command("announce-clients")
@logged("client_record", service="intake", purpose="network_service")
def announce_clients_command() -> None:
    """Announce every client again (intake.client.registered), so that services reading who registered which
    client (environments' enrolment) learn of the clients registered before they listened."""
    from services.intake import SERVICE
    from services.intake.handlers.registration import announce_clients

    runtime = SERVICE.runtime(Config.from_env("intake"))
    try:
        runtime.migrate()
        done = announce_clients(runtime)
    finally:
        runtime.close()
    click.echo(f"announced {done} client(s)")
