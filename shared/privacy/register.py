"""A controller's register of processing: purposes and legal bases, retention per record type.

Read from the `privacy:` block of an organisation in the network file; an organisation without one
(or a process without a network file) gets `DEFAULT_PRIVACY`, the demo's values.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CONTROLLER_KINDS = ("public_body", "company", "ngo")
BASES = ("public_task", "legal_obligation", "contract", "legitimate_interest", "consent")
THEN = ("delete", "anonymise", "archive", "keep")

DEFAULT_PRIVACY: dict[str, Any] = {
    "controller_kind": "public_body",
    "dpo": {"name": "", "email": ""},
    "purposes": {
        "guidance": {"basis": "public_task"},
        "matching": {"basis": "consent"},
        "contact_sharing": {"basis": "consent"},
        "statistics": {"basis": "public_task"},
        "esf_reporting": {"basis": "legal_obligation", "law": "EU 2021/1057 art. 17 and annex I"},
    },
    "retention": {
        "client_record": {"after": "case_closed", "days": 1825, "then": "archive"},
        "case_notes": {"after": "case_closed", "days": 1825, "then": "archive"},
        "audit_log": {"after": "created", "days": 730, "then": "delete"},
        "outbox": {"after": "published", "days": 30, "then": "delete"},
        "inbox": {"after": "processed", "days": 90, "then": "delete"},
        "dead_letters": {"after": "created", "days": 90, "then": "delete"},
        "messages": {"after": "created", "days": 365, "then": "delete"},
        "rights_requests": {"after": "decided", "days": 1825, "then": "delete"},
        "read_models": {"after": "withdrawn", "days": 30, "then": "delete"},
        "suggestions": {"after": "decided", "days": 365, "then": "delete"},
        "participations": {"after": "ended", "days": 1825, "then": "anonymise"},
        "raw_events": {"after": "occurred", "days": 3650, "then": "anonymise"},
    },
}


@dataclass(frozen=True)
class RetentionRule:
    """How long one record type is kept after what, and what happens to it then."""

    record_type: str
    after: str
    days: int
    then: str


@dataclass(frozen=True)
class PrivacyRegister:
    """One controller's purposes, legal bases and retention schedule."""

    organisation: str
    controller_kind: str = "public_body"
    dpo: Mapping[str, str] = field(default_factory=dict)
    purposes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    retention_rules: Mapping[str, RetentionRule] = field(default_factory=dict)

    def basis(self, purpose: str) -> str:
        return self.purposes[purpose]["basis"]

    def needs_consent(self, purpose: str) -> bool:
        return self.basis(purpose) == "consent"

    def retention(self, record_type: str) -> RetentionRule:
        """The rule of a record type (KeyError for one the register does not know)."""
        return self.retention_rules[record_type]


def _block_of(network_or_config: Any, organisation: str) -> Mapping[str, Any]:
    """The organisation's `privacy:` block, or {} (a Config is asked for its network)."""
    network = network_or_config
    if network is not None and not hasattr(network, "organisations") and hasattr(network, "network"):
        network = network.network  # a Config: its network file's description, or None
    orgs = getattr(network, "organisations", None) or {}
    org = orgs.get(organisation)
    block = getattr(org, "privacy", None) if org is not None else None
    return block or {}


def from_block(organisation: str, block: Mapping[str, Any] | None = None) -> PrivacyRegister:
    """The register a `privacy:` block declares, each part missing from it taken from DEFAULT_PRIVACY."""
    block = block or {}
    retention = {**DEFAULT_PRIVACY["retention"], **(block.get("retention") or {})}
    return PrivacyRegister(
        organisation=organisation,
        controller_kind=block.get("controller_kind", DEFAULT_PRIVACY["controller_kind"]),
        dpo=dict(block.get("dpo") or DEFAULT_PRIVACY["dpo"]),
        purposes={**DEFAULT_PRIVACY["purposes"], **(block.get("purposes") or {})},
        retention_rules={name: RetentionRule(name, r["after"], int(r["days"]), r["then"])
                         for name, r in retention.items()},
    )


def for_organisation(network_or_config: Any, organisation: str) -> PrivacyRegister:
    """The register of an organisation from a Network or a Config (None: the defaults)."""
    return from_block(organisation, _block_of(network_or_config, organisation))
