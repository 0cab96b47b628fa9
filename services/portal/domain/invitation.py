"""Invitations of clients to the service: the one-time code, its one written form, and an account's state."""
from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import timedelta

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


def username_for(display_name: str, email: str | None) -> str:
    """A username to suggest: the e-mail address, else the name in plain letters ("aino.virtanen")."""
    if email:
        return email.strip().casefold()
    plain = unicodedata.normalize("NFKD", display_name).encode("ascii", "ignore").decode().casefold()
    return ".".join(re.findall(r"[a-z0-9]+", plain)) or "opiskelija"
