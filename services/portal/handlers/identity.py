"""The identity store: organisations and users, passwords, login failures and token generations.

Each method is one command or query in its own transaction on the portal's database; the rules it
applies are in services.portal.domain.identity.
"""
from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select, update

from services.portal.db import login_failures, organisations, users
from services.portal.domain.identity import (
    FAILURE_WINDOW,
    UNUSABLE_PASSWORD,
    IdentityError,
    LoginLimits,
    TooManyAttempts,
    User,
    address_scope,
    check_roles,
    check_username,
    normalise_username,
    validate_password,
)
from shared.auth.principal import ORGANISATION_KINDS, ROLES
from shared.auth.tokens import TokenSettings, issue
from shared.db import Database
from shared.errors import N_

hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown user as slow as for a known one.
_DUMMY_HASH = hasher.hash("not a real password")


def now() -> datetime:
    return datetime.now(UTC)


def check_failures(s, limits: LoginLimits, account: str, origin: str) -> None:
    """Raise TooManyAttempts while the account's or the address's failures within FAILURE_WINDOW exceed `limits`
    (wrong passwords and wrong one-time codes count alike)."""
    since = now() - FAILURE_WINDOW
    recent = dict(s.execute(select(login_failures.c.key, func.count()).where(
        login_failures.c.key.in_((account, origin)), login_failures.c.at >= since)
        .group_by(login_failures.c.key)).all())
    if limits.exceeded(recent.get(account, 0), recent.get(origin, 0)):
        raise TooManyAttempts()


def count_failure(s, account: str, origin: str) -> None:
    """One failed attempt, counted for the account and for the address."""
    at = now()
    s.execute(login_failures.insert(), [{"key": account, "at": at}, {"key": origin, "at": at}])


def _user(row) -> User:
    return User(row.id, row.username, row.display_name, row.organisation, tuple(row.roles.split(",")),
                row.locale, row.client_id, row.active, row.demo, row.token_generation)


def access_token(settings: TokenSettings, user: User, lifetime: int | None = None,
                 amr: tuple[str, ...] = ("pwd",)) -> str:
    """A token of the built-in issuer for a user, of the user's current token generation; `amr` says how
    the user signed in (with a one-time code: ("pwd", "otp", "mfa"))."""
    return issue(settings, user.principal(), generation=user.generation, lifetime=lifetime, amr=amr)


