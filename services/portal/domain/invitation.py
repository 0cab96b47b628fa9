"""Invitations of clients to the service: the one-time code, its one written form, and an account's state."""
from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

# Letters and digits that cannot be taken for one another when read from paper (no 0/O, 1/I/L, 5/S, 2/Z).
ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
GROUPS, GROUP_SIZE = 4, 4  # 16 characters of 27: about 76 bits, beyond guessing within the attempt limits
LIFETIME = timedelta(days=14)
STATES = ("none", "invited", "active", "linked", "disabled")


def new_code() -> str:
    """A fresh one-time code, written in groups: "K7QX-9MHT-4CRW-PYEA"."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(chars[i:i + GROUP_SIZE] for i in range(0, len(chars), GROUP_SIZE))


def normalise_code(value: str) -> str:
    """The one form of a code as typed: upper case, without spaces or dashes (None-safe for junk)."""
    folded = unicodedata.normalize("NFKC", value or "").upper()
    return re.sub(r"[\s\-]", "", folded)


def account_state(*, active: bool, has_password: bool, linked: bool = False) -> str:
    """What a manager sees of a student login: invited (not yet taken into use), active (a password is set),
    linked (to the student's login at their organisation's issuer), or disabled."""
    if not active:
        return "disabled"
    if linked:
        return "linked"
    return "active" if has_password else "invited"


@dataclass(frozen=True)
class AccountStatus:
    """What an administrator sees of any account: its state (account_state's), when it last logged in, and for
    a login waiting for its code, when the code expires and whether it has."""

    state: str
    last_login_at: datetime | None = None
    code_expires_at: datetime | None = None
    code_expired: bool = False

    @property
    def never_logged_in(self) -> bool:
        """Invited and never used: the holder has not taken the account into use."""
        return self.state == "invited" and self.last_login_at is None


# What the administrator's users page may be narrowed to, each a test of an account's status.
SHOWN = {
    "invited": lambda status: status.state == "invited",
    "expired": lambda status: status.code_expired,
    "active": lambda status: status.state in ("active", "linked"),
    "disabled": lambda status: status.state == "disabled",
}


def account_status(*, active: bool, has_password: bool, linked: bool, last_login_at: datetime | None,
                   code_expires_at: datetime | None, at: datetime) -> AccountStatus:
    """An account's status at the time `at`: a login without a password that waits for its one-time code has
    expired when its newest unused code has (or it has none left). A naive moment is UTC (as SQLite gives it)."""
    last_login_at, code_expires_at = _utc(last_login_at), _utc(code_expires_at)
    state = account_state(active=active, has_password=has_password, linked=linked)
    if state != "invited":
        return AccountStatus(state, last_login_at)
    expired = code_expires_at is None or code_expires_at <= at
    return AccountStatus(state, last_login_at, code_expires_at, expired)


def _utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def username_for(display_name: str, email: str | None) -> str:
    """A username to suggest: the e-mail address, else the name in plain letters ("aino.virtanen")."""
    if email:
        return email.strip().casefold()
    plain = unicodedata.normalize("NFKD", display_name).encode("ascii", "ignore").decode().casefold()
    return ".".join(re.findall(r"[a-z0-9]+", plain)) or "opiskelija"
