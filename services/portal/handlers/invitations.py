"""Student accounts: a manager invites a client of their organisation, the student takes the login into use.

The login is a `student` user of the manager's organisation linked to the client record (`client_id`). The
invitation's one-time code is shown once (printed, or sent in an e-mail link) and kept only as a keyed hash;
it counts once and expires. Wrong codes are counted as failed logins of the caller's address.
"""
from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from services.portal.db import external_logins, invitations, login_failures, users
from services.portal.domain.identity import (
    FAILURE_WINDOW,
    UNUSABLE_PASSWORD,
    IdentityError,
    TooManyAttempts,
    User,
    address_scope,
    validate_password,
)
from services.portal.domain.invitation import (
    LIFETIME,
    AccountStatus,
    account_state,
    account_status,
    new_code,
    normalise_code,
    username_for,
)
from services.portal.handlers.identity import IdentityStore, hasher, now
from shared.auth.principal import Principal
from shared.errors import N_, Conflict, Forbidden, Invalid, NotFound


@dataclass(frozen=True)
class Account:
    """What the manager sees of a client's login: its state, username and when a pending code expires."""

    state: str
    username: str | None = None
    expires_at: datetime | None = None

    def as_dict(self) -> dict:
        return {"state": self.state, "username": self.username,
                "expires_at": self.expires_at.isoformat() if self.expires_at else None}


@dataclass(frozen=True)
class Invitation:
    """A code just made: shown to the manager (or e-mailed) once, never stored as such."""

    account: Account
    code: str
    email: str | None


def student_login(session, organisation: str, client_id: str):
    """The student login linked to a client record of the organisation, or None."""
    return session.execute(select(users).where(
        users.c.organisation == organisation, users.c.client_id == str(client_id),
        users.c.roles.like("%student%"))).first()


def linked_login(session, user_id: str) -> bool:
    """Whether an external identity (the student's login at their organisation's issuer) is linked to a login."""
    return session.execute(select(external_logins.c.user_id).where(
        external_logins.c.user_id == str(user_id))).first() is not None


def unlink(session, user_id: str) -> None:
    """Remove the external identity linked to a login."""
    session.execute(delete(external_logins).where(external_logins.c.user_id == str(user_id)))


def remove_student_login(session, organisation: str, client_id: str) -> str | None:
    """Delete the client's student login (its codes, one-time passwords and notifications cascade); the removed
    user's id, or None when the client had none. Every erasure of a client ends here: the manager's API call
    right after an erasure decision, and the portal's subscriber of `intake.client.erased` for the others
    (the retention job's anonymisation, an erasure in another process)."""
    row = student_login(session, organisation, client_id)
    if row is None:
        return None
    unlink(session, str(row.id))  # the link to the student's external identity goes too (the key cascades as well)
    session.execute(delete(users).where(users.c.id == row.id))
    return str(row.id)


