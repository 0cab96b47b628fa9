"""Privacy notices and records of processing: the network, each controller's register and notice."""
from __future__ import annotations

from services.portal.domain import notice as notices
from services.portal.domain import record as records
from shared import network as networks
from shared.errors import NotFound
from shared.network import Network
from shared.privacy import register


def network_of(config, store) -> Network:
    """The network file's network; without one (the embedded network), the identity store's organisations."""
    configured = config.network
    if configured is not None:
        return configured
    organisations = {o["slug"]: {"name": o["name"], "kind": o["kind"], "member": bool(o["member"])}
                     for o in store.list_organisations()}
    return networks.parse({"organisations": organisations or {"verkosto": {
        "name": "Sosiaalinen kampus", "kind": "development_organisation"}}})


def notice_of(network: Network, organisation: str) -> notices.Notice:
    """The notice of one controller of the network (NotFound for any other organisation)."""
    if organisation not in {p.slug for p in notices.controllers(network)}:
        raise NotFound("No privacy notice for this organisation")
    return notices.build(network, register.for_organisation(network, organisation))


def record_of(network: Network, organisation: str) -> dict:
    """The record of processing activities (art. 30) of one controller, as data."""
    return records.record(notice_of(network, organisation))
