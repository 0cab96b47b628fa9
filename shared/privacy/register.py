"""The register of processing per controller: purposes and their legal bases, retention, DPO, kind.

Each controller organisation may carry a `privacy:` block in the network file (docs/privacy.md);
what it leaves out comes from `DEFAULT_PRIVACY`, the demo's values. Every service reads the register
through `for_organisation`, so a member's data-protection officer changes a basis in one place and
the consent forms, the events, the notice and the Art 30 record follow.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from marshmallow import Schema, ValidationError, validate

from shared.errors import N_
from shared.web import fields

BASES = ("public_task", "legal_obligation", "contract", "legitimate_interest", "consent")
THEN = ("delete", "anonymise", "archive", "keep")
CONTROLLER_KINDS = ("public_body", "company", "ngo")
CODE = r"^[a-z][a-z0-9_]{0,39}$"

# The demo's register, and what a controller's block leaves out (docs/privacy.md explains each choice).
DEFAULT_PRIVACY: Mapping[str, Any] = MappingProxyType({
    "controller_kind": "public_body",
    "dpo": None,
    "purposes": {
        "guidance": {"basis": "public_task",
                     "law": "Act on Vocational Education 531/2017; Youth Act 1285/2016; "
                            "Compulsory Education Act 1214/2020"},
        "matching": {"basis": "consent"},
        "contact_sharing": {"basis": "consent"},
        "overlap": {"basis": "consent"},  # telling two members they serve the same person (shared clients)
        "statistics": {"basis": "public_task", "law": "Youth Act 1285/2016"},
        "esf_reporting": {"basis": "legal_obligation", "law": "EU 2021/1057 art. 17 and annex I; "
                                                              "EU 2021/1060 art. 72; Act 757/2021"},
    },
    "retention": {
        "client_record": {"after": "case_closed", "days": 1825, "then": "archive"},
        "case_notes": {"after": "case_closed", "days": 1825, "then": "archive"},
        "client_notes": {"after": "noted", "days": 1825, "then": "delete"},  # asiakaskirjaukset, by their day
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
})

# What each retention rule keeps, and from when it counts, named for people.
RECORD_TYPES = {
    "client_record": N_("Client records"), "case_notes": N_("Case notes"),
    "audit_log": N_("Log of reads and changes"), "outbox": N_("Events waiting to be sent"),
    "dead_letters": N_("Events that could not be delivered"), "messages": N_("Messages"),
    "client_notes": N_("Client notes"), "inbox": N_("Events received from other services"),
    "rights_requests": N_("Requests about your rights"), "read_models": N_("Copies other services keep"),
    "suggestions": N_("Match suggestions"), "participations": N_("Participation in learning environments"),
    "raw_events": N_("Event history for statistics"),
}
AFTER = {"case_closed": N_("after the case is closed"), "created": N_("after it was written"),
         "published": N_("after it was sent"), "noted": N_("after it was written down"),
         "processed": N_("after it was handled"), "decided": N_("after the decision"),
         "withdrawn": N_("after the consent is withdrawn"), "ended": N_("after the participation ends"),
         "occurred": N_("after it happened")}
# Finnish laws the registers name (as the network file writes them): pages name each in the reader's language.
LAWS = (N_("Act on Vocational Education 531/2017"), N_("Youth Act 1285/2016"),
        N_("Compulsory Education Act 1214/2020"), N_("Act 757/2021"),
        N_("Universities of Applied Sciences Act 932/2014"))


def law_parts(law: str) -> list[str]:
    """A register's law field cut at its semicolons (a page translates each part that is in LAWS)."""
    return [part.strip() for part in law.split(";") if part.strip()]


# The controller kind an organisation of the network file has when its block does not say.
KIND_OF_ORGANISATION = {"company": "company", "third_sector": "ngo"}


class PrivacyError(ValueError):
    """A purpose or record type the register does not know."""


@dataclass(frozen=True)
class Purpose:
    """One purpose of processing and the legal basis (Art 6(1)) it rests on."""

    code: str
    basis: str
    law: str | None = None


@dataclass(frozen=True)
class RetentionRule:
    """How long one type of record is kept: `days` after the event `after`, then what happens to it."""

    record_type: str
    after: str
    days: int
    then: str


@dataclass(frozen=True)
class Dpo:
    """The data-protection officer's contact."""

    name: str
    email: str | None = None


