"""Users and the rules of the built-in login: one form of a username, password length, failed-login limits."""
from __future__ import annotations

import ipaddress
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from shared.auth.principal import Principal
from shared.errors import N_, Invalid

FAILURE_WINDOW = timedelta(minutes=15)
UNUSABLE_PASSWORD = "!"  # the hash of an account that cannot log in with a password


@dataclass(frozen=True)
class LoginLimits:
    """Failed logins allowed within FAILURE_WINDOW, per account (any address) and per address (any account)."""

    per_account: int = 5
    per_address: int = 30

    def exceeded(self, account_failures: int, address_failures: int) -> bool:
        """Whether the account or the address has failed too often within the window."""
        return account_failures >= self.per_account or address_failures >= self.per_address


class IdentityError(Invalid):
    """A request the identity store refuses, with the field it concerns."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__({field: [message]}, message)
        self.field = field


class TooManyAttempts(Exception):
    """Too many failed logins for this account, or from this address."""


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
    generation: int = 1

    def principal(self) -> Principal:
        return Principal(user_id=self.id, username=self.username, name=self.display_name,
                         organisation=self.organisation, roles=frozenset(self.roles), locale=self.locale,
                         client_id=self.client_id)


def normalise_username(value: str) -> str:
    """The one form of a username, at creation and at login: NFKC, case-folded, no surrounding space.

    "Student8", " student8" and "ｓｔｕｄｅｎｔ８" are one account, so neither a login nor its
    rate limit can be had again by writing the name another way.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).casefold())
    return folded.strip()


def check_username(username: str) -> None:
    """A normalised username fits: 1-80 characters, no control characters or line breaks."""
    if not username or len(username) > 80:
        raise IdentityError("username", N_("Give a username of at most 80 characters"))
    if any(unicodedata.category(c)[0] in "CZ" and c != " " for c in username):
        raise IdentityError("username", N_("A username has no control characters or line breaks"))


def check_roles(roles: list[str], known: tuple[str, ...]) -> None:
    """At least one role, each of the network's."""
    bad = [r for r in roles if r not in known]
    if not roles or bad:
        raise IdentityError("roles", f"Roles must be among: {', '.join(known)}")


def address_scope(address: str) -> str:
    """What one failed-login limit counts per: an IPv4 address, or the /64 network of an IPv6 one."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def validate_password(password: str) -> None:
    if len(password) < 10:
        raise IdentityError("password", "The password must have at least 10 characters")
