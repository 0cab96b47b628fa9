"""`kampus`: the operators' command line, over the installed services, the portal and the demo content."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from shared.audit.operations import logged
from shared.bus.topology import consumer_name
from shared.config import Config
from shared.embedded import definition as _definition
from shared.events.catalogue import CONSUMERS, SERVICES

service_arg = click.argument("service", type=click.Choice(SERVICES))


@click.group()
def main() -> None:
    """Sosiaalinen kampus operations."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def dev(host: str, port: int) -> None:
    """Run the whole network in one process on SQLite (the embedded default)."""
    from werkzeug.serving import run_simple

    from demo import clients, identity
    from shared import embedded

    network = embedded.build()
    if identity.seed(network.identity):
        click.echo("Seeded the demo network.")
    if clients.seed(network):
        click.echo("Entered the demo clients.")
    network.start()
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(f"Sosiaalinen kampus is running: open http://{shown_host}:{port}/")
    click.echo(f"Demo logins (password '{identity.PASSWORD}'):")
    for username, roles, org in identity.logins():
        click.echo(f"  {username:<12} {roles:<12} {org}")
    from demo.story import story_logins

    students = story_logins()
    if students:
        click.echo(f"  {students[0]}–{students[-1]}  students of the demo story, answering their own surveys")
    for name in network.apps:
        click.echo(f"  {name:<13} http://localhost:{port}/{name}/healthz")
    try:
        run_simple(host, port, network.wsgi, threaded=True, use_reloader=False)
    finally:
        network.shutdown()


@main.command()
@click.argument("services", nargs=-1, type=click.Choice((*SERVICES, "portal")))
def migrate(services: tuple[str, ...]) -> None:
    """Apply database migrations (all services and the portal when none is named)."""
    for name in services or (*SERVICES, "portal"):
        try:  # a setting production refuses, or a database it cannot reach, named without a traceback
            runtime = _definition(name).runtime(Config.from_env(name))
            try:
                runtime.migrate()
            finally:
                runtime.close()
        except RuntimeError as exc:
            raise click.ClickException(f"{name}: {exc}") from exc
        click.echo(f"{name}: migrated")


@main.group("demo")
def demo_group() -> None:
    """The demo network."""


@demo_group.command("seed")
def demo_seed() -> None:
    """Create the demo organisations and users (password 'demo') unless they exist."""
    config = Config.from_env("portal")
    if config.production:
        raise click.UsageError("The demo network cannot be seeded in production")
    from demo import identity
    from services.portal.cli import identity_store

    created = identity.seed(identity_store())
    click.echo("seeded the demo network" if created else "the demo network exists already")


@main.command()
@service_arg
def relay(service: str) -> None:
    """Relay a service's outbox to RabbitMQ."""
    from shared.service import run_relay

    run_relay(_definition(service))


@main.command()
@click.argument("service", type=click.Choice(CONSUMERS))
def consume(service: str) -> None:
    """Consume a service's (or the portal's: people's notifications) events from RabbitMQ."""
    from shared.service import run_consumer

    run_consumer(_definition(service))


@main.group("dead-letters")
def dead_letters() -> None:
    """See and replay events that kept failing (on RabbitMQ as the organisation's operator, AMQP_OPERATOR_URL)."""


def _operator_url(config: Config) -> str:
    """The operator's AMQP URL (`<organisation>.operator`), which may read dead letters and replay them."""
    import os

    return os.environ.get("AMQP_OPERATOR_URL") or config.amqp_url


@contextmanager
def _as_operator(config: Config, action: str):
    """Name the operator's user when RabbitMQ refuses what only `<organisation>.operator` may do."""
    import pika.exceptions

    try:
        yield
    except (pika.exceptions.ChannelClosedByBroker, pika.exceptions.ProbableAccessDeniedError) as exc:
        raise click.ClickException(
            f"RabbitMQ refused the {action} ({exc}): run it as the organisation's operator, "
            f"AMQP_OPERATOR_URL=amqp://{config.organisation}.operator:…") from exc


def _dead_line(item: dict) -> str:
    if "reason" in item:  # RabbitMQ: the broker's record; the error is in the consumer's log
        return (f"{item['event_id']}  {item['type']}  {item['reason']}  from {item['sender']}  "
                f"at {item['dead_lettered_at']}")
    return f"{item['event_id']}  {item['type']}  attempts={item['attempts']}  {item.get('error') or ''}"


@dead_letters.command("list")
@service_arg
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@logged("dead_letters")
def dead_letters_list(service: str, as_json: bool) -> None:
    """List a service's dead-lettered events (nothing is removed)."""
    config = Config.from_env(service)
    if config.amqp_url:
        from shared.bus.deadletters import list_dead

        with _as_operator(config, "listing"):
            items = list_dead(_operator_url(config), consumer_name(config.organisation, service))
    else:
        from shared.bus.inprocess import list_dead

        runtime = _definition(service).runtime(config)
        items = list_dead(runtime)
    for item in items:
        if as_json:
            click.echo(json.dumps(item, default=str))
        else:
            click.echo(_dead_line(item))
    if not as_json:
        click.echo(f"{len(items)} dead-lettered event(s) in {service}")


