"""Who an external student token names here: the student login its identity is linked to.

A token of an organisation's own issuer (or of the network's OpenID Connect provider) names a student by the
issuer's subject; the portal links that identity to the student login the manager invited, and so to the client
record (services.portal.handlers.external_logins). Every service asks, for each request of such a token, after
the token's signature held (never kept with the verified signature: a disabled login stops at once here, within
`TOKEN_CHECK_TTL` seconds at a service apart):

- the portal's own `ExternalLogins` (the portal, and every service of the embedded network), which reads its store;
- `PortalLinks`: the portal's `POST /auth/introspect` over HTTP, each answer remembered for `ttl` seconds
  (a service deployed apart from the portal, `PORTAL_INTERNAL_URL`); it learns only about the token it holds.
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

from shared.auth.principal import ROLES, Principal
from shared.auth.revocation import CheckUnavailable
from shared.auth.tokens import InvalidToken

log = structlog.get_logger("kampus.auth")
LINKED = "kampus_login"  # the introspection answer's member naming the linked student login


class ExternalLogins(Protocol):
    def resolve(self, claims: dict, principal: Principal) -> Principal:
        """The linked login's principal, the token's own while unlinked; InvalidToken when the login is disabled."""


def linked_answer(principal: Principal) -> dict:
    """The linked login as the introspection answer names it (what `PortalLinks` makes a principal of)."""
    return {"sub": principal.user_id, "preferred_username": principal.username, "name": principal.name,
            "org": principal.organisation, "roles": sorted(principal.roles), "locale": principal.locale,
            "client_id": principal.client_id}


def _principal(linked: dict) -> Principal:
    return Principal(user_id=str(linked["sub"]), username=linked.get("preferred_username"), name=linked.get("name"),
                     organisation=linked.get("org"), roles=frozenset(r for r in linked.get("roles") or []
                                                                     if r in ROLES),
                     locale=linked.get("locale"), client_id=linked.get("client_id"))


class PortalLinks:
    """Asks the portal's `POST /auth/introspect` whether, and to which login, an external token is linked."""

    def __init__(self, portal_url: str, ttl: float, *, timeout: float = 3.0, maxsize: int = 10_000,
                 timer: Callable[[], float] = time.monotonic) -> None:
        self.url = portal_url.rstrip("/") + "/auth/introspect"
        self.http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=timeout, read=timeout),
                                        retries=urllib3.Retry(total=1, connect=1, read=0, redirect=0))
        self._answers: TTLCache | None = TTLCache(maxsize=maxsize, ttl=ttl, timer=timer) if ttl > 0 else None
        self._lock = threading.Lock()

    def resolve_token(self, token: str, principal: Principal) -> Principal:
        key = hashlib.sha256(token.encode()).hexdigest()
        answer = None
        if self._answers is not None:
            with self._lock:
                answer = self._answers.get(key)
        if answer is None:
            answer = self._ask(token)
            if self._answers is not None:
                with self._lock:
                    self._answers[key] = answer
        if answer.get("active") is not True:
            raise InvalidToken("the student login linked to this identity is disabled")
        linked = answer.get(LINKED)
        return _principal(linked) if isinstance(linked, dict) and linked.get("sub") else principal

    def _ask(self, token: str) -> dict:
        try:
            response = self.http.request("POST", self.url, fields={"token": token}, encode_multipart=False)
        except urllib3.exceptions.HTTPError as exc:
            log.warning("login_link_unavailable", reason=type(exc).__name__)
            raise CheckUnavailable("the portal did not answer") from exc
        if response.status != 200:
            log.warning("login_link_unavailable", status=response.status)
            raise CheckUnavailable(f"the portal answered {response.status}")
        try:
            answer = json.loads(response.data)
        except ValueError as exc:
            raise CheckUnavailable("the portal's answer was not JSON") from exc
        if not isinstance(answer, dict):
            raise CheckUnavailable("the portal's answer was not an object")
        return answer


def resolve(links, token: str, claims: dict, principal: Principal) -> Principal:
    """The principal an external token names here, through whichever way this process has of asking."""
    if links is None or not principal.has("student"):
        return principal
    if isinstance(links, PortalLinks):
        return links.resolve_token(token, principal)
    return links.resolve(claims, principal)


def for_config(config) -> PortalLinks | None:
    """How a service apart from the portal asks (None: the portal, or the embedded network, attaches its own)."""
    if config.service == "portal" or not config.portal_internal_url:
        return None
    return PortalLinks(config.portal_internal_url, config.token_check_ttl)
