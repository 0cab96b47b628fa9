"""Signed bearer tokens (JWT).

The built-in issuer (the portal) signs with a key of its own (EdDSA, `JWT_SIGNING=eddsa`) that
services verify with its published keys, or, in a development or single-organisation network,
with a secret shared by every process (HS256, `JWT_SECRET`). Tokens of an organisation's own
issuer, or of an external OpenID Connect provider (`OIDC_JWKS_URL`), verify with that issuer's
JWKS; the trust map (shared.auth.trust) says for which organisations each issuer may speak.
"""
from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import jwt
from cachetools import TTLCache

from shared.auth.keys import ASYMMETRIC_ALGORITHMS, KeySource, SigningKey
from shared.auth.principal import ROLES, Principal

if TYPE_CHECKING:
    from shared.auth.trust import TrustMap

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
    algorithm: str = "HS256"  # what the built-in issuer signs with: HS256 (shared secret) or EdDSA
    signer: Callable[[], SigningKey] | None = field(default=None, compare=False)  # the issuer's active key

    @property
    def symmetric(self) -> bool:
        """Whether tokens are signed with the shared secret (development, a single organisation)."""
        return self.algorithm == "HS256"

    @property
    def external(self) -> bool:
        return self.jwks_url is not None


GENERATION_CLAIM = "gen"
AMR_CLAIM = "amr"  # how the user proved who they are (RFC 8176): ["pwd"], or ["pwd", "otp", "mfa"]


def issue(settings: TokenSettings, principal: Principal, *, generation: int, lifetime: int | None = None,
          amr: tuple[str, ...] = ("pwd",)) -> str:
    """A signed token for a principal (the built-in issuer): EdDSA with its active key, or HS256.

    `generation` is the user's token generation in the identity store when the token is made: logout,
    a new password or deactivation raise it, and every token of an older generation stops working.
    """
    now = int(time.time())
    claims = {
        "iss": settings.issuer, "aud": settings.audience, "sub": principal.user_id,
        "preferred_username": principal.username, "name": principal.name,
        settings.organisation_claim: principal.organisation, settings.roles_claim: sorted(principal.roles),
        "locale": principal.locale, "iat": now, "nbf": now, "exp": now + (lifetime or settings.lifetime),
        "jti": uuid.uuid4().hex, GENERATION_CLAIM: generation, AMR_CLAIM: list(amr),
    }
    if principal.client_id:
        claims["client_id"] = principal.client_id
    if not settings.symmetric:
        if settings.signer is None:
            raise RuntimeError("this process holds no signing key of the issuer")
        return settings.signer().sign(claims)
    return jwt.encode(claims, settings.secret, algorithm="HS256")


class Verifier:
    """Verifies tokens the way every service does it, by itself.

    A token whose signature, issuer and audience held is remembered for `remember` seconds (at most `kept`
    tokens), and within that time only its lifetime is checked again: an API client sends the same token with
    every request, and PyJWT's parsing and checks of it cost a fifth of a cheap request. Whether the token
    still holds (signed out, deactivated) is not remembered here: the token check (revocation.py) asks; nor
    whether its issuer still publishes its key: a remembered token of a retired key is refused at once.
    """

    def __init__(self, settings: TokenSettings, trust: TrustMap | None = None, *, remember: float = 60.0,
                 kept: int = 10_000, clock: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self.trust = trust
        self._jwks = jwt.PyJWKClient(settings.jwks_url, cache_keys=True) if settings.jwks_url else None
        self._clock = clock
        self._verified: TTLCache | None = (TTLCache(maxsize=kept, ttl=remember, timer=time.monotonic)
                                           if remember > 0 else None)
        self._lock = threading.Lock()  # gunicorn's threads share the process's verifier

    def verify(self, token: str) -> Principal:
        """The principal of a token whose signature, issuer, audience and lifetime hold."""
        return self.principal(self.decode(token))

    def decode(self, token: str) -> dict:
        """The claims of a token whose signature, issuer, audience and lifetime hold."""
        if self._verified is None:
            return self._decode(token)
        with self._lock:
            kept = self._verified.get(token)
        if kept is not None:
            claims, source = kept
            if claims["exp"] > self._clock() and (source is None or source[0].key_for(source[1]) is not None):
                return dict(claims)
        claims, source = self._checked(token)  # an expired one, or one of a retired key, raises here
        with self._lock:
            self._verified[token] = (claims, source)
        return dict(claims)

    def _decode(self, token: str) -> dict:
        return self._checked(token)[0]

    def _checked(self, token: str) -> tuple[dict, tuple[KeySource, str | None] | None]:
        """The claims, and where the key that verified them came from when the issuer may retire it."""
        s = self.settings
        try:
            algorithm = jwt.get_unverified_header(token).get("alg")
            if algorithm in ASYMMETRIC_ALGORITHMS and self.trust is not None and self._jwks is None:
                return self._decode_trusted(token)
            if self._jwks is not None:
                key = self._jwks.get_signing_key_from_jwt(token).key
                claims = jwt.decode(token, key, algorithms=["RS256"], audience=s.audience, issuer=s.issuer,
                                    options={"require": ["exp", "iss", "sub"]})
            else:
                if not s.symmetric or not s.secret:
                    raise InvalidToken("tokens signed with a shared secret are not accepted here")
                claims = jwt.decode(token, s.secret, algorithms=["HS256"], audience=s.audience, issuer=s.issuer,
                                    options={"require": ["exp", "iss", "sub", "aud"]})
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        return claims, None

    def _decode_trusted(self, token: str) -> tuple[dict, tuple[KeySource, str | None]]:
        """The claims of a token of an issuer in the trust map, which may speak for the organisation it names."""
        assert self.trust is not None
        s = self.settings
        unverified = jwt.decode(token, options={"verify_signature": False})
        issuer = self.trust.get(unverified.get("iss"))
        if issuer is None:
            raise InvalidToken("unknown issuer")
        kid = jwt.get_unverified_header(token).get("kid")
        key = issuer.keys.key_for(kid)
        if key is None:
            raise InvalidToken("the issuer publishes no key with this id")
        claims = jwt.decode(token, key, algorithms=list(ASYMMETRIC_ALGORITHMS), audience=s.audience,
                            issuer=issuer.id, options={"require": ["exp", "iss", "sub", "aud"]})
        if not issuer.speaks_for(claims.get(s.organisation_claim)):
            raise InvalidToken("this issuer may not sign for the organisation the token names")
        return claims, (issuer.keys, kid)

    def built_in(self, claims: dict) -> bool:
        """Whether verified claims come from the built-in issuer, whose identity store says if they still hold
        (never with an external OpenID Connect provider, `OIDC_JWKS_URL`, whose tokens carry JWT_ISSUER)."""
        return not self.settings.external and claims.get("iss") == self.settings.issuer
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
