"""`kampus audit …`: verify the audit chains, review a controller's log, apply the retention period."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta

import click

from shared import clock
from shared.audit.labels import LANGUAGES, translator
from shared.audit.store import AuditStore
from shared.config import Config
from shared.events.catalogue import SERVICES

NAMES = (*SERVICES, "portal")


def _stores(names: tuple[str, ...], *, admin: bool = False) -> Iterator[tuple[str, AuditStore]]:
    """The audit store of each named service (every one when none is named), as the environment configures;
    `admin`: as its owner (AUDIT_ADMIN_DATABASE_URL), which alone may remove entries."""
    from shared.audit import open_store

    for name in names or NAMES:
        store = open_store(Config.from_env(name), admin=admin)
        try:
            yield name, store
        finally:
            store.dispose()


def build(name_of: Callable[[], Callable[[str], str]] | None = None) -> click.Group:
    """The `audit` command group; `name_of` gives a function naming a user id (the portal's users) for reviews."""

    @click.group("audit")
    def audit() -> None:
        """The network's audit log: verify, review, apply retention."""

    @audit.command("verify")
    @click.argument("services", nargs=-1, type=click.Choice(NAMES))
    def verify(services: tuple[str, ...]) -> None:
        """Verify each service's hash chain; exit 1 naming the first broken entry."""
        broken = False
        for name, store in _stores(services):
            result = store.verify()
            if result.problem is None:
                after = f" after entry {result.checkpoint} (a signed checkpoint)" if result.checkpoint else ""
                click.echo(f"{name}: {result.checked} entries hold{after}")
            else:
                broken = True
                where = f"entry {result.problem.seq}" if result.problem.seq is not None else "the log"
                click.echo(f"{name}: BROKEN at {where}: {result.problem.reason} "
                           f"({result.checked} entries before it hold)", err=True)
        if broken:
            raise SystemExit(1)

    @audit.command("review")
    @click.option("--organisation", required=True, help="The controller whose log to review.")
    @click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), required=True, help="First day.")
    @click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), required=True, help="Last day (inclusive).")
    @click.option("--lang", type=click.Choice(LANGUAGES), default="fi", show_default=True)
    @click.option("--csv", "as_csv", is_flag=True, help="CSV (codes, and their names in --lang).")
    @click.option("--service", "services", multiple=True, type=click.Choice(NAMES),
                  help="Only these services' logs (default: all).")
    def review_command(organisation: str, start: datetime, end: datetime, lang: str, as_csv: bool,
                       services: tuple[str, ...]) -> None:
        """A review report of one organisation's log over a period: counts, unusual volumes, outside reads."""
        from shared.audit import review as report
        from shared.audit.operations import log_command

        since = datetime.combine(start.date(), time(), UTC)
        until = datetime.combine(end.date() + timedelta(days=1), time(), UTC)
        entries = [e for _name, store in _stores(services) for e in store.between(since, until)]
        result = report.review(entries, organisation)
        gettext = translator(lang)
        if as_csv:
            click.echo(report.as_csv(result, gettext), nl=False)
        else:
            click.echo(report.as_text(result, gettext, start.date().isoformat(), end.date().isoformat(),
                                      name_of() if name_of else str), nl=False)
        log_command(Config.from_env("portal"), "audit review", "audit_trail", purpose="log_review",
                    detail={"organisation": organisation, "from": start.date().isoformat(),
                            "to": end.date().isoformat()})

    @audit.command("prune")
    @click.argument("services", nargs=-1, type=click.Choice(NAMES))
    @click.option("--days", type=click.IntRange(min=1), default=None,
                  help="Retention period (default: the privacy register's audit_log rule, else AUDIT_RETENTION_DAYS, "
                       "else 730).")
    def prune(services: tuple[str, ...], days: int | None) -> None:
        """Remove entries older than the retention period under a signed checkpoint (verification still holds);
        as the audit store's owner (AUDIT_ADMIN_DATABASE_URL): the services' writer role may not delete."""
        from shared.audit.settings import retention_days

        for name in services or NAMES:
            config = Config.from_env(name)
            kept = days or retention_days(config)
            for _name, store in _stores((name,), admin=True):
                removed = store.prune(datetime.combine(clock.today() - timedelta(days=kept), time(), UTC))
                click.echo(f"{name}: removed {removed} entries older than {kept} days")

    return audit
