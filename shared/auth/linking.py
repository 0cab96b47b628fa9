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

from typing import Protocol

from shared.auth.principal import ROLES, Principal
from shared.auth.revocation import Introspection
from shared.auth.tokens import InvalidToken

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


class PortalLinks(Introspection):
    """Asks the portal whether, and to which login, an external token is linked (the same remembered answer
    that says whether a token holds)."""

    def resolve_token(self, token: str, principal: Principal) -> Principal:
        answer = self.answer(token)
        if answer.get("active") is not True:
            raise InvalidToken("the student login linked to this identity is disabled")
        linked = answer.get(LINKED)
        return _principal(linked) if isinstance(linked, dict) and linked.get("sub") else principal


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
