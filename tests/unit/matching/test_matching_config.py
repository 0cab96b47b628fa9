"""Matching's own settings: read once from Config.extra, else the environment, else the defaults."""
from __future__ import annotations

import pytest

from services.matching.config import MatchingSettings, SmtpSettings
from shared.config import Config

NAMES = ("SMTP_HOST", "SMTP_PORT", "SMTP_FROM", "SMTP_USER", "SMTP_PASSWORD", "SMTP_STARTTLS", "MATCHING_URL",
         "INTAKE_API_URL")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)


def config(**extra) -> Config:
    return Config(service="matching", database_url="sqlite://", portal_url="https://kampus.example/").with_(**extra)


def test_without_settings_the_digest_goes_through_localhost_and_links_under_the_portal():
    settings = MatchingSettings.from_config(config())
    assert settings.smtp == SmtpSettings("localhost", 25, "kampus@localhost", None, None, False)
    assert settings.suggestions_url == "https://kampus.example/matching/suggestions"
    assert settings.intake_api_url is None


def test_the_environment_gives_the_settings(monkeypatch):
    for name, value in {"SMTP_HOST": "mail.example", "SMTP_PORT": "587", "SMTP_FROM": "kampus@example.fi",
                        "SMTP_USER": "kampus", "SMTP_PASSWORD": "secret", "SMTP_STARTTLS": "yes",
                        "MATCHING_URL": "https://matching.example/", "INTAKE_API_URL": "http://intake:8000/"}.items():
        monkeypatch.setenv(name, value)
    settings = MatchingSettings.from_config(config())
    assert settings.smtp == SmtpSettings("mail.example", 587, "kampus@example.fi", "kampus", "secret", True)
    assert settings.suggestions_url == "https://matching.example/suggestions"
    assert settings.intake_api_url == "http://intake:8000/"


def test_config_extra_wins_over_the_environment_and_is_read_once(monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "from-environment")
    monkeypatch.setenv("SMTP_STARTTLS", "0")
    settings = MatchingSettings.from_config(config(smtp_host="from-config", smtp_starttls="1",
                                                   intake_api_url="http://sataedu-intake/"))
    monkeypatch.setenv("SMTP_HOST", "changed-later")
    assert (settings.smtp.host, settings.smtp.starttls) == ("from-config", True)
    assert settings.intake_api_url == "http://sataedu-intake/"


@pytest.mark.parametrize("flag, on", [("1", True), ("true", True), ("yes", True), ("0", False), ("no", False)])
def test_starttls_is_a_flag(monkeypatch, flag, on):
    monkeypatch.setenv("SMTP_STARTTLS", flag)
    assert MatchingSettings.from_config(config()).smtp.starttls is on


def test_a_matching_app_holds_its_settings(tmp_path, monkeypatch):
    from services.matching import SERVICE
    from services.matching.config import settings_of
    from tests.support.matching import matching_runtime

    monkeypatch.setenv("INTAKE_API_URL", "http://intake.example/")
    runtime = matching_runtime(tmp_path)
    try:
        assert settings_of(SERVICE.app_for(runtime)).intake_api_url == "http://intake.example/"
    finally:
        runtime.close()
