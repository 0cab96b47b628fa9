"""The network-wide export of everything held about a person (GDPR Art. 15 and 20).

Intake holds the person and knows the pseudonymous id; it asks every network service what it holds under
that id (`SubjectSources`, over their APIs with the manager's own token) and assembles one document with
the controller's purposes, legal bases and retention schedule (Art. 15(1)), readable as a page or PDF.
"""
from __future__ import annotations

from typing import Protocol

from services.intake.handlers import gdpr
from shared.auth.principal import Principal
from shared.events.envelope import utcnow
from shared.privacy.register import for_organisation
from shared.runtime import Work

FORMAT = "kampus-network-export/1"
SERVICES_ASKED = ("matching", "environments", "reporting", "portal")


class SourceUnavailable(Exception):
    """A service did not answer what it holds."""


class SubjectSources(Protocol):
    def holdings(self, service: str, client_id: str) -> dict[str, list[dict]]:
        """The service's rows about the client, by table (raises SourceUnavailable)."""


def network_export(work: Work, principal: Principal, client_id, sources: SubjectSources) -> dict:
    """Intake's export of the client and what every network service holds about them (the export is audited)."""
    own = gdpr.export_for(work, principal, client_id, why="right_of_access")
    services = {}
    for name in SERVICES_ASKED:
        try:
            services[name] = {"available": True, "sections": sources.holdings(name, own["client"]["id"])}
        except SourceUnavailable:
            services[name] = {"available": False, "sections": {}}
    register = for_organisation(work.runtime.config, own["controller"])
    dpo = {"name": register.dpo.name, "email": register.dpo.email} if register.dpo else None
    return {
        "format": FORMAT,
        "exported_at": utcnow().isoformat(),
        "controller": {"organisation": own["controller"], "kind": register.controller_kind, "dpo": dpo},
        "purposes": {name: {"basis": p.basis, "law": p.law} for name, p in register.purposes.items()},
        "retention": {name: {"after": r.after, "days": r.days, "then": r.then}
                      for name, r in sorted(register.retention_rules.items())},
        "client": own["client"],
        "intake": own["data"],
        "services": services,
    }
