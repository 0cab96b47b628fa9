"""Signing keys of an issuer and where a verifier finds an issuer's public keys.

An issuer (the network's portal, or an organisation's own) signs its tokens with a private key of
its own (Ed25519, `EdDSA`) and publishes the public halves as a JSON Web Key Set (JWKS) at a
well-known URL; every key has an id (`kid`) that the token's header names, so a new key can sign
while tokens of the previous one still verify (rotation). A verifier reads an issuer's keys from:

- `RemoteKeys`: its JWKS over HTTP, cached, fetched again when a token names a key it does not know;
- `LocalKeys`: the issuer's own keys in the same process (the portal, the embedded network).
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm

SIGNING_ALGORITHM = "EdDSA"
ASYMMETRIC_ALGORITHMS = ("EdDSA", "RS256", "ES256")  # what a verifier accepts from a JWKS: never HS256
JWKS_PATH = ".well-known/jwks.json"


class KeysUnavailable(Exception):
    """An issuer's key set could not be fetched just now (its JWKS did not answer)."""


@dataclass(frozen=True)
class SigningKey:
    """One private key of an issuer and its id."""

    kid: str
    private_pem: bytes

    @property
    def private_key(self) -> Ed25519PrivateKey:
        key = serialization.load_pem_private_key(self.private_pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"signing key {self.kid} is not an Ed25519 key")
        return key

    def public_jwk(self) -> dict[str, Any]:
        """The public half as a JWK, with its id, algorithm and use."""
        jwk = json.loads(OKPAlgorithm.to_jwk(self.private_key.public_key()))
        return {**jwk, "kid": self.kid, "alg": SIGNING_ALGORITHM, "use": "sig"}

    def sign(self, claims: dict) -> str:
        return jwt.encode(claims, self.private_key, algorithm=SIGNING_ALGORITHM, headers={"kid": self.kid})


def new_signing_key(at: datetime | None = None) -> SigningKey:
    """A fresh Ed25519 key; its id tells when it was made (and a random tail keeps ids unique)."""
    at = at or datetime.now(UTC)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return SigningKey(f"{at:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}", pem)


def jwks(keys: Iterable[SigningKey]) -> dict[str, list[dict]]:
    """The JWKS document of these keys (public halves only)."""
    return {"keys": [k.public_jwk() for k in keys]}


class KeySource(Protocol):
    def key_for(self, kid: str | None) -> Any | None:
        """The public key with this id, or None when the issuer publishes no such key."""


class LocalKeys:
    """An issuer's own keys, read through `published` (e.g. the portal's key store)."""

    def __init__(self, published: Callable[[], list[SigningKey]]) -> None:
        self.published = published

    def key_for(self, kid: str | None) -> Any | None:
        for key in self.published():
            if key.kid == kid:
                return key.private_key.public_key()
        return None


class RemoteKeys:
    """An issuer's JWKS over HTTP, cached for `lifespan` seconds and fetched again for an unknown key id."""

    def __init__(self, url: str, lifespan: float = 300.0, timeout: int = 5, cooldown: float = 30.0) -> None:
        self.url = url
        self.client = jwt.PyJWKClient(url, cache_jwk_set=True, lifespan=lifespan, cache_keys=False,
                                      timeout=timeout)
        # Unknown key ids fetch the set again at most once per `cooldown` seconds (no fetch storm).
        self.client.cooldown_duration = cooldown

    def key_for(self, kid: str | None) -> Any | None:
        if not kid:
            return None
        try:
            return self.client.get_signing_key(kid).key  # refetches the set once when kid is unknown
        except jwt.PyJWKClientConnectionError as exc:
            raise KeysUnavailable(f"{self.url}: {exc}") from exc
        except jwt.PyJWKClientError:
            return None
