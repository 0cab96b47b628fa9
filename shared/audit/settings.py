"""Where a service's audit store is, how long entries are kept, and the key that signs checkpoints."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

DEFAULT_RETENTION_DAYS = 730


def store_url(config) -> str:
    """Where the service writes its audit log, as a role that may only INSERT and SELECT in production:
    AUDIT_DATABASE_URL, else a database beside the service's own: `x.sqlite3` -> `x.audit.sqlite3`,
    PostgreSQL `.../name` -> `.../name_audit` (one per deployment of the service), memory -> memory."""
    explicit = config.extra.get("audit_database_url")
    if explicit:
        return explicit
    url = config.database_url
    if url.startswith("sqlite"):
        if url in ("sqlite://", "sqlite:///:memory:"):
            return "sqlite://"
        return re.sub(r"(\.sqlite3?|\.db)?$", ".audit.sqlite3", url, count=1)
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_audit"))


def admin_url(config) -> str:
    """The audit store as its owner, for its schema and retention (`kampus migrate`, `kampus audit prune`):
    AUDIT_ADMIN_DATABASE_URL, else the writer's URL (development: one role does both)."""
    return config.extra.get("audit_admin_database_url") or store_url(config)


def audit_unreachable(config, error: Exception) -> str:
    """Why `kampus migrate` could not reach the audit store as its owner, naming the database, the role and the
    settings to give (never the URL: it holds the password)."""
    url = urlsplit(admin_url(config))
    first = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    given = "AUDIT_ADMIN_DATABASE_URL" if config.extra.get("audit_admin_database_url") else (
        "AUDIT_DATABASE_URL" if config.extra.get("audit_database_url") else "no AUDIT_ADMIN_DATABASE_URL")
    return (f"the audit log's database {url.path.lstrip('/') or url.path} cannot be reached as role "
            f"{url.username or '-'} ({given} given): {first}. The audit log is a database of its own, owned by "
            f"its own role (`kampus postgres init-sql` makes <database>_audit and <database>_audit_writer): "
            f"migrate with AUDIT_ADMIN_DATABASE_URL as the owner and run the service with AUDIT_DATABASE_URL "
            f"as the writer (docs/operations.md, Adding an organisation)")


def writer_role(config) -> str | None:
    """The role the service writes its audit store as, when it is not the owner's (granted INSERT and SELECT)."""
    writer, admin = urlsplit(store_url(config)).username, urlsplit(admin_url(config)).username
    return writer if writer and writer != admin else None


def signing_key(config) -> bytes:
    """The key of the checkpoints' signatures: AUDIT_SIGNING_KEY, else the service's SECRET_KEY."""
    return str(config.extra.get("audit_signing_key") or config.secret_key).encode()


def retention_days(config) -> int:
    """Days an entry is kept: AUDIT_RETENTION_DAYS when set, else the controller's privacy register's
    `audit_log` rule (its network-file block over the defaults)."""
    days = config.extra.get("audit_retention_days")
    if days:
        return int(days)
    try:
        from shared.privacy import register

        rule = register.for_organisation(config, config.organisation).retention("audit_log")
        if rule.days:
            return int(rule.days)
    except (AttributeError, KeyError, TypeError, ValueError):
        pass
    return DEFAULT_RETENTION_DAYS


def ensure_database(service_url: str, audit_url: str) -> None:
    """Create the audit store's PostgreSQL database beside the service's when it does not exist yet.

    A deployment's set-up script creates it with its own role (`kampus postgres init-sql`); this covers a
    development server where the service's role may create databases.
    """
    if not audit_url.startswith("postgresql"):
        return
    from sqlalchemy import text

    from shared.db import make_engine

    name = urlsplit(audit_url).path.lstrip("/")
    engine = make_engine(service_url)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
