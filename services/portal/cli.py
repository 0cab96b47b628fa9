"""`kampus orgs` and `kampus users`: the organisations and users of the portal's identity store."""
from __future__ import annotations

import click

from services.portal.domain.identity import IdentityError
from services.portal.handlers.identity import IdentityStore, for_config
from shared.audit.operations import logged
from shared.auth.principal import ORGANISATION_KINDS, ROLES
from shared.config import Config


def identity_store() -> IdentityStore:
    """The identity store of the settings in the environment, its schema migrated first."""
    from services.portal import SERVICE

    config = Config.from_env("portal")
    runtime = SERVICE.runtime(config)
    runtime.migrate()
    return for_config(runtime.db, config)


def user_names():
    """A function naming a user id with the user's display name (the id itself when unknown): for log reviews."""
    store = identity_store()

    def name_of(user_id: str) -> str:
        user = store.get_by_id(user_id)
        return user.display_name if user is not None else user_id

    return name_of


def _refused(exc: IdentityError) -> click.BadParameter:
    return click.BadParameter(str(exc), param_hint=exc.field)


@click.group()
def orgs() -> None:
    """Organisations of the network."""


@orgs.command("create")
@click.argument("slug")
@click.option("--name", required=True)
@click.option("--kind", required=True, type=click.Choice(ORGANISATION_KINDS))
@click.option("--member", is_flag=True, help="A member organisation (has service managers).")
def orgs_create(slug: str, name: str, kind: str, member: bool) -> None:
    """Create an organisation."""
    try:
        identity_store().create_organisation(slug, name, kind, member)
    except IdentityError as exc:
        raise _refused(exc) from exc
    click.echo(f"created organisation {slug}")


@orgs.command("sync")
@click.option("--network", "network_path", default=None, type=click.Path(dir_okay=False),
              help="The network file (default: KAMPUS_NETWORK_FILE, else deploy/network.yaml).")
def orgs_sync(network_path: str | None) -> None:
    """Create the network file's organisations that the identity store does not hold yet."""
    from services.cli import load_network

    network = load_network(network_path)
    store = identity_store()
    for org in network.organisations.values():
        if store.organisation(org.slug) is None:
            store.create_organisation(org.slug, org.name, org.kind, org.member)
            click.echo(f"created organisation {org.slug}")
        else:
            click.echo(f"organisation {org.slug} exists (unchanged)")


@orgs.command("list")
def orgs_list() -> None:
    """List organisations."""
    for org in identity_store().list_organisations():
        click.echo(f"{org['slug']:<24} {org['kind']:<26} {'member' if org['member'] else '':<7} {org['name']}")


@click.group()
def users() -> None:
    """Users of the built-in login."""


@users.command("create")
@click.argument("username")
@click.option("--org", "organisation", required=True)
@click.option("--roles", required=True, help=f"Comma-separated: {', '.join(ROLES)}")
@click.option("--name", "display_name", required=True)
@click.option("--email", default=None)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@logged("user_account", service="portal")
def users_create(username, organisation, roles, display_name, email, password) -> None:
    """Create a user (the password is asked for, never shown)."""
    chosen = [r.strip() for r in roles.split(",") if r.strip()]
    try:
        identity_store().create_user(username, password, display_name=display_name, organisation=organisation,
                                     roles=chosen, email=email)
    except IdentityError as exc:
        raise _refused(exc) from exc
    click.echo(f"created user {username}")
    if "admin" in chosen:
        click.echo(f"note: an administrator manages the users of every organisation of the network "
                   f"(/admin/users), not only {organisation}'s", err=True)


@users.command("reset-password")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@logged("user_account", service="portal")
def users_reset_password(username: str, password: str) -> None:
    """Set a new password for a user (their tokens stop working: signed out everywhere)."""
    try:
        identity_store().set_password(username, password)
    except IdentityError as exc:
        raise _refused(exc) from exc
    click.echo(f"password of {username} reset; signed out everywhere")


def _set_active(username: str, active: bool) -> None:
    try:
        identity_store().set_active(username, active)
    except IdentityError as exc:
        raise _refused(exc) from exc


@users.command("deactivate")
@click.argument("username")
@logged("user_account", service="portal")
def users_deactivate(username: str) -> None:
    """Deactivate a user: no more logins, and every token stops working at once."""
    _set_active(username, False)
    click.echo(f"deactivated {username}; signed out everywhere")


@users.command("activate")
@click.argument("username")
@logged("user_account", service="portal")
def users_activate(username: str) -> None:
    """Let a deactivated user log in again."""
    _set_active(username, True)
    click.echo(f"activated {username}")


@users.command("sign-out")
@click.argument("username")
@logged("user_account", service="portal")
def users_sign_out(username: str) -> None:
    """Withdraw every token of a user (e.g. a lost phone); their password stays."""
    identity = identity_store()
    user = identity.get(username)
    if user is None:
        raise click.BadParameter("No such user", param_hint="username")
    identity.revoke_tokens(user.id)
    click.echo(f"signed {user.username} out everywhere")


@users.command("list")
@logged("user_account", service="portal")
def users_list() -> None:
    """List users (no passwords)."""
    for user in identity_store().list_users():
        click.echo(f"{user.username:<16} {','.join(user.roles):<20} {user.organisation:<20} "
                   f"{'' if user.active else 'deactivated':<12}{'demo' if user.demo else ''}".rstrip())


@click.group()
def privacy() -> None:
    """Privacy: the record of processing activities of each controller."""


@privacy.command("record")
@click.option("--organisation", required=True, help="The controller (an organisation's slug).")
@click.option("--format", "form", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--network", "network_path", default=None, type=click.Path(dir_okay=False),
              help="The network file (default: KAMPUS_NETWORK_FILE, else deploy/network.yaml).")
