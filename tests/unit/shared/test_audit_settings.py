"""Where a service's audit store is by default, how long entries are kept, and production's refusal of SQLite."""
from __future__ import annotations

import pytest

from shared.audit.settings import admin_url, retention_days, signing_key, store_url, writer_role
from shared.config import Config


def config(url: str, **extra) -> Config:
    return Config(service="intake", database_url=url, testing=True).with_(**extra)


@pytest.mark.parametrize("url, audit", [
    ("sqlite:////var/kampus/intake.sqlite3", "sqlite:////var/kampus/intake.audit.sqlite3"),
    ("sqlite://", "sqlite://"),
    ("postgresql+psycopg://intake@db:5432/intake_sataedu", "postgresql+psycopg://intake@db:5432/intake_sataedu_audit"),
])
def test_the_store_is_a_database_of_its_own_beside_the_services(url, audit):
    assert store_url(config(url)) == audit
    assert store_url(config(url, audit_database_url="postgresql://audit@logs/kampus_audit")) == \
        "postgresql://audit@logs/kampus_audit"


def test_the_owner_is_the_writer_in_development_and_its_own_role_when_configured():
    dev = config("sqlite:////var/kampus/intake.sqlite3")
    assert admin_url(dev) == "sqlite:////var/kampus/intake.audit.sqlite3" and writer_role(dev) is None
    writer = "postgresql+psycopg://intake_sataedu_audit_writer:w@db/intake_sataedu_audit"
    owner = "postgresql+psycopg://intake_sataedu_audit:o@db/intake_sataedu_audit"
    deployed = config("postgresql+psycopg://intake_sataedu@db/intake_sataedu", audit_database_url=writer,
                      audit_admin_database_url=owner)
    assert (store_url(deployed), admin_url(deployed)) == (writer, owner)
    assert writer_role(deployed) == "intake_sataedu_audit_writer"
    assert writer_role(config("postgresql+psycopg://x@db/x", audit_database_url=owner,
                              audit_admin_database_url=owner)) is None  # one role: nothing to grant


def test_retention_and_the_signing_key():
    assert retention_days(config("sqlite://")) == 730
    assert retention_days(config("sqlite://", audit_retention_days=90)) == 90
    assert signing_key(config("sqlite://", audit_signing_key="s" * 40)) == b"s" * 40


def test_production_refuses_an_audit_store_on_sqlite():
    production = Config(service="intake", database_url="postgresql://db/intake", environment="production",
                        secret_key="x" * 40, jwt_secret="y" * 40, portal_internal_url="http://portal:8000/")
    production.check_production()
    with pytest.raises(RuntimeError, match="AUDIT_DATABASE_URL"):
        production.with_(audit_database_url="sqlite:////tmp/audit.sqlite3").check_production()
