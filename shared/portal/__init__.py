"""The portal: the network's front door with the built-in login, token issuer and front page."""
from __future__ import annotations

from pathlib import Path

from shared.config import Config
from shared.identity.db import metadata
from shared.service import ServiceDefinition

from shared.portal import apidoc
from shared.portal.views import api_blueprint, setup, web_blueprint


def _setup(app, runtime) -> None:
    setup(app, runtime)
    apidoc.document(app)


PORTAL = ServiceDefinition(
    name="portal",
    title="Portal",
    description="Login, tokens and the front page of the Sosiaalinen kampus network.",
    metadata=metadata,
    package_dir=Path(__file__).resolve().parent.parent / "identity",
    blueprints=lambda: [web_blueprint(), api_blueprint()],
    setup_app=_setup,
)


def create_app(config: Config | None = None):
    """Create the portal web app (WSGI)."""
    return PORTAL.create_app(config)