@dead_letters.command("replay")
@service_arg
@click.option("--event-id", default=None, help="Replay only this event.")
@logged("dead_letters")
def dead_letters_replay(service: str, event_id: str | None) -> None:
    """Send dead-lettered events back to the service's queue."""
    config = Config.from_env(service)
    if config.amqp_url:
        from shared.bus.deadletters import replay

        with _as_operator(config, "replay"):
            count = replay(_operator_url(config), consumer_name(config.organisation, service), event_id)
    else:
        from shared.bus.inprocess import replay_dead

        count = replay_dead(_definition(service).runtime(config), event_id)
    click.echo(f"replayed {count} event(s) to {service}")


@main.group("retention")
def retention_group() -> None:
    """The retention schedule (each controller's `privacy: retention:` in the network file)."""


@retention_group.command("apply")
@service_arg
@click.option("--dry-run", is_flag=True, help="Only count what is past its period; change nothing.")
def retention_apply(service: str, dry_run: bool) -> None:
    """Apply the retention schedule to a service's records, logs and bus tables (run it daily from a timer)."""
    import importlib

    from shared.privacy import retention

    config = Config.from_env(service)
    runtime = _definition(service).runtime(config)
    try:
        runtime.migrate()
        kinds = importlib.import_module(f"services.{service}.handlers.retention").record_types(runtime)
        report = retention.apply(runtime, kinds, dry_run=dry_run)
    finally:
        runtime.close()
    for line in report.lines(dry_run):
        click.echo(line)
    if config.amqp_url:
        _expire_dead_letters(config, service, dry_run)


def _expire_dead_letters(config: Config, service: str, dry_run: bool) -> None:
    """RabbitMQ's dead-letter queue of the service, by the dead_letters rule (as the organisation's operator)."""
    from shared.bus.deadletters import expire
    from shared.events.envelope import utcnow
    from shared.privacy.register import for_organisation
    from shared.privacy.retention import cutoff_of

    rule = for_organisation(config, config.organisation).retention("dead_letters")
    with _as_operator(config, "expiry of dead letters"):
        found, dropped = expire(_operator_url(config), consumer_name(config.organisation, service),
                                cutoff_of(rule, utcnow()), dry_run=dry_run)
    click.echo(f"dead_letters on RabbitMQ ({config.organisation}): {found} past {rule.days} days, "
               f"{'would drop' if dry_run else 'dropped'} {found if dry_run else dropped}")


@main.command()
@click.option("--check", is_flag=True, help="Fail if the checked-in document differs.")
@click.option("--output", default="docs/asyncapi.json", show_default=True, type=click.Path(path_type=Path))
def asyncapi(check: bool, output: Path) -> None:
    """Write (or check) the AsyncAPI document of the network's events."""
    from shared.events.asyncapi import render

    text = render()
    if check:
        if not output.exists() or output.read_text(encoding="utf-8") != text:
            click.echo(f"{output} is out of date: run `kampus asyncapi`", err=True)
            sys.exit(1)
        click.echo(f"{output} is up to date")
        return
    output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}")


def load_network(path: str | None):
    """The network file given, else KAMPUS_NETWORK_FILE, else deploy/network.yaml."""
    import os

    from shared.network import NETWORK_FILE_ENV, NetworkFileError, load

    path = path or os.environ.get(NETWORK_FILE_ENV) or "deploy/network.yaml"
    try:
        return load(path)
    except NetworkFileError as exc:
        raise click.UsageError(f"{path}: {exc}") from exc


network_option = click.option("--network", "network_file", default=None, type=click.Path(dir_okay=False),
                              help="The network file (default: KAMPUS_NETWORK_FILE, else deploy/network.yaml).")


@main.group("network")
def network_group() -> None:
    """The network file: organisations, what each hosts and where."""


@network_group.command("check")
@network_option
def network_check(network_file: str | None) -> None:
    """Check a network file and show what runs where."""
    from shared.bus import topology
    from shared.bus.definitions import operator_name

    network = load_network(network_file)
    for org in network.organisations.values():
        hosts = ", ".join(f"{s} {h.url}" for s, h in org.hosts.items()) or "-"
        click.echo(f"{org.slug:<20} {'member' if org.member else '':<7} {org.name}: {hosts}")
    click.echo(f"vhost {network.vhost}; AMQP users:")
    publishers = {topology.consumer_name(org, service) for org, service in network.instances()}
    consumers = network.consumers()  # the users `kampus rabbitmq definitions` creates, the portal's too
    for consumer in consumers:
        click.echo(f"  {consumer}" + ("" if consumer in publishers else " (consumes only)"))
    for org in sorted({topology.organisation_of(c) for c in consumers}):
        click.echo(f"  {operator_name(org)} (replays {org}'s dead letters)")
    roles = network.roles
    for warning in network_warnings(network):
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"privacy: joint controllers {', '.join(roles.joint_controllers) or '-'}; contact point "
               f"{roles.contact_point or '-'}; processors "
               + (", ".join(f"{o} ({', '.join(s)})" for o, s in roles.processors.items()) or "-"))


