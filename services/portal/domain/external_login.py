"""When an external identity (a student's login at their organisation's issuer) may be linked to a student login.

An external identity is linked only by a safe proof, never by a name and never across organisations:

- `code`: the invitation's one-time code, redeemed while signed in with the external identity;
- `email`: the token says the address is verified (`email_verified: true`, the boolean) and exactly one student
  login of the token's organisation was invited with that address, which is not yet taken into use.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PROOFS = ("code", "email")


@dataclass(frozen=True)
class Candidate:
    """A student login of the token's organisation as the rule needs it."""

    user_id: str
    organisation: str
    email: str | None
    active: bool
    in_use: bool  # a password is set, or an external identity is linked already


def normalise_email(value: object) -> str | None:
    """The one form of an address for comparison (NFKC, case-folded, no surrounding space), or None."""
    if not isinstance(value, str):
        return None
    folded = unicodedata.normalize("NFKC", value).strip().casefold()
    return folded if "@" in folded else None


def verified_email(claims: dict) -> str | None:
    """The token's e-mail address when the issuer says it is verified (the JSON boolean true only)."""
    if claims.get("email_verified") is not True:
        return None
    return normalise_email(claims.get("email"))


def email_match(claims: dict, organisation: str | None, logins: Iterable[Candidate]) -> str | None:
    """The user id of the one login a verified e-mail claim proves, or None.

    `logins` are the student logins to consider; those of other organisations never count. When two or more
    logins of the organisation have the address (two clients with one address) nobody is linked, whatever their
    state; nor is a disabled login or one taken into use already.
    """
    email = verified_email(claims)
    if email is None or not organisation:
        return None
    same: Sequence[Candidate] = [c for c in logins
                                 if c.organisation == organisation and normalise_email(c.email) == email]
    if len(same) != 1:
        return None
    [found] = same
    return found.user_id if found.active and not found.in_use else None


def may_use_code(*, token_organisation: str | None, login_organisation: str, active: bool, in_use: bool) -> bool:
    """Whether an invitation's code may link the external identity that redeems it to the invited login."""
    return bool(token_organisation) and token_organisation == login_organisation and active and not in_use
