"""Organisations and users: create, authenticate, change passwords, rate-limit failures."""
from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select, update

from shared.auth.principal import ORGANISATION_KINDS, ROLES, Principal
from shared.db import Database
from shared.identity.db import login_failures, organisations, users

hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown user as slow as for a known one.
_DUMMY_HASH = hasher.hash("not a real password")
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)


class IdentityError(ValueError):
    """A request the identity store refuses, with the field it concerns."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class TooManyAttempts(Exception):
    """Too many failed logins for this username from this address."""


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    organisation: str
    roles: tuple[str, ...]
    locale: str | None
    client_id: str | None
    active: bool
    demo: bool

    def principal(self) -> Principal:
        return Principal(user_id=self.id, username=self.username, name=self.display_name,
                         organisation=self.organisation, roles=frozenset(self.roles), locale=self.locale,
                         client_id=self.client_id)


def _user(row) -> User:
    return User(row.id, row.username, row.display_name, row.organisation, tuple(row.roles.split(",")),
                row.locale, row.client_id, row.active, row.demo)


def validate_password(password: str) -> None:
    if len(password) < 10:
        raise IdentityError("password", "The password must have at least 10 characters")


class IdentityStore:
    """The built-in identity store on its own database."""

    def __init__(self, db: Database, pepper: str) -> None:
        self.db = db
        self.pepper = pepper.encode()

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

    def create_user(self, username: str, password: str, *, display_name: str, organisation: str,
                    roles: list[str], email: str | None = None, locale: str | None = None,
                    client_id: str | None = None, demo: bool = False) -> User:
        username = username.strip().lower()
        if not username or len(username) > 80:
            raise IdentityError("username", "Give a username of at most 80 characters")
        bad = [r for r in roles if r not in ROLES]
        if not roles or bad:
            raise IdentityError("roles", f"Roles must be among: {', '.join(ROLES)}")
        if not demo:
            validate_password(password)
        with self.db.transaction() as s:
            if s.execute(select(organisations.c.slug).where(organisations.c.slug == organisation)).first() is None:
                raise IdentityError("organisation", "No such organisation")
            if s.execute(select(users.c.id).where(users.c.username == username)).first():
                raise IdentityError("username", "This username is taken")
            user_id = str(uuid.uuid4())
            s.execute(users.insert().values(
                id=user_id, username=username, display_name=display_name, email=email, organisation=organisation,
                roles=",".join(sorted(set(roles))), password_hash=hasher.hash(password), locale=locale,
                client_id=client_id, active=True, demo=demo, created_at=now(), password_changed_at=now()))
        return self.get(username)

    def get(self, username: str) -> User | None:
        with self.db.session() as s:
            row = s.execute(select(users).where(users.c.username == username.strip().lower())).first()
        return _user(row) if row else None

    def list_users(self) -> list[User]:
        with self.db.session() as s:
            return [_user(r) for r in s.execute(select(users).order_by(users.c.username))]

    def has_demo_users(self) -> bool:
        with self.db.session() as s:
            return s.execute(select(func.count()).select_from(users).where(users.c.demo.is_(True))).scalar_one() > 0

    def _failure_key(self, username: str, address: str) -> str:
        return hmac.new(self.pepper, f"{username.lower()}|{address}".encode(), hashlib.sha256).hexdigest()

    def authenticate(self, username: str, password: str, address: str) -> User | None:
        """The user if the password is right; raises TooManyAttempts while rate-limited."""
        key = self._failure_key(username, address)
        with self.db.transaction() as s:
            since = now() - FAILURE_WINDOW
            recent = s.execute(select(func.count()).select_from(login_failures).where(
                login_failures.c.key == key, login_failures.c.at >= since)).scalar_one()
            if recent >= MAX_FAILURES:
                raise TooManyAttempts()
            row = s.execute(select(users).where(users.c.username == username.strip().lower())).first()
            ok = False
            try:
                ok = hasher.verify(row.password_hash if row else _DUMMY_HASH, password) and row is not None
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
            if not ok or not row.active:
                s.execute(login_failures.insert().values(key=key, at=now()))
                return None
            s.execute(delete(login_failures).where(login_failures.c.key == key))
            if hasher.check_needs_rehash(row.password_hash):
                s.execute(update(users).where(users.c.id == row.id).values(password_hash=hasher.hash(password)))
            return _user(row)

    def link_client(self, username: str, client_id: str) -> None:
        """Link a student's login to their client record in intake (their own data only)."""
        with self.db.transaction() as s:
            result = s.execute(update(users).where(users.c.username == username.strip().lower())
                               .values(client_id=client_id))
            if result.rowcount == 0:
                raise IdentityError("username", "No such user")

    def set_password(self, username: str, new_password: str) -> None:
        validate_password(new_password)
        with self.db.transaction() as s:
            result = s.execute(update(users).where(users.c.username == username.strip().lower()).values(
                password_hash=hasher.hash(new_password), password_changed_at=now()))
            if result.rowcount == 0:
                raise IdentityError("username", "No such user")

    def change_password(self, username: str, current: str, new_password: str) -> None:
        with self.db.session() as s:
            row = s.execute(select(users.c.password_hash).where(users.c.username == username)).first()
        try:
            hasher.verify(row.password_hash if row else _DUMMY_HASH, current)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            raise IdentityError("current", "The current password is not right") from None
        self.set_password(username, new_password)
