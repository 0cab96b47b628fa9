"""Intake's own settings, typed and read once: from the shared Config's extras, else the environment."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from services.intake.domain.gdpr import DEFAULT_RETENTION_DAYS
from services.intake.domain.minors import AgeRules
from services.intake.domain.sensitive import check_switched_off
from shared.config import Config

DEV_PERSON_KEY_SECRET = "dev-person-key-secret-change-me"
# The basis on which overlap detection may use a client's person key: "consent" (purpose `overlap`), or a legal
# basis the organisation's officer has configured (then every client's key may be compared).
OVERLAP_BASES = ("consent", "public_task", "legal_obligation", "legitimate_interest")


@dataclass(frozen=True)
class IntakeSettings:
    """What intake reads besides the shared settings."""

    person_key_secret: str = DEV_PERSON_KEY_SECRET  # the network's key of pseudonymous person keys
    retention_days: int = DEFAULT_RETENTION_DAYS  # days a closed case is kept before anonymising
    production: bool = False
    age_rules: AgeRules = field(default_factory=AgeRules)  # who may give which consent at which age
    # The legal basis under which a client's contact details go to a partner on the manager's acceptance
    # (e.g. "AmKL 531/2017 § 72"); None: only after the young person's own acceptance.
    contact_disclosure_basis: str | None = None
    person_key_version: int = 1  # raised with each new PERSON_KEY_SECRET (`kampus intake rotate-person-key`)
    overlap_basis: str = "consent"
    disabled_need_categories: frozenset[str] = frozenset()  # health-related categories this member switched off
    desk_quiet_days: int = 30  # the desk lists a client with no recorded contact for this many days

    @classmethod
    def from_config(cls, config: Config, environ: Mapping[str, str] = os.environ) -> IntakeSettings:
        """Settings from config.extra, else $PERSON_KEY_SECRET, $INTAKE_RETENTION_DAYS, $INTAKE_MINIMUM_AGE,
        $INTAKE_GUARDIAN_CONSENT_BELOW, $INTAKE_CONTACT_DISCLOSURE_BASIS, $DESK_QUIET_DAYS and
        $INTAKE_DISABLED_NEED_CATEGORIES
        (e.g. `health,study_difficulties`), else defaults.

        The age rules come as one block, config.extra["minors"] = {"minimum_age": 15, ...}."""
        days = config.extra.get("retention_days") or environ.get("INTAKE_RETENTION_DAYS")
        minors = dict(config.extra.get("minors") or {})
        for key, name in (("minimum_age", "INTAKE_MINIMUM_AGE"), ("guardian_consent_below",
                                                                  "INTAKE_GUARDIAN_CONSENT_BELOW")):
            if key not in minors and environ.get(name):
                minors[key] = int(environ[name])
        basis = config.extra.get("contact_disclosure_basis") or environ.get("INTAKE_CONTACT_DISCLOSURE_BASIS")
        version = config.extra.get("person_key_version") or environ.get("PERSON_KEY_VERSION")
        quiet = config.extra.get("desk_quiet_days") or environ.get("DESK_QUIET_DAYS")
        disabled = config.extra.get("disabled_need_categories")
        if disabled is None:
            disabled = environ.get("INTAKE_DISABLED_NEED_CATEGORIES", "")
        if isinstance(disabled, str):
            disabled = disabled.split(",")
        return cls(person_key_secret=(config.extra.get("person_key_secret") or environ.get("PERSON_KEY_SECRET")
                                      or DEV_PERSON_KEY_SECRET),
                   retention_days=int(days) if days else DEFAULT_RETENTION_DAYS,
                   production=config.production, age_rules=AgeRules.from_mapping(minors),
                   contact_disclosure_basis=(basis or "").strip() or None,
                   person_key_version=int(version) if version else 1,
                   overlap_basis=str(config.extra.get("overlap_basis") or environ.get("INTAKE_OVERLAP_BASIS")
                                     or "consent"),
                   disabled_need_categories=check_switched_off(disabled),
                   desk_quiet_days=int(quiet) if quiet else 30)

    def check(self) -> None:
        """Refuse to start in production with the development secret (person keys would be guessable)."""
        if self.overlap_basis not in OVERLAP_BASES:
            raise RuntimeError(f"Refusing to start: INTAKE_OVERLAP_BASIS must be one of {', '.join(OVERLAP_BASES)}")
        if self.desk_quiet_days < 1:
            raise RuntimeError("Refusing to start: DESK_QUIET_DAYS must be 1 or more")
        if self.person_key_version < 1:
            raise RuntimeError("Refusing to start: PERSON_KEY_VERSION must be 1 or more")
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