def network_warnings(network) -> list[str]:
    """What a valid network file leaves to defaults that seldom fit a newly added member."""
    warnings = []
    for org in network.organisations.values():
        if not org.member:
            continue
        if network.roles.joint_controllers and org.slug not in network.roles.joint_controllers:
            warnings.append(f"{org.slug} is a member but not among privacy.joint_controllers of the network's "
                            f"shared services (docs/privacy.md)")
        if org.hosts and not org.privacy:
            warnings.append(f"{org.slug} has no privacy: block: its intake takes the default register, which "
                            f"rests guidance and statistics on public_task (a public body's basis); write its "
                            f"own purposes and legal bases (docs/privacy.md)")
    return warnings


@main.group()
def rabbitmq() -> None:
    """RabbitMQ topology, users and permissions of the network."""


@rabbitmq.command("definitions")
@network_option
@click.option("--vhost", default=None, help="The vhost (default: the network file's, else kampus).")
@click.option("--passwords-from-env", is_flag=True,
              help="Take each user's password from AMQP_PASSWORD_<USER> instead of development placeholders.")
@click.option("--secrets-file", default=None, type=click.Path(dir_okay=False),
              help="Take each user's password from AMQP_PASSWORD_<USER>=... lines of this file (e.g. .env).")
def rabbitmq_definitions(network_file: str | None, vhost: str | None, passwords_from_env: bool,
                         secrets_file: str | None) -> None:
    """Print RabbitMQ definitions (vhost, users, permissions, exchanges, queues, policies) as JSON."""
    import os

    from shared.bus.definitions import definitions, passwords_from, read_secrets_file

    if passwords_from_env and secrets_file:
        raise click.UsageError("give --passwords-from-env or --secrets-file, not both")
    network = load_network(network_file)
    try:
        password = (passwords_from(os.environ) if passwords_from_env
                    else passwords_from(read_secrets_file(secrets_file)) if secrets_file else None)
        doc = definitions(network, vhost=vhost, password=password)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(json.dumps(doc, indent=2, sort_keys=True))


@rabbitmq.command("declare")
@network_option
@click.option("--url", default=None, help="An administrator's AMQP URL (default: AMQP_ADMIN_URL).")
def rabbitmq_declare(network_file: str | None, url: str | None) -> None:
    """Declare the network's exchanges, queues and bindings, once, as an administrator.

    Users, permissions and the queues' limits (policies) come with the definitions only.
    """
    import os

    import pika

    from shared.bus import topology
    from shared.bus.amqp import parameters

    network = load_network(network_file)
    url = url or os.environ.get("AMQP_ADMIN_URL")
    if not url:
        raise click.UsageError("give --url or AMQP_ADMIN_URL: an administrator's AMQP URL of the network's vhost")
    connection = pika.BlockingConnection(parameters(url, "kampus-declare"))
    try:
        topology.declare_network(connection.channel(), network.consumers())
    finally:
        connection.close()
    click.echo(f"declared {len(network.consumers())} consumers' queues; import the definitions for the users, "
               "permissions and queue limits")


@main.group()
def postgres() -> None:
    """PostgreSQL set-up of the network."""


@postgres.command("init-sql")
@network_option
@click.option("--organisation", default=None, help="Only the databases this organisation hosts.")
def postgres_init_sql(network_file: str | None, organisation: str | None) -> None:
    """Print the psql script that creates a database and role for every running service."""
    from shared.postgres_setup import init_sql

    network = load_network(network_file)
    if organisation is not None and organisation not in network.organisations:
        raise click.BadParameter(f"{organisation!r} is not in the network file", param_hint="--organisation")
    try:
        click.echo(init_sql(network, organisation), nl=False)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def _add_service_commands() -> None:
    """A service may bring its own commands: `services/<name>/cli.py` exposing a click group `cli`.

    The portal's, the organisations and users of its identity store, are top-level (`kampus orgs`, `kampus users`).
    """
    import importlib
    import importlib.util

    from services.portal import cli as portal
    from shared.audit import cli as audit_cli

    for name in SERVICES:
        if importlib.util.find_spec(f"services.{name}.cli") is not None:
            main.add_command(importlib.import_module(f"services.{name}.cli").cli, name=name)
    main.add_command(portal.orgs)
    main.add_command(portal.users)
    main.add_command(portal.privacy)
    main.add_command(portal.signing_keys)
    main.add_command(portal.notifications)
    main.add_command(audit_cli.build(portal.user_names))


_add_service_commands()

if __name__ == "__main__":
    main()
