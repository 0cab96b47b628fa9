"""Signed bearer tokens (JWT): HS256 with a shared secret, or RS256 from an OpenID Connect JWKS."""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt

from shared.auth.principal import ROLES, Principal

AUDIENCE = "kampus"
DEFAULT_ISSUER = "kampus"


class InvalidToken(Exception):
    """A token that is missing, expired, tampered with, or from the wrong issuer."""


@dataclass(frozen=True)
class TokenSettings:
    """How this network signs and verifies tokens."""

    secret: str
    issuer: str = DEFAULT_ISSUER
    audience: str = AUDIENCE
    lifetime: int = 8 * 3600
    jwks_url: str | None = None  # RS256 from an external provider when set
    roles_claim: str = "roles"
    organisation_claim: str = "org"

    @property
    def external(self) -> bool:
        return self.jwks_url is not None


GENERATION_CLAIM = "gen"


def issue(settings: TokenSettings, principal: Principal, *, generation: int, lifetime: int | None = None) -> str:
    """A signed HS256 token for a principal (the built-in issuer).

    `generation` is the user's token generation in the identity store when the token is made: logout,
    a new password or deactivation raise it, and every token of an older generation stops working.
    """
    now = int(time.time())
    claims = {
        "iss": settings.issuer, "aud": settings.audience, "sub": principal.user_id,
        "preferred_username": principal.username, "name": principal.name,
        settings.organisation_claim: principal.organisation, settings.roles_claim: sorted(principal.roles),
        "locale": principal.locale, "iat": now, "nbf": now, "exp": now + (lifetime or settings.lifetime),
        "jti": uuid.uuid4().hex, GENERATION_CLAIM: generation,
    }
    if principal.client_id:
        claims["client_id"] = principal.client_id
    return jwt.encode(claims, settings.secret, algorithm="HS256")


class Verifier:
    """Verifies tokens the way every service does it, by itself."""

    def __init__(self, settings: TokenSettings) -> None:
        self.settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwks_url, cache_keys=True) if settings.jwks_url else None

    def verify(self, token: str) -> Principal:
        """The principal of a token whose signature, issuer, audience and lifetime hold."""
        return self.principal(self.decode(token))

    def decode(self, token: str) -> dict:
        """The claims of a token whose signature, issuer, audience and lifetime hold."""
        s = self.settings
        try:
            if self._jwks is not None:
                key = self._jwks.get_signing_key_from_jwt(token).key
                claims = jwt.decode(token, key, algorithms=["RS256"], audience=s.audience, issuer=s.issuer,
                                    options={"require": ["exp", "iss", "sub"]})
            else:
                claims = jwt.decode(token, s.secret, algorithms=["HS256"], audience=s.audience, issuer=s.issuer,
                                    options={"require": ["exp", "iss", "sub", "aud"]})
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        return claims

    def principal(self, claims: dict) -> Principal:
        """Who the claims of a verified token name."""
        s = self.settings
        roles = claims.get(s.roles_claim) or []
        if isinstance(roles, str):
            roles = roles.split()
        return Principal(
            user_id=str(claims["sub"]), username=claims.get("preferred_username"), name=claims.get("name"),
            organisation=claims.get(s.organisation_claim), roles=frozenset(r for r in roles if r in ROLES),
            locale=claims.get("locale"), client_id=claims.get("client_id"),
        )
