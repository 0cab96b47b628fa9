"""Matching's own settings, read once when its app or command-line runtime is built.

Each comes from `Config.extra` (a test or the embedding code sets it) or else from the environment:
the digest's mail server (SMTP_*), the base of the digest's links (MATCHING_URL, else the portal's
/matching), intake's API when no network file names it (INTAKE_API_URL) and the days after which an
introduction without the partner's feedback is reminded (FEEDBACK_REMINDER_DAYS, 14).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from shared.config import Config, SmtpSettings


@dataclass(frozen=True)
class MatchingSettings:
    """The settings only matching reads."""

    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    matching_url: str = "/matching"
    intake_api_url: str | None = None
    feedback_reminder_days: int = 14  # an introduction without the partner's feedback is reminded after this

    @property
    def suggestions_url(self) -> str:
        """The managers' suggestion list, as the digest links to it."""
        return self.matching_url.rstrip("/") + "/suggestions"

    @classmethod
    def from_config(cls, config: Config) -> MatchingSettings:
        """The settings of a process: Config.extra's (lower-case keys) first, then the environment's."""

        def value(key: str) -> str | None:
            return config.extra.get(key.lower()) or os.environ.get(key) or None

        smtp = SmtpSettings.read(value)
        matching_url = value("MATCHING_URL") or (config.portal_url or "/").rstrip("/") + "/matching"
        return cls(smtp=smtp, matching_url=matching_url, intake_api_url=value("INTAKE_API_URL"),
                   feedback_reminder_days=int(value("FEEDBACK_REMINDER_DAYS") or 14))


def settings_of(app) -> MatchingSettings:
    """The settings of a matching app, built when the app was (services.matching._setup)."""
    return app.extensions["matching_settings"]