def privacy_record(organisation: str, form: str, network_path: str | None) -> None:
    """Write the record of processing activities (GDPR art. 30) of a controller, with the DPIA's inputs."""
    import json

    from services.cli import load_network
    from services.portal.domain.record import markdown
    from services.portal.handlers.privacy import record_of
    from shared.errors import NotFound

    try:
        data = record_of(load_network(network_path), organisation)
    except NotFound as exc:
        raise click.BadParameter(f"{organisation!r} is not a controller of the network",
                                 param_hint="--organisation") from exc
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if form == "json" else markdown(data))


@click.group("signing-keys")
def signing_keys() -> None:
    """The portal's own signing keys (JWT_SIGNING=eddsa), published at /.well-known/jwks.json."""


def _key_store():
    from services.portal import SERVICE
    from services.portal.handlers.signing_keys import SigningKeyStore

    config = Config.from_env("portal")
    runtime = SERVICE.runtime(config)
    runtime.migrate()
    return SigningKeyStore(runtime.db)


@signing_keys.command("rotate")
def signing_keys_rotate() -> None:
    """Sign with a new key from now on; the previous one stays published until the next rotation, so the
    tokens it signed hold until they expire (rotate again no sooner than a token lifetime later)."""
    key = _key_store().rotate()
    click.echo(f"new signing key {key.kid}; the previous one stays published, older ones are retired")


@signing_keys.command("list")
def signing_keys_list() -> None:
    """The published keys' ids, newest (the signing one) first."""
    for key in _key_store().published():
        click.echo(key.kid)


@users.command("reset-totp")
@click.argument("username")
def users_reset_totp(username: str) -> None:
    """Remove a user's one-time password (a lost phone): they are signed out and set up a new one at the
    next login where their role requires it."""
    from services.portal.handlers import totp

    identity = identity_store()
    user = identity.get(username)
    if user is None:
        raise click.BadParameter("No such user", param_hint="username")
    totp.for_config(identity.db, Config.from_env("portal")).reset(user.id)
    identity.revoke_tokens(user.id)
    click.echo(f"one-time password of {user.username} removed; signed out everywhere")


@click.group()
def notifications() -> None:
    """People's notifications: e-mail about new ones, as each user prefers."""


@notifications.command("mail")
@click.option("--digest", is_flag=True, help="The daily digest (run once a day); without it, the users who want "
                                             "e-mail at once (run every few minutes).")
def notifications_mail(digest: bool) -> None:
    """E-mail each user who wants it how many new notifications they have, with a link (SMTP_* settings)."""
    from services.portal import SERVICE
    from services.portal.config import PortalSettings
    from services.portal.handlers.mail import send

    runtime = SERVICE.runtime(Config.from_env("portal"))
    try:
        runtime.migrate()
        sent = send(runtime, PortalSettings.from_config(runtime.config), digest=digest)
    finally:
        runtime.close()
    click.echo(f"{len(sent)} messages sent")


@users.command("invite")
@click.argument("client_id", type=click.UUID)
@click.option("--org", "organisation", required=True, help="The client's organisation (its intake holds the record).")
@click.option("--name", "display_name", default=None, help="The client's name (required for a new invitation).")
@click.option("--email", default=None, help="Send the one-time link here (when SMTP_HOST is set); else print the code.")
@click.option("--username", default=None, help="The login's username (default: the e-mail, else from the name).")
@click.option("--resend", is_flag=True, help="A new code for a login not yet taken into use (the old one stops).")
@logged("user_account", service="portal", purpose="guidance")
def users_invite(client_id, organisation: str, display_name: str | None, email: str | None, username: str | None,
                 resend: bool) -> None:
    """Invite a client to the service: a student login linked to their client record, with a one-time code."""
    from services.portal.config import PortalSettings
    from services.portal.handlers.invitations import Invitations
    from shared.auth.principal import Principal

    config = Config.from_env("portal")
    settings = PortalSettings.from_config(config)
    store = identity_store()
    if store.organisation(organisation) is None:
        raise click.BadParameter("No such organisation", param_hint="--org")
    operator = Principal(user_id=None, username="kampus-cli", name="kampus", organisation=organisation,
                         roles=frozenset({"manager"}))
    invitations = Invitations(store, settings.invitation_lifetime)
    try:
        _invite(store, invitations, operator, config, settings, str(client_id), display_name, email, username, resend)
    finally:
        store.db.dispose()


def _invite(store, invitations, operator, config, settings, client_id: str, display_name, email, username,
            resend: bool) -> None:
    """Make the invitation (or a new code) and e-mail its link or print its code."""
    from services.portal.handlers import invitation_mail
    from shared.errors import DomainError

    try:
        if resend:
            invitation = invitations.resend(operator, client_id)
        else:
            if not display_name:
                raise click.BadParameter("Give the client's name", param_hint="--name")
            invitation = invitations.invite(operator, client_id, display_name=display_name, email=email,
                                            username=username)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    user = store.get(invitation.account.username or "")
    name = user.display_name if user else ""
    if invitation_mail.deliver(settings, invitation, name=name, base_url=_public_url(config), locale=None):
        click.echo(f"invited {invitation.account.username}: the one-time link went to the client's e-mail")
        return
    click.echo(f"invited {invitation.account.username}; give the client this one-time code (shown once): "
               f"{invitation.code}, valid until {invitation.account.expires_at:%Y-%m-%d}, at "
               f"{invitation_mail.welcome_link(settings, _public_url(config))}")


def _public_url(config: Config) -> str:
    """The portal's public address for links in messages sent from the command line."""
    return config.portal_url if config.portal_url.startswith(("http://", "https://")) else "http://localhost:8000/"
