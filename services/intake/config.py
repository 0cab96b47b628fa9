"""Intake's own settings, typed and read once: from the shared Config's extras, else the environment."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from services.intake.domain.gdpr import DEFAULT_RETENTION_DAYS
from services.intake.domain.sensitive import check_switched_off
from shared.config import Config

DEV_PERSON_KEY_SECRET = "dev-person-key-secret-change-me"


@dataclass(frozen=True)
class IntakeSettings:
    """What intake reads besides the shared settings."""

    person_key_secret: str = DEV_PERSON_KEY_SECRET  # the network's key of pseudonymous person keys
    retention_days: int = DEFAULT_RETENTION_DAYS  # days a closed case is kept before anonymising
    production: bool = False
    disabled_need_categories: frozenset[str] = frozenset()  # health-related categories this member switched off

    @classmethod
    def from_config(cls, config: Config, environ: Mapping[str, str] = os.environ) -> IntakeSettings:
        """Settings from config.extra, else $PERSON_KEY_SECRET, $INTAKE_RETENTION_DAYS and
        $INTAKE_DISABLED_NEED_CATEGORIES (e.g. `health,study_difficulties`), else defaults."""
        days = config.extra.get("retention_days") or environ.get("INTAKE_RETENTION_DAYS")
        disabled = config.extra.get("disabled_need_categories")
        if disabled is None:
            disabled = environ.get("INTAKE_DISABLED_NEED_CATEGORIES", "")
        if isinstance(disabled, str):
            disabled = disabled.split(",")
        return cls(person_key_secret=(config.extra.get("person_key_secret") or environ.get("PERSON_KEY_SECRET")
                                      or DEV_PERSON_KEY_SECRET),
                   retention_days=int(days) if days else DEFAULT_RETENTION_DAYS,
                   production=config.production, disabled_need_categories=check_switched_off(disabled))

    def check(self) -> None:
        """Refuse to start in production with the development secret (person keys would be guessable)."""
        if self.production and (self.person_key_secret == DEV_PERSON_KEY_SECRET or len(self.person_key_secret) < 32):
            raise RuntimeError("Refusing to start in production: PERSON_KEY_SECRET must be set to the network's "
                               "random secret of at least 32 characters")


_BUILT: dict[int, tuple[Config, IntakeSettings]] = {}


def settings(config: Config) -> IntakeSettings:
    """The intake settings of a Config, built the first time they are asked for (when the app or process starts)."""
    built = _BUILT.get(id(config))
    if built is None or built[0] is not config:
        built = (config, IntakeSettings.from_config(config))
        _BUILT[id(config)] = built
    return built[1]
