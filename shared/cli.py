"""`kampus`: the operators' command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from shared.bus.topology import consumer_name
from shared.auth.principal import ORGANISATION_KINDS, ROLES
from shared.config import Config
from shared.events.catalogue import SERVICES

service_arg = click.argument("service", type=click.Choice(SERVICES))


def _definition(name: str):
    from shared.embedded import definition

    return definition(name)


@click.group()
def main() -> None:
    """Sosiaalinen kampus operations."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def dev(host: str, port: int) -> None:
    """Run the whole network in one process on SQLite (the embedded default)."""
    from werkzeug.serving import run_simple

    from shared import embedded

    network = embedded.build()
    from shared.identity import demo

    if demo.seed(network.identity):
        click.echo("Seeded the demo network.")
    from shared import demo_data

    if demo_data.seed(network):
        click.echo("Entered the demo clients.")
    network.start()
    click.echo(f"Sosiaalinen kampus is running: open http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}/")
    click.echo(f"Demo logins (password '{demo.PASSWORD}'):")
    for username, roles, org in demo.logins():
        click.echo(f"  {username:<12} {roles:<12} {org}")
    from shared.demo_story import story_logins

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
        runtime = _definition(name).runtime(Config.from_env(name))
        runtime.migrate()
        runtime.close()
        click.echo(f"{name}: migrated")


def _identity():
    from shared.identity.store import IdentityStore, LoginLimits
    from shared.portal import PORTAL

    config = Config.from_env("portal")
    runtime = PORTAL.runtime(config)
    runtime.migrate()
    return IdentityStore(runtime.db, pepper=config.secret_key, limits=LoginLimits(
        per_account=config.login_failures_per_account, per_address=config.login_failures_per_address))


@main.group()
def orgs() -> None:
    """Organisations of the network."""


@orgs.command("create")
@click.argument("slug")
@click.option("--name", required=True)
@click.option("--kind", required=True, type=click.Choice(ORGANISATION_KINDS))
@click.option("--member", is_flag=True, help="A member organisation (has service managers).")
def orgs_create(slug: str, name: str, kind: str, member: bool) -> None:
    """Create an organisation."""
    from shared.identity.store import IdentityError

    try:
        _identity().create_organisation(slug, name, kind, member)
    except IdentityError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.field) from exc
    click.echo(f"created organisation {slug}")


@orgs.command("list")
def orgs_list() -> None:
    """List organisations."""
    for org in _identity().list_organisations():
        click.echo(f"{org['slug']:<24} {org['kind']:<26} {'member' if org['member'] else '':<7} {org['name']}")


@main.group()
def users() -> None:
    """Users of the built-in login."""


@users.command("create")
@click.argument("username")
@click.option("--org", "organisation", required=True)
@click.option("--roles", required=True, help=f"Comma-separated: {', '.join(ROLES)}")
@click.option("--name", "display_name", required=True)
@click.option("--email", default=None)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def users_create(username, organisation, roles, display_name, email, password) -> None:
    """Create a user (the password is asked for, never shown)."""
    from shared.identity.store import IdentityError

    try:
        _identity().create_user(username, password, display_name=display_name, organisation=organisation,
                                roles=[r.strip() for r in roles.split(",") if r.strip()], email=email)
    except IdentityError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.field) from exc
    click.echo(f"created user {username}")


@users.command("reset-password")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def users_reset_password(username: str, password: str) -> None:
    """Set a new password for a user (their tokens stop working: signed out everywhere)."""
    from shared.identity.store import IdentityError

    try:
        _identity().set_password(username, password)
    except IdentityError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.field) from exc
    click.echo(f"password of {username} reset; signed out everywhere")


def _set_active(username: str, active: bool) -> None:
    from shared.identity.store import IdentityError

    try:
        _identity().set_active(username, active)
    except IdentityError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.field) from exc


@users.command("deactivate")
@click.argument("username")
def users_deactivate(username: str) -> None:
    """Deactivate a user: no more logins, and every token stops working at once."""
    _set_active(username, False)
    click.echo(f"deactivated {username}; signed out everywhere")


@users.command("activate")
@click.argument("username")
def users_activate(username: str) -> None:
    """Let a deactivated user log in again."""
    _set_active(username, True)
    click.echo(f"activated {username}")


@users.command("sign-out")
@click.argument("username")
def users_sign_out(username: str) -> None:
    """Withdraw every token of a user (e.g. a lost phone); their password stays."""
    identity = _identity()
    user = identity.get(username)
    if user is None:
        raise click.BadParameter("No such user", param_hint="username")
    identity.revoke_tokens(user.id)
    click.echo(f"signed {user.username} out everywhere")


