"""Settings from the environment and the production guard."""
from __future__ import annotations

import pytest

from shared.config import Config


def test_defaults_to_sqlite_file_and_embedded_transport(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "INTAKE_DATABASE_URL", "AMQP_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KAMPUS_DATA_DIR", str(tmp_path))
    config = Config.from_env("intake")
    assert config.database_url == f"sqlite:///{tmp_path / 'intake.sqlite3'}"
    assert config.embedded


def test_service_specific_database_url_wins(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://x/common")
    monkeypatch.setenv("MATCHING_DATABASE_URL", "postgresql://x/matching")
    monkeypatch.setenv("AMQP_URL", "amqp://u:p@h/v")
    monkeypatch.setenv("AMQP_TRUSTED_USERS", "a, b")
    config = Config.from_env("matching")
    assert config.database_url == "postgresql://x/matching"
    assert config.amqp_trusted_users == ("a", "b")
    assert not config.embedded


def test_production_refuses_default_secret_sqlite_and_guest():
    config = Config(service="intake", database_url="sqlite:///x", environment="production",
                    amqp_trusted_users=("guest",))
    with pytest.raises(RuntimeError) as error:
        config.check_production()
    message = str(error.value)
    assert "SECRET_KEY" in message and "PostgreSQL" in message and "guest" in message
    assert "JWT_SECRET" in message
    Config(service="intake", database_url="postgresql://db/x", environment="production",
           secret_key="x" * 40, jwt_secret="y" * 40, portal_internal_url="http://portal:8000/").check_production()
    Config(service="intake", database_url="postgresql://db/x", environment="production",
           secret_key="x" * 40, oidc_jwks_url="https://idp.example/jwks").check_production()
    with pytest.raises(RuntimeError, match="demo"):
        Config(service="intake", database_url="postgresql://db/x", environment="production",
               secret_key="x" * 40, jwt_secret="y" * 40, demo=True).check_production()
