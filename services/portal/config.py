"""The portal's own settings, read once when its app or command-line runtime is built.

Each comes from `Config.extra` (a test or the embedding code sets it) or else from the environment: the mail
server that invitations go out through (SMTP_*; without SMTP_HOST the manager prints the code instead), the
portal's public address for the invitation link (PORTAL_URL) and how long a code holds (INVITATION_DAYS).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

from services.portal.domain.invitation import LIFETIME
from shared.config import Config


@dataclass(frozen=True)
class PortalSettings:
    """The settings only the portal reads."""

    smtp_host: str | None = None  # None: invitations are printed, not e-mailed
    smtp_port: int = 25
    smtp_sender: str = "kampus@localhost"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    portal_url: str = "/"
    invitation_lifetime: timedelta = LIFETIME

    @classmethod
    def from_config(cls, config: Config) -> PortalSettings:
        """The settings of a process: Config.extra's (lower-case keys) first, then the environment's."""

        def value(key: str) -> str | None:
            return config.extra.get(key.lower()) or os.environ.get(key) or None

        return cls(smtp_host=value("SMTP_HOST"), smtp_port=int(value("SMTP_PORT") or 25),
                   smtp_sender=value("SMTP_FROM") or "kampus@localhost", smtp_user=value("SMTP_USER"),
                   smtp_password=value("SMTP_PASSWORD"),
                   smtp_starttls=str(value("SMTP_STARTTLS") or "0").lower() in ("1", "true", "yes"),
                   portal_url=config.portal_url or "/",
                   invitation_lifetime=timedelta(days=int(value("INVITATION_DAYS") or LIFETIME.days)))


def settings_of(app) -> PortalSettings:
    """The settings of a portal app, built when the app was (services.portal._setup)."""
    return app.extensions["portal_settings"]
