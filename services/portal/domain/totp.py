"""Rules of time-based one-time passwords (TOTP, RFC 6238) in the built-in login.

Which roles must sign in with a code is a setting (MFA_REQUIRED_ROLES); anyone may enrol. A code
counts once (not again within its time step), the clock may be one step off either way, and a
recovery code (for a lost phone) works once.
"""
from __future__ import annotations

import secrets

ISSUER_NAME = "Sosiaalinen kampus"
VALID_WINDOW = 1  # steps of 30 s accepted before and after now
RECOVERY_CODES = 8
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def mfa_required(roles: tuple[str, ...] | frozenset[str], required_roles: tuple[str, ...]) -> bool:
    """Whether a user with these roles must sign in with a one-time code."""
    return bool(set(roles) & set(required_roles))


def new_recovery_codes() -> list[str]:
    """Recovery codes shown once at enrolment, as `xxxxx-xxxxx`."""
    def code() -> str:
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        return f"{raw[:5]}-{raw[5:]}"

    return [code() for _ in range(RECOVERY_CODES)]


def normalise_code(value: str) -> str:
    """A code as typed: without spaces, case-folded (a TOTP code is digits; a recovery code `xxxxx-xxxxx`)."""
    return "".join(value.split()).lower()


def looks_like_totp(code: str) -> bool:
    return len(code) == 6 and code.isdigit()