@users.command("list")
def users_list() -> None:
    """List users (no passwords)."""
    for user in _identity().list_users():
        click.echo(f"{user.username:<16} {','.join(user.roles):<20} {user.organisation:<20} "
                   f"{'' if user.active else 'deactivated':<12}{'demo' if user.demo else ''}".rstrip())


@main.group()
def demo() -> None:
    """The demo network."""


@demo.command("seed")
def demo_seed() -> None:
    """Create the demo organisations and users (password 'demo') unless they exist."""
    from shared.identity import demo as demo_network

    config = Config.from_env("portal")
    if config.production:
        raise click.UsageError("The demo network cannot be seeded in production")
    created = demo_network.seed(_identity())
    click.echo("seeded the demo network" if created else "the demo network exists already")


@main.command()
@service_arg
def relay(service: str) -> None:
    """Relay a service's outbox to RabbitMQ."""
    from shared.service import run_relay

    run_relay(_definition(service))


@main.command()
@service_arg
def consume(service: str) -> None:
    """Consume a service's events from RabbitMQ."""
    from shared.service import run_consumer

    run_consumer(_definition(service))


@main.group("dead-letters")
def dead_letters() -> None:
    """See and replay events that kept failing."""


@dead_letters.command("list")
@service_arg
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def dead_letters_list(service: str, as_json: bool) -> None:
    """List a service's dead-lettered events (nothing is removed)."""
    config = Config.from_env(service)
    if config.amqp_url:
        from shared.bus.deadletters import list_dead

        items = list_dead(config.amqp_url, consumer_name(config.organisation, service))
    else:
        from shared.bus.inprocess import list_dead

        runtime = _definition(service).runtime(config)
        items = list_dead(runtime)
    for item in items:
        if as_json:
            click.echo(json.dumps(item, default=str))
        else:
            click.echo(f"{item['event_id']}  {item['type']}  attempts={item['attempts']}  {item.get('error') or ''}")
    if not as_json:
        click.echo(f"{len(items)} dead-lettered event(s) in {service}")


@dead_letters.command("replay")
@service_arg
@click.option("--event-id", default=None, help="Replay only this event.")
def dead_letters_replay(service: str, event_id: str | None) -> None:
    """Send dead-lettered events back to the service's queue."""
    config = Config.from_env(service)
    if config.amqp_url:
        from shared.bus.deadletters import replay

        count = replay(config.amqp_url, consumer_name(config.organisation, service), event_id)
    else:
        from shared.bus.inprocess import replay_dead

        count = replay_dead(_definition(service).runtime(config), event_id)
    click.echo(f"replayed {count} event(s) to {service}")


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


@main.group()
def rabbitmq() -> None:
    """RabbitMQ topology."""


@rabbitmq.command("definitions")
@click.option("--organisations", default="verkosto,sataedu,samk,prizztech,sakky,winnova", show_default=True,
              help="Comma-separated organisation slugs that get an AMQP user each.")
@click.option("--passwords-from-env", is_flag=True,
              help="Take each user's password from AMQP_PASSWORD_<USER> instead of development placeholders.")
def rabbitmq_definitions(organisations: str, passwords_from_env: bool) -> None:
    """Print RabbitMQ definitions (users, vhost, permissions, exchanges, queues) as JSON."""
    from shared.bus.definitions import definitions

    orgs = [o.strip() for o in organisations.split(",") if o.strip()]
    try:
        doc = definitions(orgs, passwords_from_env=passwords_from_env)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(json.dumps(doc, indent=2, sort_keys=True))


@rabbitmq.command("declare")
def rabbitmq_declare() -> None:
    """Declare exchanges, queues and bindings of the whole network on AMQP_URL."""
    import pika

    from shared.bus import topology
    from shared.bus.amqp import parameters
    from shared.events.catalogue import network_consumers, subscriptions

    config = Config.from_env("intake")
    if not config.amqp_url:
        raise click.UsageError("AMQP_URL is not set")
    connection = pika.BlockingConnection(parameters(config.amqp_url, "kampus-declare"))
    try:
        topology.declare_network(connection.channel(), network_consumers(subscriptions(), [config.organisation]),
                                 config.retry_delays)
    finally:
        connection.close()
    click.echo("declared")


def _add_service_commands() -> None:
    """A service may bring its own commands: `services/<name>/cli.py` exposing a click group `cli`."""
    import importlib
    import importlib.util

    for name in SERVICES:
        if importlib.util.find_spec(f"services.{name}.cli") is not None:
            main.add_command(importlib.import_module(f"services.{name}.cli").cli, name=name)


_add_service_commands()

if __name__ == "__main__":
    main()
