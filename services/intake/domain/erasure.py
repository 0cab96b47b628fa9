"""An erasure request decided before it is carried out: what is erased, what is archived or kept, and why.

A public body's client records and case notes are official records: where its retention schedule
archives them, erasure is not possible (GDPR Art. 17(3)(b): a legal obligation and a task in the
public interest, under the Archives Act 831/1994 and the Information Management Act 906/2019). A
company or an association erases them. The log of who handled the data and the consent decisions
are kept either way (accountability, Art. 5(2) and 7(1)); the retention schedule removes them later.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from services.intake.domain import N_

ERASE, ARCHIVE, KEEP = "erase", "archive", "keep"

# The record types an erasure decision speaks of, in the order a manager reads them.
RECORD_TYPES = ("client_record", "case_notes", "matching", "statistics", "environments", "audit_log",
                "consents", "rights_requests")

REASONS = {
    "erase": N_("Not needed any more and no law requires keeping it: erased (GDPR Art. 17(1))."),
    "archive": N_("An official record of a public body: kept in the archive under the Archives Act (831/1994) "
                  "and the information management plan (Information Management Act 906/2019), read only by "
                  "records staff (GDPR Art. 17(3)(b))."),
    "esf": N_("ESF participant data: kept for the funder's audits (EU 2021/1060 Art. 82; GDPR Art. 17(3)(b)), "
              "left out of statistics."),
    "network_erase": N_("The network services' pseudonymous copy: removed (the official record is the "
                        "organisation's own)."),
    "restricted": N_("Part of the archived record's history: kept under its pseudonym, processed no further "
                     "(GDPR Art. 18(2))."),
    "audit_log": N_("The log of who handled the data: kept for its own retention period (Information "
                    "Management Act 906/2019 §17; GDPR Art. 5(2))."),
    "consents": N_("Proof of the consents given and withdrawn (GDPR Art. 7(1)): kept."),
    "rights_requests": N_("The record of this request and its answer (GDPR Art. 5(2) and 12): kept."),
}


@dataclass(frozen=True)
class Item:
    """What the decision does to one record type, and why."""

    record_type: str
    action: str  # erase | archive | keep
    reason: str


def decide(controller_kind: str, retention_then: Mapping[str, str], esf_legal_obligation: bool) -> list[Item]:
    """The decision on an erasure request, from the controller's kind and its retention schedule.

    `retention_then` maps a record type to what the schedule does after its period (delete, anonymise,
    archive, keep).
    """
    public = controller_kind == "public_body"
    items = []
    archived = False
    for record_type in ("client_record", "case_notes"):
        if public and retention_then.get(record_type) in (ARCHIVE, KEEP):
            items.append(Item(record_type, ARCHIVE, REASONS["archive"]))
            archived = archived or record_type == "client_record"
        else:
            items.append(Item(record_type, ERASE, REASONS["erase"]))
    items.append(Item("matching", ERASE, REASONS["network_erase"]))
    if archived and esf_legal_obligation:
        items.append(Item("statistics", KEEP, REASONS["esf"]))
    else:
        items.append(Item("statistics", ERASE, REASONS["network_erase"]))
    items.append(Item("environments", KEEP, REASONS["restricted"]) if archived
                 else Item("environments", ERASE, REASONS["network_erase"]))
    items += [Item("audit_log", KEEP, REASONS["audit_log"]), Item("consents", KEEP, REASONS["consents"]),
              Item("rights_requests", KEEP, REASONS["rights_requests"])]
    return items


def archives_client(items: list[Item] | list[dict]) -> bool:
    """Whether the decision keeps the client record as an archived official record."""
    for item in items:
        record = item if isinstance(item, dict) else asdict(item)
        if record["record_type"] == "client_record":
            return record["action"] == ARCHIVE
    return False


def as_rows(items: list[Item]) -> list[dict]:
    return [asdict(item) for item in items]
