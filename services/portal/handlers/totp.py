"""Users' one-time passwords (TOTP) on the portal's database: enrolment, checking a code, recovery, reset.

Wrong codes count like wrong passwords (the same LoginLimits within FAILURE_WINDOW, per account and
per address, in the same table), so a six-digit code cannot be guessed by trying.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import UTC, datetime

import pyotp
from sqlalchemy import delete, select, update

from services.portal.db import login_failures, totp_credentials
from services.portal.domain.identity import IdentityError, LoginLimits, address_scope
from services.portal.domain.totp import (
    ISSUER_NAME,
    VALID_WINDOW,
    looks_like_totp,
    new_recovery_codes,
    normalise_code,
)
from services.portal.handlers.identity import check_failures, count_failure
from shared.db import Database

SECRET = re.compile(r"^[A-Z2-7]{32}$")  # what new_secret() makes: 160 bits in base32


def now() -> datetime:
    return datetime.now(UTC)


class TotpStore:
    """One-time passwords of the built-in login's users."""

    def __init__(self, db: Database, pepper: str, limits: LoginLimits = LoginLimits()) -> None:
        self.db = db
        self.pepper = pepper.encode()
        self.limits = limits

    def _hash(self, kind: str, value: str) -> str:
        return hmac.new(self.pepper, f"{kind}|{value}".encode(), hashlib.sha256).hexdigest()

    def enrolled(self, user_id: str) -> bool:
        """Whether the user has confirmed a TOTP secret (and so must give a code at every login)."""
        with self.db.session() as s:
            return s.execute(select(totp_credentials.c.confirmed_at)
                             .where(totp_credentials.c.user_id == user_id)).scalar() is not None

    @staticmethod
    def new_secret() -> str:
        """A new secret to show (text and QR code); it is stored only once a code from it is confirmed."""
        return pyotp.random_base32()

    @staticmethod
    def provisioning_uri(secret: str, username: str) -> str:
        """The otpauth:// address an authenticator app reads from the QR code."""
        return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER_NAME)

    def confirm(self, user_id: str, secret: str, code: str, address: str) -> list[str]:
        """Set up the secret shown to the user, proven with a code from their app; the recovery codes to show
        once. IdentityError on `code` when the code is wrong or a one-time password is set up already."""
        if not SECRET.fullmatch(secret or ""):
            raise IdentityError("code", "Start the setup again")
        with self.db.transaction() as s:
            if s.execute(select(totp_credentials.c.user_id).where(totp_credentials.c.user_id == user_id)).first():
                raise IdentityError("code", "A one-time password is set up already")
            step = self._limited_check(s, user_id, address, secret, normalise_code(code), None)
            if step is None:
                raise IdentityError("code", "The code is not right")
            codes = new_recovery_codes()
            s.execute(totp_credentials.insert().values(
                user_id=user_id, secret=secret, created_at=now(), confirmed_at=now(), last_step=step,
                recovery_hashes=",".join(self._hash("recovery", c) for c in codes)))
        return codes

    def verify(self, user_id: str, code: str, address: str) -> bool:
        """Whether a code (or an unused recovery code) is right for an enrolled user; TooManyAttempts while
        the account or the address is limited. A code counts once."""
        code = normalise_code(code)
        with self.db.transaction() as s:
            row = s.execute(select(totp_credentials).where(totp_credentials.c.user_id == user_id)).first()
            if row is None or row.confirmed_at is None:
                return False
            if looks_like_totp(code):
                step = self._limited_check(s, user_id, address, row.secret, code, row.last_step)
                if step is None:
                    return False
                s.execute(update(totp_credentials).where(totp_credentials.c.user_id == user_id)
                          .values(last_step=step))
                return True
            hashes = [h for h in row.recovery_hashes.split(",") if h]
            wanted = self._hash("recovery", code)
            self._check_limits(s, user_id, address)
            if wanted not in hashes:
                self._fail(s, user_id, address)
                return False
            hashes.remove(wanted)
            s.execute(update(totp_credentials).where(totp_credentials.c.user_id == user_id)
                      .values(recovery_hashes=",".join(hashes)))
            return True

    def recovery_codes_left(self, user_id: str) -> int:
        with self.db.session() as s:
            value = s.execute(select(totp_credentials.c.recovery_hashes)
                              .where(totp_credentials.c.user_id == user_id)).scalar()
        return len([h for h in (value or "").split(",") if h])

    def reset(self, user_id: str) -> bool:
        """Remove a user's one-time password (an administrator's reset, e.g. a lost phone); True if one was set."""
        with self.db.transaction() as s:
            return s.execute(delete(totp_credentials).where(totp_credentials.c.user_id == user_id)).rowcount > 0

    # --- rate limiting, shared with passwords ---------------------------------------------------------

    def _keys(self, user_id: str, address: str) -> tuple[str, str]:
        return self._hash("totp-account", user_id), self._hash("address", address_scope(address))

    def _check_limits(self, s, user_id: str, address: str) -> None:
        check_failures(s, self.limits, *self._keys(user_id, address))

    def _fail(self, s, user_id: str, address: str) -> None:
        count_failure(s, *self._keys(user_id, address))

    def _limited_check(self, s, user_id: str, address: str, secret: str, code: str,
                       last_step: int | None) -> int | None:
        """The time step of a right code not used before, or None (and a failure counted)."""
        self._check_limits(s, user_id, address)
        totp = pyotp.TOTP(secret)
        at = now()
        if looks_like_totp(code):
            for offset in range(-VALID_WINDOW, VALID_WINDOW + 1):
                moment = at.timestamp() + offset * totp.interval
                step = totp.timecode(datetime.fromtimestamp(moment, UTC))
                if hmac.compare_digest(totp.at(moment), code) and (last_step is None or step > last_step):
                    s.execute(delete(login_failures).where(login_failures.c.key == self._keys(user_id, address)[0]))
                    return step
        self._fail(s, user_id, address)
        return None


def for_config(db: Database, config) -> TotpStore:
    return TotpStore(db, pepper=config.secret_key, limits=LoginLimits(
        per_account=config.login_failures_per_account, per_address=config.login_failures_per_address))
