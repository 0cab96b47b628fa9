"""Disclosures through events: an event that names a client tells other parties about them, so the
unit of work that emits it logs one `disclose` entry per event type and recipient, naming the clients."""
from __future__ import annotations

from collections.abc import Iterable

from shared.audit.entry import SYSTEM, Actor, Entry

NETWORK = "network"  # a broadcast event: every subscribing service of the network receives it

# The purpose of the disclosure, by the event type's thing (intake.<thing>.<verb>); the rest serve the network.
PURPOSE_BY_THING = {
    "statistics": "statistics", "metric": "statistics", "outcome": "statistics",
    "profile": "matching", "suggestion": "matching",
    "contact": "contact_sharing",
    "referral": "referral", "referral_note": "referral",
    "person_key": "overlap", "overlap": "overlap",
    "participant": "environment", "assessment": "environment", "competence": "environment",
}


def disclosures(envelopes: Iterable, actor: Actor = SYSTEM) -> list[Entry]:
    """One entry per (event type, recipient, controller) for the events that carry a client id."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for envelope in envelopes:
        client_id = envelope.payload.get("client_id")
        if not client_id:
            continue
        recipient = envelope.recipient or NETWORK
        grouped.setdefault((envelope.type, recipient, envelope.organisation), []).append(str(client_id))
    return [Entry("disclose", "event", PURPOSE_BY_THING.get(type_.split(".")[1], "network_service"), actor,
                  subject_ids=tuple(dict.fromkeys(ids)), organisation=organisation,
                  detail={"event_type": type_, "recipient": recipient, "count": len(ids)})
            for (type_, recipient, organisation), ids in grouped.items()]
