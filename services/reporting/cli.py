"""`kampus reporting …`: rebuild the projections from the raw log, load a synthetic history for a demo."""
from __future__ import annotations

import click

from shared.audit.operations import logged
from shared.config import Config


def _runtime():
    from services.reporting import SERVICE

    runtime = SERVICE.runtime(Config.from_env("reporting"))
    runtime.migrate()
    return runtime


@click.group()
def cli() -> None:
    """The reporting service."""


@cli.command()
@logged("raw_events", service="reporting", purpose="statistics")
def rebuild() -> None:
    """Replay the raw log into fresh projections (the same figures as before)."""
    from services.reporting.handlers.rebuild import rebuild as run

    runtime = _runtime()
    try:
        result = run(runtime.db, progress=lambda n: click.echo(f"  {n:,} events replayed"))
    finally:
        runtime.close()
    click.echo(f"rebuilt the projections from {result.events:,} events in {result.seconds:.1f} s")
    for table, rows in result.rows.items():
        click.echo(f"  {table:<22} {rows:>9,} rows")


@cli.command()
def definitions() -> None:
    """Print docs/indicators.md: every figure's definition, from the registry the app's page shows."""
    from services.reporting.domain.definitions import markdown

    click.echo(markdown(), nl=False)


@cli.command()
@click.option("--events", default=20_000, show_default=True, help="About how many events to write.")
@click.option("--seed", default=7, show_default=True, help="The same seed gives the same history.")
def synthesise(events: int, seed: int) -> None:
    """Write a realistic synthetic event history into the raw log, then rebuild (demo and benchmarks only)."""
    from services.reporting.handlers.rebuild import rebuild as run
    from services.reporting.handlers.synthetic import generate, write_raw

    runtime = _runtime()
    if runtime.config.production:
        raise click.UsageError("A synthetic history is never written in production")
    try:
        written = write_raw(runtime.db, generate(seed=seed, events=events))
        result = run(runtime.db)
    finally:
        runtime.close()
    click.echo(f"wrote {written:,} synthetic events and rebuilt the projections in {result.seconds:.1f} s")
