"""The portal: the network's front door, with the built-in login, the identity store and token issuer,
and the front page."""
from __future__ import annotations

from pathlib import Path

from flask_babel import lazy_gettext as _l

from services.portal.db import metadata
from shared.auth.revocation import StoreCheck
from shared.config import Config
from shared.service import ServiceDefinition
from shared.web.navigation import NavEntry


def _setup(app, runtime) -> None:
    """Attach the identity store, which also tells whether a token holds; refuse demo users in production."""
    from services.portal.api import schemas
    from services.portal.handlers.identity import for_config

    config = runtime.config
    identity = for_config(runtime.db, config)
    app.extensions["kampus_identity"] = identity
    if not config.oidc_jwks_url:
        app.extensions["kampus_token_check"] = StoreCheck(identity)
    if config.production and identity.has_demo_users():
        raise RuntimeError("Refusing to start in production: the identity store holds demo users")
    schemas.document(app)


def _blueprints() -> list:
    """The pages, and the token endpoints (plain Flask routes, documented by api/schemas.py)."""
    from services.portal.api import tokens
    from services.portal.web import pages

    return [pages.web_blueprint(), tokens.api_blueprint()]


def _commands() -> list:
    """The identity store's commands, and those the pages, the API and `kampus` share."""
    from services.portal.handlers import accounts, identity

    return [accounts, identity]


SERVICE = ServiceDefinition(
    name="portal",
    title="Portal",
    description="Login, tokens and the front page of the Sosiaalinen kampus network.",
    navigation=(
        NavEntry("front", _l("Front page"), "/", order=10, exact=True,
                 description=_l("What you can do in the network.")),
        NavEntry("users", _l("Users"), "/admin/users", roles=("admin",), order=180,
                 description=_l("Organisations, users and their roles.")),
    ),
    metadata=metadata,
    package_dir=Path(__file__).parent,
    blueprints=_blueprints,
    commands=_commands,
    setup_app=_setup,
)


def create_app(config: Config | None = None):
    """Create the portal web app (WSGI)."""
    return SERVICE.create_app(config)
