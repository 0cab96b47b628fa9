"""Whether a verified token still holds: its user exists, is active, and has not signed out since.

A signature proves who issued a token, not that it was not withdrawn since. The built-in issuer
writes the user's token generation into every token (claim `gen`); logout, a new password and
deactivation raise the generation in the identity store, so older tokens stop working. Each
service asks one of these before it believes a token:

- `StoreCheck`: the identity store itself (the portal, and every service of the embedded network);
- `PortalCheck`: the portal's introspection endpoint over HTTP, with a short, bounded cache
  (services deployed apart from the portal, `PORTAL_INTERNAL_URL`);
- `ExternalProvider`: tokens of an external OpenID Connect provider, which alone knows about
  its sessions: such a token holds until it expires.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from typing import Protocol

import structlog
import urllib3
from cachetools import TTLCache

from shared.auth.tokens import GENERATION_CLAIM

log = structlog.get_logger("kampus.auth")


class CheckUnavailable(Exception):
    """Nobody could say whether the token still holds (the portal did not answer)."""


class TokenCheck(Protocol):
    def holds(self, token: str, claims: dict) -> bool:
        """True when the token's user exists, is active and the token is of their current generation."""


class StoreCheck:
    """Asks the identity store directly: exact at once, one primary-key read per request."""

    def __init__(self, identity) -> None:
        self.identity = identity

    def holds(self, token: str, claims: dict) -> bool:
        generation = claims.get(GENERATION_CLAIM)
        if not isinstance(generation, int) or isinstance(generation, bool):
            return False
        return self.identity.token_generation(str(claims.get("sub"))) == generation


class ExternalProvider:
    """Tokens of an external OpenID Connect provider: revoked there, they hold here until they expire."""

    def holds(self, token: str, claims: dict) -> bool:
        return True


class Introspection:
    """The portal's `POST /auth/introspect`, each answer remembered for `ttl` seconds under the token's hash.

    What a service apart from the portal asks about a token: whether it still holds (`PortalCheck`) and, for an
    external student token, which student login it is linked to (`shared.auth.linking.PortalLinks`). When the
    portal does not answer, CheckUnavailable (503): nothing is believed meanwhile.
    """

    def __init__(self, portal_url: str, ttl: float, *, timeout: float = 3.0, maxsize: int = 10_000,
                 timer: Callable[[], float] = time.monotonic) -> None:
        self.url = portal_url.rstrip("/") + "/auth/introspect"
        self.http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=timeout, read=timeout),
                                        retries=urllib3.Retry(total=1, connect=1, read=0, redirect=0))
        self._answers: TTLCache | None = TTLCache(maxsize=maxsize, ttl=ttl, timer=timer) if ttl > 0 else None
        self._lock = threading.Lock()

    def answer(self, token: str) -> dict:
        """The portal's answer about the token, at most `ttl` seconds old."""
        key = hashlib.sha256(token.encode()).hexdigest()
        if self._answers is not None:
            with self._lock:
                known = self._answers.get(key)
            if known is not None:
                return known
        found = self._ask(token)
        if self._answers is not None:
            with self._lock:
                self._answers[key] = found
        return found

    def _ask(self, token: str) -> dict:
        try:
            response = self.http.request("POST", self.url, fields={"token": token}, encode_multipart=False)
        except urllib3.exceptions.HTTPError as exc:
            log.warning("token_check_unavailable", reason=type(exc).__name__)
            raise CheckUnavailable("the portal did not answer") from exc
        if response.status != 200:
            log.warning("token_check_unavailable", status=response.status)
            raise CheckUnavailable(f"the portal answered {response.status}")
        try:
            found = json.loads(response.data)
        except ValueError as exc:
            raise CheckUnavailable("the portal's answer was not JSON") from exc
        if not isinstance(found, dict):
            raise CheckUnavailable("the portal's answer was not an object")
        return found


class PortalCheck(Introspection):
    """Asks the portal whether a token still holds: a withdrawn token therefore holds here for at most `ttl`
    seconds more, and a token the portal has not vouched for within `ttl` is neither accepted nor refused while
    the portal does not answer (503), so a signed-out user is never let in meanwhile."""

    def holds(self, token: str, claims: dict) -> bool:
        return self.answer(token).get("active") is True


def for_config(config) -> TokenCheck | None:
    """The check a process's settings call for, or None when it has no way to check (tokens then fail)."""
    if config.oidc_jwks_url:
        return ExternalProvider()
    if config.service == "portal":
        return None  # the portal's setup attaches its own identity store's StoreCheck
    if config.portal_internal_url:
        return PortalCheck(config.portal_internal_url, config.token_check_ttl)
    return None
