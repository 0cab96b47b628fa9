"""The portal: the network's front door, with the built-in login, the identity store and token issuer,
and the front page."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from services.portal.db import metadata
from shared.auth.revocation import StoreCheck
from shared.service import ServiceDefinition
from shared.web.navigation import NavEntry


def _setup(app, runtime) -> None:
    """Attach the identity store, which also tells whether a token holds, and the issuer's signing keys;
    refuse demo users in production."""
    import threading

    from services.portal.api import schemas
    from services.portal.config import PortalSettings
    from services.portal.handlers import totp
    from services.portal.handlers.identity import for_config

    config = runtime.config
    settings = PortalSettings.from_config(config)
    app.extensions["portal_settings"] = settings
    app.extensions["portal_push_slots"] = threading.BoundedSemaphore(settings.push.max_streams)
    identity = for_config(runtime.db, config)
    app.extensions["kampus_identity"] = identity
    if not app.config.get("KAMPUS_ORGANISATION_NAMES"):  # no network file: the store names them
        app.config["KAMPUS_ORGANISATION_NAMES"] = identity.organisation_names
    app.extensions["kampus_totp"] = totp.for_config(runtime.db, config)
    if not config.token_settings.symmetric and not config.oidc_jwks_url:
        from services.portal.handlers.signing_keys import SigningKeyStore
        from shared.auth import trust
        from shared.auth.tokens import Verifier

        keys = SigningKeyStore(runtime.db)
        app.extensions["kampus_signing_keys"] = keys
        app.extensions["kampus_issuer_keys"] = keys.key_source()
        app.extensions["kampus_verifier"] = Verifier(config.token_settings,
                                                     trust.for_config(config, app.extensions["kampus_issuer_keys"]))
    if not config.oidc_jwks_url:
        app.extensions["kampus_token_check"] = StoreCheck(identity)
    from services.portal.handlers.external_logins import ExternalLogins

    # External student identities: linked to the invited student login on first login (every service asks here).
    app.extensions["kampus_external_logins"] = ExternalLogins(identity, runtime.audit)
    if config.production and identity.has_demo_users():
        raise RuntimeError("Refusing to start in production: the identity store holds demo users")
    schemas.document(app)


SERVICE = ServiceDefinition(
    name="portal",
    package=__name__,
    title="Portal",
    description="Login, tokens and the front page of the Sosiaalinen kampus network.",
    navigation=(
        NavEntry("front", _l("Front page"), "/", order=10, exact=True,
                 description=_l("What you can do in the network.")),
        NavEntry("users", _l("Users"), "/admin/users", roles=("admin",), order=180,
                 description=_l("Organisations, users and their roles.")),
    ),
    metadata=metadata,
    api=("tokens", "student_accounts", "subjects"),  # tokens: plain Flask routes, documented by api/schemas.py
    subscribers=("accounts", "notifications"),
    web=("help", "new_user", "notifications", "pages", "privacy", "welcome"),
    handlers=("accounts", "external_logins", "identity", "invitation_mail", "invitations", "mail", "notification_rules",
              "notifications",
              "privacy", "signing_keys", "subjects", "totp"),
    setup_app=_setup,
)


create_app = SERVICE.create_app  # the WSGI app factory: `gunicorn "services.portal:create_app()"`
