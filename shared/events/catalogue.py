"""The catalogue of the network's events and who subscribes to them: the bus contract.

Every event type the network knows has a schema here. `docs/asyncapi.json` is generated from
this module (`kampus asyncapi`), and a test fails when the checked-in document is out of date.
"""
from __future__ import annotations

from shared.events.contracts import environments, intake, matching
from shared.events.registry import EventRegistry, EventSpec

SERVICES = ("intake", "matching", "environments", "reporting")

SPECS: list[EventSpec] = [*intake.SPECS, *environments.SPECS, *matching.SPECS]

REGISTRY = EventRegistry(SPECS)

# Which service consumes which event types. Reporting keeps a raw log of every event fit for statistics.
SUBSCRIPTIONS: dict[str, list[str]] = {
    "intake": ["intake.person_key.published", "intake.referral.sent", "intake.referral.updated",
               "intake.client.erased", "intake.service.published", "environments.participant.enrolled",
               "environments.participant.withdrew", "environments.participant.completed",
               "environments.outcome.recorded", "environments.competence.demonstrated", "matching.suggestion.made",
               "matching.suggestion.withdrawn", "matching.suggestion.accepted", "matching.suggestion.declined",
               "intake.need.published", "intake.contact.shared"],
    "matching": ["intake.profile.shared", "intake.profile.withdrawn", "intake.consent.withdrawn",
                 "intake.client.closed", "intake.client.erased", "intake.partner.registered",
                 "intake.need.published", "matching.suggestion.declined", "environments.environment.created",
                 "environments.environment.opened", "environments.environment.started",
                 "environments.environment.completed", "environments.environment.evaluated",
                 "environments.environment.cancelled", "environments.participant.enrolled",
                 "environments.participant.withdrew", "environments.participant.completed"],
    "environments": ["intake.partner.registered", "intake.need.published", "intake.client.erased",
                     "intake.consent.withdrawn", "matching.suggestion.accepted"],
    "reporting": [spec.type for spec in REGISTRY if spec.statistics],
}


def subscriptions() -> dict[str, list[str]]:
    """Subscriptions, with reporting listening to every type fit for statistics (no identifying data)."""
    subs = {k: sorted(v) for k, v in SUBSCRIPTIONS.items()}
    subs["reporting"] = sorted(spec.type for spec in REGISTRY if spec.statistics)
    return subs


NETWORK_ORGANISATION = "verkosto"
# Services that every member organisation may host for itself; the rest run once for the network.
ORGANISATION_HOSTED = ("intake",)

