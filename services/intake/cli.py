"""`kampus intake …`: the intake service's operator commands."""
from __future__ import annotations

import click

from shared import clock
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


@cli.command("adulthood-check")
@click.option("--on", "on_day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to check (default: today).")
def adulthood_check_command(on_day) -> None:
    """List the active clients who have turned 18 since their consents in force were given (renew them)."""
    from services.intake import SERVICE
    from services.intake.handlers.minors import adulthood_check

    runtime = SERVICE.runtime(Config.from_env("intake"))
    try:
        runtime.migrate()
        found = adulthood_check(runtime, on_day.date() if on_day else clock.today())
    finally:
        runtime.close()
    for organisation, client_id, adult_on in found:
        click.echo(f"{organisation}\t{client_id}\tadult since {adult_on.isoformat()}")
    click.echo(f"{len(found)} client(s) to ask to renew their consents")


@cli.command("rotate-person-key")
def rotate_person_key_command() -> None:
    """Derive every client's person key again with the current PERSON_KEY_SECRET and PERSON_KEY_VERSION, and
    publish it; the network's overlap detection accepts the previous version meanwhile."""
    from services.intake import SERVICE
    from services.intake.config import settings
    from services.intake.handlers.person_keys import rotate

    runtime = SERVICE.runtime(Config.from_env("intake"))
    try:
        runtime.migrate()
        done = rotate(runtime)
        version = settings(runtime.config).person_key_version
    finally:
        runtime.close()
    click.echo(f"rotated the person key of {done} client(s) to version {version}")


@cli.command("steps-due")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The due date (default: today).")
def steps_due_command(on) -> None:
    """Announce the open path steps due today, so that the clients' managers are notified (run daily)."""

    from services.intake import SERVICE
    from services.intake.handlers.steps_due import announce

    runtime = SERVICE.runtime(Config.from_env("intake"))
    try:
        runtime.migrate()
        count = announce(runtime, on.date() if on else clock.today())
    finally:
        runtime.close()
    click.echo(f"{count} steps due announced")
