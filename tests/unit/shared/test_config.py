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


ONE_ORGANISATION = """
organisations:
  verkosto:
    name: Verkosto
    kind: development_organisation
    hosts: {portal: "http://portal.test/", intake: "http://intake.test/"}
    member: true
"""


def _production(service: str, network_file: str, **settings) -> Config:
    return Config(service=service, database_url="postgresql://db/x", environment="production",
                  secret_key="x" * 40, portal_internal_url="http://portal:8000/", network_file=network_file,
                  **settings)


@pytest.mark.parametrize("service", ["portal", "intake", "reporting"])
def test_production_of_several_organisations_refuses_a_shared_signing_secret(service):
    several = "deploy/network.yaml"  # sataedu and samk host intakes, verkosto the rest
    with pytest.raises(RuntimeError, match="shared signing secret .JWT_SECRET, HS256. is refused in a network "
                                           "of several organisations"):
        _production(service, several, jwt_secret="y" * 40).check_production()
    with pytest.raises(RuntimeError, match="JWT_SIGNING=eddsa"):  # even a JWT_SECRET beside the keys
        _production(service, several, jwt_secret="y" * 40, jwt_signing="eddsa").check_production()
    _production(service, several, jwt_secret="", jwt_signing="eddsa").check_production()


def test_a_single_organisation_may_keep_the_shared_secret(tmp_path):
    path = tmp_path / "network.yaml"
    path.write_text(ONE_ORGANISATION)
    _production("intake", str(path), jwt_secret="y" * 40).check_production()
    _production("intake", None, jwt_secret="y" * 40).check_production()


def test_production_signs_with_the_portals_key_and_asks_for_a_one_time_code_by_default(monkeypatch):
    monkeypatch.setenv("KAMPUS_ENV", "production")
    monkeypatch.delenv("JWT_SIGNING", raising=False)
    monkeypatch.delenv("MFA_REQUIRED_ROLES", raising=False)
    config = Config.from_env("portal")
    assert config.jwt_signing == "eddsa" and config.token_settings.algorithm == "EdDSA"
    assert not config.token_settings.secret
    assert set(config.mfa_required_roles) == {"manager", "coordinator", "admin"}
    monkeypatch.setenv("KAMPUS_ENV", "development")
    monkeypatch.setenv("KAMPUS_DATA_DIR", "/tmp/kampus-config-test")
    assert Config.from_env("portal").jwt_signing == "hs256"


def test_unknown_signing_or_roles_are_refused():
    with pytest.raises(RuntimeError, match="JWT_SIGNING"):
        Config(service="intake", database_url="sqlite://", jwt_signing="rs512").check()
    with pytest.raises(RuntimeError, match="MFA_REQUIRED_ROLES"):
        Config(service="intake", database_url="sqlite://", mfa_required_roles=("boss",)).check()


def test_the_network_file_names_each_organisations_issuer_once(tmp_path):
    from shared.network import NetworkFileError, parse

    organisations = {
        "verkosto": {"name": "V", "kind": "development_organisation", "hosts": {"portal": "http://portal.test/"}},
        "sataedu": {"name": "S", "kind": "educational_institution", "member": True,
                    "issuer": {"id": "https://login.test/", "jwks_url": "http://login.test/jwks.json"}},
        "samk": {"name": "K", "kind": "educational_institution", "member": True},
    }
    network = parse({"organisations": organisations})
    assert network.multi_organisation
    assert network.central_issuer("kampus").jwks_url == "http://portal.test/.well-known/jwks.json"
    assert {slug: ref.id for slug, ref in network.organisation_issuers().items()} == {"sataedu": "https://login.test/"}
    organisations["samk"]["issuer"] = organisations["sataedu"]["issuer"]
    with pytest.raises(NetworkFileError, match="organisations.samk.issuer.id: sataedu has this issuer already"):
        parse({"organisations": organisations})
    organisations["samk"]["issuer"] = {"id": "x"}
    with pytest.raises(NetworkFileError, match="organisations.samk.issuer.jwks_url"):
        parse({"organisations": organisations})
