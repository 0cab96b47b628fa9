"""Which issuers a service believes, and for which organisations each may speak.

The network's central issuer (the portal) may sign tokens for any organisation; an organisation's
own issuer (`issuer:` of the organisation in the network file) only for that organisation. A token
of issuer A that claims organisation B is refused everywhere: otherwise one member's login
administrator could sign a manager's token for another member and read its clients.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shared.auth.keys import JWKS_PATH, KeySource, LocalKeys, RemoteKeys


@dataclass(frozen=True)
class TrustedIssuer:
    """An issuer, where its keys are, and the organisations it may sign for (None: any, the central one)."""

    id: str
    keys: KeySource
    organisations: frozenset[str] | None

    def speaks_for(self, organisation: str | None) -> bool:
        if self.organisations is None:
            return True
        return organisation is not None and organisation in self.organisations


@dataclass(frozen=True)
class TrustMap:
    """The issuers a service believes, by their `iss`."""

    issuers: Mapping[str, TrustedIssuer]

    def get(self, issuer_id: str | None) -> TrustedIssuer | None:
        return self.issuers.get(issuer_id or "")


def for_config(config, local: LocalKeys | None = None) -> TrustMap:
    """The trust map of a process: the central issuer and each organisation's own, from the network file.

    The central issuer's keys are `local` when this process holds them (the portal, the embedded
    network), else its JWKS: the network file's, else the portal's at PORTAL_INTERNAL_URL.
    """
    lifespan = float(config.extra.get("jwks_cache_seconds", 300.0))
    cooldown = float(config.extra.get("jwks_refetch_cooldown", 30.0))  # at most one refetch per this time
    network = config.network
    issuers: dict[str, TrustedIssuer] = {}
    central = network.central_issuer(config.jwt_issuer) if network is not None else None
    central_id = central.id if central is not None else config.jwt_issuer
    if local is not None:  # this process is the portal (or embeds it): its tokens carry JWT_ISSUER
        central_id = config.jwt_issuer
        issuers[central_id] = TrustedIssuer(central_id, local, None)
    elif central is not None:
        issuers[central_id] = TrustedIssuer(central_id, RemoteKeys(central.jwks_url, lifespan, cooldown=cooldown),
                                            None)
    elif config.portal_internal_url:
        url = config.portal_internal_url.rstrip("/") + "/" + JWKS_PATH
        issuers[central_id] = TrustedIssuer(central_id, RemoteKeys(url, lifespan, cooldown=cooldown), None)
    if network is not None:
        for slug, ref in network.organisation_issuers().items():
            if ref.id not in issuers:  # ids are unique in the file; the central one keeps its reach
                issuers[ref.id] = TrustedIssuer(ref.id, RemoteKeys(ref.jwks_url, lifespan, cooldown=cooldown),
                                                frozenset({slug}))
    return TrustMap(issuers)