@dataclass(frozen=True)
class PrivacyRegister:
    """One controller's register: its purposes with their bases, its retention schedule, kind and DPO."""

    organisation: str
    controller_kind: str
    dpo: Dpo | None
    purposes: Mapping[str, Purpose]
    retention_rules: Mapping[str, RetentionRule]

    def purpose(self, code: str) -> Purpose:
        try:
            return self.purposes[code]
        except KeyError:
            raise PrivacyError(f"{self.organisation} has no purpose {code!r}") from None

    def basis(self, purpose: str) -> str:
        """The legal basis of a purpose (one of BASES)."""
        return self.purpose(purpose).basis

    def needs_consent(self, purpose: str) -> bool:
        """Whether the purpose rests on the data subject's consent (and only then is consent asked)."""
        return self.basis(purpose) == "consent"

    def retention(self, record_type: str) -> RetentionRule:
        try:
            return self.retention_rules[record_type]
        except KeyError:
            raise PrivacyError(f"{self.organisation} has no retention rule for {record_type!r}") from None

    def purposes_on(self, basis: str) -> list[str]:
        """The purposes that rest on one basis, in the register's order."""
        return [code for code, p in self.purposes.items() if p.basis == basis]


# --- the block in the network file ---------------------------------------------------------------

class _PurposeSchema(Schema):
    basis = fields.String(required=True, validate=validate.OneOf(BASES))
    law = fields.String(load_default=None, validate=validate.Length(max=500))


class _RetentionSchema(Schema):
    after = fields.String(required=True, validate=validate.Regexp(CODE))
    days = fields.Integer(required=True, validate=validate.Range(min=0, max=36500))
    then = fields.String(required=True, validate=validate.OneOf(THEN))


class _DpoSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    email = fields.Email(load_default=None)


class PrivacySchema(Schema):
    """The `privacy:` block of one organisation in the network file."""

    controller_kind = fields.String(validate=validate.OneOf(CONTROLLER_KINDS))
    dpo = fields.Nested(_DpoSchema, allow_none=True)
    purposes = fields.Dict(keys=fields.String(validate=validate.Regexp(CODE)), values=fields.Nested(_PurposeSchema))
    retention = fields.Dict(keys=fields.String(validate=validate.Regexp(CODE)),
                            values=fields.Nested(_RetentionSchema))


def check_block(block: Any) -> dict:
    """A `privacy:` block checked (ValidationError naming the field) and returned as plain data."""
    if block is None:
        return {}
    return PrivacySchema().load(block)


def build(organisation: str, block: Mapping[str, Any] | None = None, *, kind: str | None = None) -> PrivacyRegister:
    """The register of one organisation: its block over the defaults (per purpose and per record type)."""
    block = block or {}
    purposes = {**DEFAULT_PRIVACY["purposes"], **(block.get("purposes") or {})}
    retention = {**DEFAULT_PRIVACY["retention"], **(block.get("retention") or {})}
    dpo = block.get("dpo", DEFAULT_PRIVACY["dpo"])
    return PrivacyRegister(
        organisation=organisation,
        controller_kind=block.get("controller_kind") or KIND_OF_ORGANISATION.get(kind or "")
        or DEFAULT_PRIVACY["controller_kind"],
        dpo=Dpo(dpo["name"], dpo.get("email")) if dpo else None,
        purposes=MappingProxyType({code: Purpose(code, p["basis"], p.get("law")) for code, p in purposes.items()}),
        retention_rules=MappingProxyType({t: RetentionRule(t, r["after"], int(r["days"]), r["then"])
                                          for t, r in retention.items()}),
    )


def _network(network_or_config):
    """The Network of a Network, a Config (its KAMPUS_NETWORK_FILE) or a Flask config mapping; or None."""
    if network_or_config is None or hasattr(network_or_config, "organisations"):
        return network_or_config
    if hasattr(network_or_config, "network_file"):
        return network_or_config.network
    if isinstance(network_or_config, Mapping):
        from shared.network import configured

        return configured(network_or_config.get("KAMPUS_NETWORK_FILE"))
    raise TypeError(f"not a network or a configuration: {type(network_or_config).__name__}")


def for_organisation(network_or_config, org: str) -> PrivacyRegister:
    """The register of `org`: from the network file's block when there is one, else the defaults."""
    network = _network(network_or_config)
    organisation = network.organisations.get(org) if network is not None else None
    return _kept(org, organisation)


# Registers built once per organisation of a network as it was read (`shared.network.configured` reads the file
# again when it changes, into new objects) and per slug without one: a registration asked for its register six times,
# each a new build of every purpose and retention rule. The register and the defaults are immutable.
_KEPT: dict[tuple[str, int], tuple[object, PrivacyRegister]] = {}


def _built(org: str, organisation) -> PrivacyRegister:
    return build(org) if organisation is None else build(org, organisation.privacy, kind=organisation.kind)


def _kept(org: str, organisation) -> PrivacyRegister:
    key = (org, id(organisation))
    found = _KEPT.get(key)
    if found is not None and found[0] is organisation:
        return found[1]
    if len(_KEPT) >= 1000:  # networks read again and again (a test's files): forget the old ones
        _KEPT.clear()
    register = _built(org, organisation)
    _KEPT[key] = (organisation, register)
    return register


__all__ = ["BASES", "DEFAULT_PRIVACY", "THEN", "Dpo", "PrivacyError", "PrivacyRegister", "PrivacySchema",
           "Purpose", "RetentionRule", "ValidationError", "build", "check_block", "for_organisation"]