class Invitations:
    """Invitations on the identity store's database."""

    def __init__(self, store: IdentityStore, lifetime: timedelta = LIFETIME) -> None:
        self.store = store
        self.lifetime = lifetime

    def _hash(self, code: str) -> str:
        return hmac.new(self.store.pepper, f"invitation|{normalise_code(code)}".encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def _manager(principal: Principal) -> str:
        if "manager" not in principal.roles or not principal.organisation:
            raise Forbidden(N_("Only a service manager invites clients to the service."))
        return principal.organisation

    def _student(self, session, organisation: str, client_id: str):
        return student_login(session, organisation, client_id)

    def _issue(self, session, user_id: str, invited_by: str | None) -> tuple[str, datetime]:
        """A new code for the user; any earlier unused code stops working."""
        session.execute(delete(invitations).where(invitations.c.user_id == user_id, invitations.c.used_at.is_(None)))
        code, at = new_code(), now()
        session.execute(invitations.insert().values(
            id=str(uuid.uuid4()), user_id=user_id, code_hash=self._hash(code), invited_by=invited_by,
            created_at=at, expires_at=at + self.lifetime))
        return code, at + self.lifetime

    def account(self, principal: Principal, client_id: str) -> Account:
        """The state of the login of a client of the manager's organisation ("none" when not invited)."""
        organisation = self._manager(principal)
        with self.store.db.session() as s:
            return self._account(s, organisation, client_id)

    def _account(self, session, organisation: str, client_id: str) -> Account:
        row = self._student(session, organisation, client_id)
        if row is None:
            return Account("none")
        has_password = row.password_hash != UNUSABLE_PASSWORD
        state = account_state(active=row.active, has_password=has_password, linked=linked_login(session, row.id))
        expires = None
        if state == "invited":
            expires = session.execute(select(func.max(invitations.c.expires_at)).where(
                invitations.c.user_id == row.id, invitations.c.used_at.is_(None))).scalar_one_or_none()
        return Account(state, row.username, expires)

    def invite(self, principal: Principal, client_id: str, *, display_name: str, email: str | None = None,
               username: str | None = None, locale: str | None = None) -> Invitation:
        """Make the client's student login and its first code; a client has one login."""
        organisation = self._manager(principal)
        display_name = (display_name or "").strip()
        if not display_name:
            raise Invalid({"display_name": [N_("Give the client's name.")]})
        with self.store.db.session() as s:
            if self._student(s, organisation, client_id) is not None:
                raise Conflict(N_("The client has a login already: send a new code or disable it."), on=None)
        base = (username or username_for(display_name, email)).strip()
        name, n = base, 1
        while self.store.get(name) is not None:
            if username:
                raise Invalid({"username": [N_("This username is taken.")]})
            n += 1
            name = f"{base}{n}"
        user = self.store.create_user(name, None, display_name=display_name, organisation=organisation,
                                      roles=["student"], email=email or None, locale=locale,
                                      client_id=str(client_id))
        return self.first_code(user, principal.user_id, email or None)

    def first_code(self, user: User, invited_by: str | None, email: str | None = None) -> Invitation:
        """The one-time code with which a login made without a password is taken into use (at /welcome)."""
        with self.store.db.transaction() as s:
            code, expires = self._issue(s, user.id, invited_by)
        return Invitation(Account("invited", user.username, expires), code, email)

    def renew(self, user: User, by: str | None) -> Invitation:
        """An administrator's new code for any login: its password and earlier code stop working and its tokens
        are withdrawn; with the code its holder sets a new password at /welcome (a one-time password stays)."""
        with self.store.db.transaction() as s:
            s.execute(update(users).where(users.c.id == user.id).values(
                password_hash=UNUSABLE_PASSWORD, token_generation=users.c.token_generation + 1))
            code, expires = self._issue(s, user.id, by)
        return Invitation(Account("invited", user.username, expires), code, None)

    def statuses(self) -> dict[str, AccountStatus]:
        """Every account's status by user id, for the administrator's users page."""
        with self.store.db.session() as s:
            linked = set(s.execute(select(external_logins.c.user_id)).scalars())
            expiry = dict(s.execute(select(invitations.c.user_id, func.max(invitations.c.expires_at)).where(
                invitations.c.used_at.is_(None)).group_by(invitations.c.user_id)).all())
            rows = s.execute(select(users.c.id, users.c.active, users.c.password_hash, users.c.last_login_at)).all()
        at = now()
        return {row.id: account_status(
            active=row.active, has_password=row.password_hash != UNUSABLE_PASSWORD, linked=row.id in linked,
            last_login_at=row.last_login_at, code_expires_at=expiry.get(row.id), at=at) for row in rows}

    def resend(self, principal: Principal, client_id: str) -> Invitation:
        """A new code for a login not yet taken into use (the earlier code stops working)."""
        organisation = self._manager(principal)
        with self.store.db.transaction() as s:
            row = self._student(s, organisation, client_id)
            if row is None:
                raise NotFound(N_("The client has not been invited."))
            if not row.active or row.password_hash != UNUSABLE_PASSWORD or linked_login(s, row.id):
                raise Conflict(N_("Only a login not yet taken into use gets a new code."), on=None)
            code, expires = self._issue(s, row.id, principal.user_id)
        return Invitation(Account("invited", row.username, expires), code, row.email)

    def disable(self, principal: Principal, client_id: str) -> Account:
        """No more logins with it: every token withdrawn, any pending code void."""
        organisation = self._manager(principal)
        with self.store.db.transaction() as s:
            row = self._student(s, organisation, client_id)
            if row is None:
                raise NotFound(N_("The client has not been invited."))
            s.execute(delete(invitations).where(invitations.c.user_id == row.id, invitations.c.used_at.is_(None)))
            s.execute(update(users).where(users.c.id == row.id).values(
                active=False, token_generation=users.c.token_generation + 1))
            return self._account(s, organisation, client_id)

    def remove(self, principal: Principal, client_id: str) -> Account:
        """Remove the client's login with its codes, when the client's data is erased (GDPR Art. 17)."""
        organisation = self._manager(principal)
        with self.store.db.transaction() as s:
            if remove_student_login(s, organisation, client_id) is None:
                raise NotFound(N_("The client has not been invited."))
        return Account("none")

    # --- the student's side ------------------------------------------------------------------------------

    def _find(self, session, code: str, address: str):
        """The user row a valid, unused, unexpired code is for, or None; TooManyAttempts while the address is
        limited."""
        since = now() - FAILURE_WINDOW
        failures = session.execute(select(func.count()).select_from(login_failures).where(
            login_failures.c.key == self._origin(address), login_failures.c.at >= since)).scalar_one()
        if self.store.limits.exceeded(0, failures):
            raise TooManyAttempts()
        return session.execute(select(users, invitations.c.id.label("invitation_id")).join(
            invitations, invitations.c.user_id == users.c.id).where(
            invitations.c.code_hash == self._hash(code), invitations.c.used_at.is_(None),
            invitations.c.expires_at > now(), users.c.active.is_(True))).first()

    def _origin(self, address: str) -> str:
        return self.store._failure_key("address", address_scope(address))

    def _refuse(self, address: str) -> IdentityError:
        """Count a wrong code against the caller's address (its own transaction) and say so."""
        with self.store.db.transaction() as s:
            s.execute(login_failures.insert().values(key=self._origin(address), at=now()))
        return IdentityError("code", N_("The code is not valid. Ask your service manager for a new one."))

    def holder(self, code: str, address: str) -> str:
        """The username a valid code is for (shown before the student chooses a password)."""
        with self.store.db.session() as s:
            row = self._find(s, code, address)
        if row is None:
            raise self._refuse(address)
        return row.username

    def accept(self, code: str, password: str, address: str) -> User:
        """The student sets their password with the code, which then counts no more."""
        validate_password(password)
        with self.store.db.transaction() as s:
            row = self._find(s, code, address)
            if row is not None:
                s.execute(update(invitations).where(invitations.c.id == row.invitation_id).values(used_at=now()))
                s.execute(update(users).where(users.c.id == row.id).values(
                    password_hash=hasher.hash(password), password_changed_at=now(), last_login_at=now(),
                    token_generation=users.c.token_generation + 1))
        if row is None:
            raise self._refuse(address)
        return self.store.get_by_id(row.id)
