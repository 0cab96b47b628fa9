"""Settings read from environment variables, one class for every service."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, overload

from shared.local_secrets import MIN_LENGTH, data_dir_secret, well_known

# A Config built in code without secrets (tests, tools) gets these: random, the same within one process.
_PROCESS_SECRET_KEY = secrets.token_urlsafe(48)
_PROCESS_JWT_SECRET = secrets.token_urlsafe(48)


@overload
def _env(name: str, default: str) -> str: ...
@overload
def _env(name: str, default: None = None) -> str | None: ...
def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value in (None, "") else value


def _flag(value: str | None, default: bool) -> bool:
    return default if value is None or value == "" else value.strip().lower() in ("1", "true", "yes", "on")


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def default_data_dir() -> Path:
    """Where SQLite files live when no DATABASE_URL is given."""
    return Path(_env("KAMPUS_DATA_DIR", "var")).resolve()


def _secret(variable: str, name: str, production: bool) -> str:
    """A secret from the environment; outside production, else the data directory's own (made on first start)."""
    value = _env(variable)
    if value is not None or production:
        return value or ""  # production never invents one: check_production names what is missing
    return data_dir_secret(default_data_dir(), name)


@dataclass(frozen=True)
class Config:
    """Settings of one service process."""

    service: str
    database_url: str
    amqp_url: str | None = None
    organisation: str = "verkosto"
    amqp_trusted_users: tuple[str, ...] = ()
    secret_key: str = _PROCESS_SECRET_KEY
    environment: str = "development"
    log_level: str = "INFO"
    metrics_port: int | None = None
    db_pool_size: int | None = None  # None: the library default; set per role (shared/sizing.py)
    db_max_overflow: int | None = None
    health_max_event_age: float = 30.0
    testing: bool = False
    migrate_on_start: bool = True
    relay_poll_interval: float = 0.05
    relay_batch_size: int = 1000
    relay_workers: int = 2
    outbox_retention_days: float = 7.0
    consumer_prefetch: int = 1000
    consumer_batch_size: int = 500
    max_delivery_attempts: int = 5
    retry_delays: tuple[float, ...] = (1.0, 5.0, 30.0)
    jwt_secret: str = _PROCESS_JWT_SECRET
    jwt_issuer: str = "kampus"
    # How the built-in issuer signs: "hs256" (JWT_SECRET shared by every process: development or a single
    # organisation) or "eddsa" (the portal's own key, published as JWKS; services hold no secret).
    jwt_signing: str = "hs256"
    mfa_required_roles: tuple[str, ...] = ()  # roles that must sign in with a one-time code (TOTP)
    oidc_jwks_url: str | None = None
    oidc_roles_claim: str = "roles"
    oidc_organisation_claim: str = "org"
    portal_url: str = "/"
    portal_internal_url: str | None = None  # where a service asks the portal whether a token still holds
    token_check_ttl: float = 10.0
    https_only: bool = False  # Secure cookies and HSTS: on by default in production
    metrics_token: str | None = None
    login_failures_per_account: int = 5
    login_failures_per_address: int = 30
    network_file: str | None = None
    demo: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def embedded(self) -> bool:
        """True when events travel in-process instead of over RabbitMQ."""
        return self.amqp_url is None

    @property
    def production(self) -> bool:
        return self.environment == "production"

    def with_(self, **changes) -> Config:
        """A copy with some settings changed."""
        known = {f.name for f in fields(self)}
        extra = dict(self.extra)
        extra.update({k: v for k, v in changes.items() if k not in known})
        return replace(self, **{k: v for k, v in changes.items() if k in known}, extra=extra)

    @classmethod
    def from_env(cls, service: str, **overrides) -> Config:
        """Read the settings of `service` from the environment."""
        url = _env(f"{service.upper()}_DATABASE_URL") or _env("DATABASE_URL")
        if url is None:
            data_dir = default_data_dir()
            data_dir.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{data_dir / (service + '.sqlite3')}"
        production = _env("KAMPUS_ENV", "development") == "production"
        values: dict[str, Any] = dict(
            service=service,
            database_url=url,
            amqp_url=_env("AMQP_URL"),
            organisation=_env("KAMPUS_ORG", "verkosto"),
            amqp_trusted_users=_csv(_env("AMQP_TRUSTED_USERS")),
            secret_key=_secret("SECRET_KEY", "secret_key", production),
            environment=_env("KAMPUS_ENV", "development"),
            log_level=_env("LOG_LEVEL", "INFO"),
            metrics_port=_int(_env("METRICS_PORT")),
            db_pool_size=_int(_env("DB_POOL_SIZE")),
            db_max_overflow=_int(_env("DB_MAX_OVERFLOW")),
            health_max_event_age=float(_env("HEALTH_MAX_EVENT_AGE", "30")),
            max_delivery_attempts=int(_env("MAX_DELIVERY_ATTEMPTS", "5")),
            migrate_on_start=_env("MIGRATE_ON_START", "1") not in ("0", "false", "no"),
            relay_workers=int(_env("RELAY_WORKERS", "2")),
            outbox_retention_days=float(_env("OUTBOX_RETENTION_DAYS", "7")),
            jwt_secret=_secret("JWT_SECRET", "jwt_secret", production),
            jwt_issuer=_env("JWT_ISSUER", "kampus"),
            jwt_signing=_env("JWT_SIGNING", "eddsa" if production else "hs256").lower(),
            mfa_required_roles=_csv(_env("MFA_REQUIRED_ROLES", "manager,coordinator,admin" if production else "")),
            oidc_jwks_url=_env("OIDC_JWKS_URL"),
            oidc_roles_claim=_env("OIDC_ROLES_CLAIM", "roles"),
            oidc_organisation_claim=_env("OIDC_ORG_CLAIM", "org"),
            portal_url=_env("PORTAL_URL", "/"),
            portal_internal_url=_env("PORTAL_INTERNAL_URL"),
            token_check_ttl=float(_env("TOKEN_CHECK_TTL", "10")),
            https_only=_flag(_env("HTTPS_ONLY"), production),
            metrics_token=_env("METRICS_TOKEN"),
            login_failures_per_account=int(_env("LOGIN_FAILURES_PER_ACCOUNT", "5")),
            login_failures_per_address=int(_env("LOGIN_FAILURES_PER_ADDRESS", "30")),
            network_file=_env("KAMPUS_NETWORK_FILE"),
            demo=_env("KAMPUS_DEMO", "0") in ("1", "true", "yes"),
            proxy_hops=int(_env("PROXY_HOPS", "0")),
            person_key_secret=_env("PERSON_KEY_SECRET"),
            audit_database_url=_env(f"{service.upper()}_AUDIT_DATABASE_URL") or _env("AUDIT_DATABASE_URL"),
            audit_admin_database_url=(_env(f"{service.upper()}_AUDIT_ADMIN_DATABASE_URL")
                                      or _env("AUDIT_ADMIN_DATABASE_URL")),
            audit_retention_days=_int(_env("AUDIT_RETENTION_DAYS")),
            audit_signing_key=_env("AUDIT_SIGNING_KEY"),
        )
        values.update(overrides)
        config = cls(**{k: v for k, v in values.items() if k in {f.name for f in fields(cls)}})
        extra = {k: v for k, v in values.items() if k not in {f.name for f in fields(cls)}}
        return config.with_(**extra) if extra else config

    @property
    def network(self):
        """The network file's description (KAMPUS_NETWORK_FILE), or None."""
        from shared.network import configured

        return configured(self.network_file)

    @property
    def token_settings(self):
        """How tokens are signed and verified in this network."""
        from shared.auth.tokens import TokenSettings

        return TokenSettings(secret=self.jwt_secret if self.jwt_signing == "hs256" else "", issuer=self.jwt_issuer,
                             jwks_url=self.oidc_jwks_url, roles_claim=self.oidc_roles_claim,
                             organisation_claim=self.oidc_organisation_claim,
                             algorithm="HS256" if self.jwt_signing == "hs256" else "EdDSA")

    def check(self) -> None:
        """Refuse published secrets in every mode, and settings that are unsafe in production."""
        if self.jwt_signing not in ("hs256", "eddsa"):
            raise RuntimeError(f"Refusing to start: JWT_SIGNING must be hs256 or eddsa, not {self.jwt_signing!r}")
        from shared.auth.principal import ROLES

        unknown = sorted(set(self.mfa_required_roles) - set(ROLES))
        if unknown:
            raise RuntimeError(f"Refusing to start: MFA_REQUIRED_ROLES names unknown roles {', '.join(unknown)}")
        public = [name for name, value in (("SECRET_KEY", self.secret_key), ("JWT_SECRET", self.jwt_secret))
                  if value and well_known(value)]
        if public:
            raise RuntimeError(f"Refusing to start: {' and '.join(public)} is a published value; set a random "
                               f"one or leave it unset (a development network then makes its own)")
        self.check_production()

    def check_production(self) -> None:
        """Refuse settings that are unsafe in production."""
        if not self.production:
            return
        problems = []
        if len(self.secret_key) < MIN_LENGTH or well_known(self.secret_key) or self.secret_key == _PROCESS_SECRET_KEY:
            problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
        if self.database_url.startswith("sqlite") and not self.extra.get("allow_sqlite"):
            problems.append("DATABASE_URL must point to PostgreSQL")
        if str(self.extra.get("audit_database_url") or "").startswith("sqlite") and not self.extra.get("allow_sqlite"):
            problems.append("AUDIT_DATABASE_URL must point to PostgreSQL")
        if "guest" in self.amqp_trusted_users:
            problems.append("AMQP_TRUSTED_USERS must not contain 'guest'")
        network = self.network
        shared_secret = bool(self.jwt_secret) and self.jwt_secret != _PROCESS_JWT_SECRET
        if network is not None and network.multi_organisation and (self.jwt_signing == "hs256" or shared_secret):
            problems.append(
                "a shared signing secret (JWT_SECRET, HS256) is refused in a network of several organisations: "
                "whoever holds it can sign a manager's token for any other organisation. Set JWT_SIGNING=eddsa "
                "and unset JWT_SECRET; the portal then signs with its own key and every service verifies with "
                "its published keys (JWKS), or use an OpenID Connect provider (OIDC_JWKS_URL)")
        elif self.oidc_jwks_url is None and self.jwt_signing == "hs256" and (
                len(self.jwt_secret) < MIN_LENGTH or well_known(self.jwt_secret)
                or self.jwt_secret == _PROCESS_JWT_SECRET):
            problems.append("JWT_SECRET must be a random value of at least 32 characters (or set OIDC_JWKS_URL)")
        if self.oidc_jwks_url is None and self.service != "portal" and not self.portal_internal_url:
            problems.append("PORTAL_INTERNAL_URL must say where this service asks the portal whether a "
                            "login still holds (or set OIDC_JWKS_URL)")
        if self.demo:
            problems.append("the demo network (KAMPUS_DEMO) cannot run in production")
        if problems:
            raise RuntimeError("Refusing to start in production: " + "; ".join(problems))


@dataclass(frozen=True)
class SmtpSettings:
    """The mail server a service sends through (SMTP_HOST, SMTP_PORT, SMTP_FROM, SMTP_USER, SMTP_PASSWORD,
    SMTP_STARTTLS): matching's digest, the portal's notifications and invitations."""

    host: str = "localhost"
    port: int = 25
    sender: str = "kampus@localhost"
    user: str | None = None
    password: str | None = None
    starttls: bool = False

    @classmethod
    def read(cls, value) -> SmtpSettings:
        """The settings from `value(NAME) -> str | None` (a process's extra settings, then its environment)."""
        return cls(host=value("SMTP_HOST") or "localhost", port=int(value("SMTP_PORT") or 25),
                   sender=value("SMTP_FROM") or "kampus@localhost", user=value("SMTP_USER"),
                   password=value("SMTP_PASSWORD"),
                   starttls=str(value("SMTP_STARTTLS") or "0").lower() in ("1", "true", "yes"))
