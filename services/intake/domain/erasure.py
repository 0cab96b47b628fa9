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

# The same reasons told to the young person themself in plain words, with the law kept as a small reference.
YOUTH_REASONS = {
    "erase": N_("It is not needed any more and no law says it must be kept, so it is erased."),
    "archive": N_("These are official documents of a public body. The law says they must be kept in an archive, "
                  "where only the archive staff can read them."),
    "esf": N_("The project is paid for with EU money, and those who fund it must be able to check how the money "
              "was used, so these details are kept for that. They are no longer counted in statistics."),
    "network_erase": N_("The copy the network's other services had under a code instead of your name is removed."),
    "restricted": N_("It belongs to your archived details, so it is kept under a code instead of your name, but "
                     "it is not used for anything any more."),
    "audit_log": N_("The list of who has handled your data is kept for a set time, so that anyone can check your "
                    "data was handled correctly."),
    "consents": N_("The record of the consents you gave and withdrew is kept, to show they were asked correctly."),
    "rights_requests": N_("This request and its answer are kept, to show that your request was answered."),
}
REFERENCES = {
    "erase": N_("GDPR Art. 17(1)"),
    "archive": N_("GDPR Art. 17(3)(b); Archives Act 831/1994; Information Management Act 906/2019"),
    "esf": N_("GDPR Art. 17(3)(b); EU 2021/1060 Art. 82"),
    "restricted": N_("GDPR Art. 18(2)"),
    "audit_log": N_("GDPR Art. 5(2); Information Management Act 906/2019 §17"),
    "consents": N_("GDPR Art. 7(1)"),
    "rights_requests": N_("GDPR Art. 5(2) and 12"),
}


def reason_key(reason: str) -> str | None:
    """Which reason a decision's stored reason is (a decision keeps the manager's text)."""
    return next((key for key, text in REASONS.items() if text == reason), None)


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
