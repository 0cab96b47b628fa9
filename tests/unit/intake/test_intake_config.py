"""Intake's typed settings: from the shared Config's extras, else the environment, else the defaults."""
from __future__ import annotations

import pytest

from services.intake.config import DEV_PERSON_KEY_SECRET, IntakeSettings, settings
from services.intake.domain.gdpr import DEFAULT_RETENTION_DAYS
from shared.config import Config

CONFIG = Config(service="intake", database_url="sqlite://")


def test_the_extras_come_first_then_the_environment_then_the_defaults():
    environ = {"PERSON_KEY_SECRET": "from-env", "INTAKE_RETENTION_DAYS": "30"}
    assert IntakeSettings.from_config(CONFIG, {}) == IntakeSettings(DEV_PERSON_KEY_SECRET, DEFAULT_RETENTION_DAYS)
    assert IntakeSettings.from_config(CONFIG, environ) == IntakeSettings("from-env", 30)
    chosen = CONFIG.with_(person_key_secret="from-config", retention_days="90")
    assert IntakeSettings.from_config(chosen, environ) == IntakeSettings("from-config", 90)


def test_production_refuses_the_development_secret_or_a_short_one():
    production = Config(service="intake", database_url="sqlite://", environment="production")
    with pytest.raises(RuntimeError, match="PERSON_KEY_SECRET"):
        IntakeSettings.from_config(production, {}).check()
    with pytest.raises(RuntimeError, match="PERSON_KEY_SECRET"):
        IntakeSettings.from_config(production, {"PERSON_KEY_SECRET": "s" * 31}).check()
    IntakeSettings.from_config(production, {"PERSON_KEY_SECRET": "s" * 32}).check()
    IntakeSettings.from_config(CONFIG, {}).check()  # development may use the development secret


def test_the_settings_are_read_once_per_config(monkeypatch):
    config = CONFIG.with_(retention_days="7")
    first = settings(config)
    monkeypatch.setenv("PERSON_KEY_SECRET", "changed-later")
    assert settings(config) is first and first.person_key_secret != "changed-later"
    assert settings(CONFIG.with_(retention_days="8")).retention_days == 8


def test_the_age_rules_and_the_disclosure_basis_come_from_a_block_or_the_environment():
    from services.intake.domain.minors import AgeRules

    assert IntakeSettings.from_config(CONFIG, {}).age_rules == AgeRules(12, 15)
    assert IntakeSettings.from_config(CONFIG, {}).contact_disclosure_basis is None
    environ = {"INTAKE_MINIMUM_AGE": "13", "INTAKE_CONTACT_DISCLOSURE_BASIS": "AmKL 531/2017"}
    from_env = IntakeSettings.from_config(CONFIG, environ)
    assert (from_env.age_rules.minimum_age, from_env.contact_disclosure_basis) == (13, "AmKL 531/2017")
    block = CONFIG.with_(minors={"minimum_age": 15, "guardian_consent_below": 16})
    assert IntakeSettings.from_config(block, environ).age_rules == AgeRules(15, 16)


def test_the_person_key_version_and_the_basis_of_overlap_detection():
    assert (IntakeSettings.from_config(CONFIG, {}).person_key_version,
            IntakeSettings.from_config(CONFIG, {}).overlap_basis) == (1, "consent")
    chosen = IntakeSettings.from_config(CONFIG, {"PERSON_KEY_VERSION": "2", "INTAKE_OVERLAP_BASIS": "public_task"})
    assert (chosen.person_key_version, chosen.overlap_basis) == (2, "public_task")
    with pytest.raises(RuntimeError, match="INTAKE_OVERLAP_BASIS"):
        IntakeSettings.from_config(CONFIG, {"INTAKE_OVERLAP_BASIS": "because"}).check()
    with pytest.raises(RuntimeError, match="PERSON_KEY_VERSION"):
        IntakeSettings.from_config(CONFIG, {"PERSON_KEY_VERSION": "0"}).check()