class IdentityStore:
    """The built-in identity store on its own database."""

    def __init__(self, db: Database, pepper: str, limits: LoginLimits = LoginLimits()) -> None:
        self.db = db
        self.pepper = pepper.encode()
        self.limits = limits

    def create_organisation(self, slug: str, name: str, kind: str, member: bool = False) -> None:
        from shared.events.envelope import ORG_PATTERN

        if not ORG_PATTERN.match(slug):
            raise IdentityError("slug", "Use lower-case letters, digits and dashes")
        if kind not in ORGANISATION_KINDS:
            raise IdentityError("kind", f"One of: {', '.join(ORGANISATION_KINDS)}")
        with self.db.transaction() as s:
            if s.execute(select(organisations.c.slug).where(organisations.c.slug == slug)).first():
                raise IdentityError("slug", "This organisation exists already")
            s.execute(organisations.insert().values(slug=slug, name=name, kind=kind, member=member,
                                                    created_at=now()))

    def organisation(self, slug: str) -> dict | None:
        with self.db.session() as s:
            row = s.execute(select(organisations).where(organisations.c.slug == slug)).first()
        return dict(row._mapping) if row else None

    def list_organisations(self) -> list[dict]:
        with self.db.session() as s:
            return [dict(r._mapping) for r in s.execute(select(organisations).order_by(organisations.c.name))]

    def organisation_names(self) -> dict[str, str]:
        """Every organisation's name by its code."""
        with self.db.session() as s:
            return {r.slug: r.name for r in s.execute(select(organisations.c.slug, organisations.c.name))}

    def create_user(self, username: str, password: str | None, *, display_name: str, organisation: str,
                    roles: list[str], email: str | None = None, locale: str | None = None,
                    client_id: str | None = None, demo: bool = False, user_id: str | None = None) -> User:
        """Create a user; without a password the account cannot log in until one is set."""
        username = normalise_username(username)
        check_username(username)
        check_roles(roles, ROLES)
        if password is not None and not demo:
            validate_password(password)
        with self.db.transaction() as s:
            if s.execute(select(organisations.c.slug).where(organisations.c.slug == organisation)).first() is None:
                raise IdentityError("organisation", N_("No such organisation"))
            if s.execute(select(users.c.id).where(users.c.username == username)).first():
                raise IdentityError("username", N_("This username is taken"))
            user_id = user_id or str(uuid.uuid4())
            if s.execute(select(users.c.id).where(users.c.id == user_id)).first():
                raise IdentityError("user_id", "This user id is taken")
            s.execute(users.insert().values(
                id=user_id, username=username, display_name=display_name, email=email, organisation=organisation,
                roles=",".join(sorted(set(roles))),
                password_hash=UNUSABLE_PASSWORD if password is None else hasher.hash(password), locale=locale,
                client_id=client_id, active=True, demo=demo, created_at=now(), password_changed_at=now(),
                token_generation=1))
        return self.get(username)

    def get(self, username: str) -> User | None:
        with self.db.session() as s:
            row = s.execute(select(users).where(users.c.username == normalise_username(username))).first()
        return _user(row) if row else None

    def get_by_id(self, user_id: str) -> User | None:
        with self.db.session() as s:
            row = s.execute(select(users).where(users.c.id == user_id)).first()
        return _user(row) if row else None

    def list_users(self) -> list[User]:
        with self.db.session() as s:
            return [_user(r) for r in s.execute(select(users).order_by(users.c.username))]

    def has_demo_users(self) -> bool:
        with self.db.session() as s:
            return s.execute(select(func.count()).select_from(users).where(users.c.demo.is_(True))).scalar_one() > 0

    # --- tokens -----------------------------------------------------------------------------------

    def token_generation(self, user_id: str) -> int | None:
        """The generation a token of this user must carry, or None: no such user, or deactivated."""
        with self.db.session() as s:
            row = s.execute(select(users.c.token_generation, users.c.active).where(users.c.id == user_id)).first()
        return row.token_generation if row is not None and row.active else None

    def revoke_tokens(self, user_id: str) -> None:
        """Withdraw every token issued to a user so far (logout signs out of every device)."""
        with self.db.transaction() as s:
            s.execute(update(users).where(users.c.id == user_id)
                      .values(token_generation=users.c.token_generation + 1))

    def set_active(self, username: str, active: bool) -> User:
        """Deactivate a user (no login, every token withdrawn) or activate them again."""
        with self.db.transaction() as s:
            result = s.execute(update(users).where(users.c.username == normalise_username(username)).values(
                active=active, token_generation=users.c.token_generation + 1))
            if result.rowcount == 0:
                raise IdentityError("username", "No such user")
        return self.get(username)

    def update_user(self, user_id: str, *, display_name: str, organisation: str, roles: list[str],
                    client_id: str | None) -> User:
        """Change what a user's tokens say about them; the tokens issued before stop working."""
        check_roles(roles, ROLES)
        with self.db.transaction() as s:
            if s.execute(select(organisations.c.slug).where(organisations.c.slug == organisation)).first() is None:
                raise IdentityError("organisation", N_("No such organisation"))
            result = s.execute(update(users).where(users.c.id == user_id).values(
                display_name=display_name, organisation=organisation, roles=",".join(sorted(set(roles))),
                client_id=client_id, token_generation=users.c.token_generation + 1))
            if result.rowcount == 0:
                raise IdentityError("user_id", "No such user")
        return self.get_by_id(user_id)

    # --- passwords and logins ------------------------------------------------------------------------

    def _failure_key(self, kind: str, value: str) -> str:
        return hmac.new(self.pepper, f"{kind}|{value}".encode(), hashlib.sha256).hexdigest()

    def authenticate(self, username: str, password: str, address: str) -> User | None:
        """The user if the password is right; raises TooManyAttempts while the account or the address is
        rate-limited (LoginLimits within FAILURE_WINDOW)."""
        username = normalise_username(username)
        account = self._failure_key("account", username)
        origin = self._failure_key("address", address_scope(address))
        with self.db.transaction() as s:
            check_failures(s, self.limits, account, origin)
            row = s.execute(select(users).where(users.c.username == username)).first()
            ok = False
            try:
                ok = hasher.verify(row.password_hash if row else _DUMMY_HASH, password) and row is not None
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
            if not ok or not row.active:
                count_failure(s, account, origin)
                s.execute(delete(login_failures).where(login_failures.c.at < now() - FAILURE_WINDOW))
                return None
            # The account's count starts again; the address's does not, or one good login would reset it.
            s.execute(delete(login_failures).where(login_failures.c.key == account))
            proven: dict = {"last_login_at": now()}
            if hasher.check_needs_rehash(row.password_hash):
                proven["password_hash"] = hasher.hash(password)
            s.execute(update(users).where(users.c.id == row.id).values(**proven))
            return _user(row)

    def link_client(self, username: str, client_id: str) -> None:
        """Link a student's login to their client record in intake (their own data only)."""
        with self.db.transaction() as s:
            result = s.execute(update(users).where(users.c.username == normalise_username(username))
                               .values(client_id=client_id))
            if result.rowcount == 0:
                raise IdentityError("username", "No such user")

    def set_password(self, username: str, new_password: str) -> User:
        """Set a new password; every token issued before stops working."""
        validate_password(new_password)
        with self.db.transaction() as s:
            result = s.execute(update(users).where(users.c.username == normalise_username(username)).values(
                password_hash=hasher.hash(new_password), password_changed_at=now(),
                token_generation=users.c.token_generation + 1))
            if result.rowcount == 0:
                raise IdentityError("username", "No such user")
        return self.get(username)

    def change_password(self, username: str, current: str, new_password: str) -> User:
        """Change one's own password, proving the current one first."""
        with self.db.session() as s:
            row = s.execute(select(users.c.password_hash)
                            .where(users.c.username == normalise_username(username))).first()
        try:
            hasher.verify(row.password_hash if row else _DUMMY_HASH, current)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            raise IdentityError("current", "The current password is not right") from None
        return self.set_password(username, new_password)


def for_config(db: Database, config) -> IdentityStore:
    """The identity store with the settings' pepper (SECRET_KEY) and failed-login limits."""
    return IdentityStore(db, pepper=config.secret_key, limits=LoginLimits(
        per_account=config.login_failures_per_account, per_address=config.login_failures_per_address))
