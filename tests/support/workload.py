"""Real events of the catalogue with unique ids, for workloads across the network's real services.

Each producer's events go into its own outbox through the service's own runtime; what a consumer
makes of them is its real handlers' work.
"""
from __future__ import annotations

import uuid

from shared.runtime import ServiceRuntime

SERVICE = "intake.service.published"       # -> every intake, reporting
PARTNER = "intake.partner.registered"      # -> every intake, matching, environments, reporting
ENVIRONMENT = "environments.environment.created"  # -> every intake, matching, reporting
FAIRNESS = "matching.fairness.reported"    # -> reporting


def payload(type_: str, seq: int, organisation: str) -> dict:
    """A valid payload of `type_` whose subject is new (a fresh id), numbered `seq`."""
    if type_ == SERVICE:
        return {"service_id": str(uuid.uuid4()), "name": f"Palvelu {seq}", "description": None,
                "target_group": None, "service_area": None, "active": True}
    if type_ == PARTNER:
        return {"partner_id": str(uuid.uuid4()), "name": f"Yritys {seq} Oy", "kind": "company", "business_id": None,
                "municipality": None, "industry": None, "organisation": None}
    if type_ == ENVIRONMENT:
        return {"environment_id": str(uuid.uuid4()), "host_organisation": organisation, "name": f"Ympäristö {seq}",
                "status": "draft", "fields_of_education": [], "multidisciplinary": False, "institutions": [],
                "partner_ids": [], "need_ids": [], "municipality": None, "service_area": None, "starts_on": None,
                "ends_on": None, "capacity": 5, "roles": []}
    if type_ == FAIRNESS:
        return {"period": f"2026-{seq % 12 + 1:02d}", "group_kind": "service_area", "min_cell": 5, "groups": [],
                "warnings": []}
    raise ValueError(type_)


def emit(runtime: ServiceRuntime, type_: str, count: int, start: int = 0) -> list[str]:
    """Commit `count` events of `type_` in one transaction of `runtime`; returns their ids."""
    with runtime.work() as work:
        return [work.emit(type_, payload(type_, seq, runtime.config.organisation)).id
                for seq in range(start, start + count)]
