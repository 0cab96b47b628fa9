"""The portal's own settings, read once when its app or command-line runtime is built.

Each comes from `Config.extra` (lower-case keys; a test or the embedding code sets it) or else from the
environment: how the open pages' notification streams are bounded (PUSH_*), the mail server that the
notifications' e-mail and the student invitations go out through (SMTP_*; without SMTP_HOST an invitation's
code is printed by the manager instead), the portal's public address for the links (PORTAL_URL) and how long an
invitation's code holds (INVITATION_DAYS) and where the accessibility statement's feedback goes
(ACCESSIBILITY_CONTACT).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta

from services.portal.domain.invitation import LIFETIME
from shared.config import Config, SmtpSettings


@dataclass(frozen=True)
class PushSettings:
    """Server-sent events through the web process: at most `max_streams` open at once per process (each holds
    one of gunicorn's threads), each closed after `stream_seconds` (the browser reconnects), with a comment
    every `keepalive_seconds` so proxies keep it open, and the database looked at every `poll_seconds` for
    notifications another process stored. A page that finds no free stream polls every `fallback_seconds`."""

    max_streams: int = 2
    stream_seconds: int = 25
    keepalive_seconds: int = 10
    poll_seconds: float = 0.5
    fallback_seconds: int = 20


@dataclass(frozen=True)
class PortalSettings:
    push: PushSettings = field(default_factory=PushSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    smtp_configured: bool = False  # SMTP_HOST given: invitations are e-mailed; otherwise printed
    portal_url: str = "http://localhost:8000/"
    invitation_lifetime: timedelta = LIFETIME
    # Where the accessibility statement asks feedback to be sent (ACCESSIBILITY_CONTACT).
    accessibility_contact: str = "saavutettavuus@sosiaalinenkampus.example"

    # The invitations' view of the mail server: no host when none is configured.
    @property
    def smtp_host(self) -> str | None:
        return self.smtp.host if self.smtp_configured else None

    @property
    def smtp_sender(self) -> str:
        return self.smtp.sender

    @classmethod
    def from_config(cls, config: Config) -> PortalSettings:
        def value(key: str) -> str | None:
            found = config.extra.get(key.lower())
            return str(found) if found is not None else (os.environ.get(key) or None)

        push = PushSettings(max_streams=int(value("PUSH_MAX_STREAMS") or 2),
                            stream_seconds=int(value("PUSH_STREAM_SECONDS") or 25),
                            keepalive_seconds=int(value("PUSH_KEEPALIVE_SECONDS") or 10),
                            poll_seconds=float(value("PUSH_POLL_SECONDS") or 0.5),
                            fallback_seconds=int(value("PUSH_FALLBACK_SECONDS") or 20))
        smtp = SmtpSettings.read(value)
        return cls(push=push, smtp=smtp, smtp_configured=bool(value("SMTP_HOST")),
                   portal_url=value("PORTAL_URL") or config.portal_url or cls.portal_url,
                   invitation_lifetime=timedelta(days=int(value("INVITATION_DAYS") or LIFETIME.days)),
                   accessibility_contact=value("ACCESSIBILITY_CONTACT") or cls.accessibility_contact)


def settings_of(app) -> PortalSettings:
    """The settings of a portal app, built when the app was (services.portal._setup)."""
    return app.extensions["portal_settings"]
