"""What the portal's pages and API take from the app they run in: the identity store, token settings, caller."""
from __future__ import annotations

from dataclasses import replace

from flask import current_app, request

from services.portal.handlers.identity import IdentityStore
from services.portal.handlers.totp import TotpStore
from shared.auth.tokens import TokenSettings


def store() -> IdentityStore:
    return current_app.extensions["kampus_identity"]


def audit_log(action: str, purpose: str, objects=()) -> None:
    """Log an administrator's read or change of user accounts to the portal's audit store."""
    from shared.audit import log
    from shared.auth.principal import current_principal

    log(current_app.extensions["kampus"].audit, current_principal(), action, "user_account", purpose,
        objects=objects)


def token_settings() -> TokenSettings:
    """The settings tokens are issued with here: with the issuer's active key when it signs with its own."""
    settings = current_app.extensions["kampus"].config.token_settings
    keys = current_app.extensions.get("kampus_signing_keys")
    return replace(settings, signer=keys.active) if keys is not None else settings


def totp_store() -> TotpStore:
    return current_app.extensions["kampus_totp"]


def mfa_required_roles() -> tuple[str, ...]:
    return current_app.extensions["kampus"].config.mfa_required_roles


def address() -> str:
    """The caller's address, which failed logins are counted per."""
    return request.remote_addr or "unknown"


def runtime():
    """The portal's runtime: its database, units of work and audit store."""
    return current_app.extensions["kampus"]


def portal_settings():
    """The portal's own settings (services.portal.config), built with the app."""
    return current_app.extensions["portal_settings"]


def invitations():
    """Invitations of clients to the service, on the identity store."""
    from services.portal.handlers.invitations import Invitations

    return Invitations(store(), settings().invitation_lifetime)


def settings():
    from services.portal.config import settings_of

    return settings_of(current_app)


def audit_account(action: str, user_id: str | None, client_id: str, organisation: str | None) -> None:
    """Log a manager's invitation, new code or disabling of a client's login to the portal's audit store."""
    from shared.audit import log
    from shared.auth.principal import current_principal

    log(current_app.extensions["kampus"].audit, current_principal(), action, "user_account", "guidance",
        subjects=[client_id], objects=[user_id] if user_id else [], organisation=organisation)


def external_claims() -> dict | None:
    """The claims of the signed-in student's external token (their organisation's login) while it is linked to no
    login here; None otherwise (no external token, not a student's, or linked already: the principal is then the
    linked login's). The invitation's code links such an identity instead of setting a password."""
    from flask import g

    from shared.auth.principal import current_principal

    claims = g.get("external_claims")
    principal = current_principal()
    if claims is None or not principal.has("student") or principal.user_id != str(claims.get("sub")):
        return None
    return claims


def external_logins():
    """The links of external identities to student logins (services.portal.handlers.external_logins)."""
    return current_app.extensions["kampus_external_logins"]
