"""Projecting the matching service's events: suggestions made and decided, the introductions partners asked for
and what they told after them, and matching's fairness figures."""
from __future__ import annotations

from services.reporting.subscribers.projections.common import client, day_of
from services.reporting.subscribers.projections.store import Store
from shared.events.envelope import Envelope

DECISIONS = {"matching.suggestion.accepted": "accepted", "matching.suggestion.declined": "declined",
             "matching.suggestion.withdrawn": "withdrawn"}
RATES = ("population", "suggested", "accepted", "suggestion_rate", "acceptance_rate")


def suggestion_made(store: Store, e: Envelope) -> None:
    """A suggestion to the client's organisation (matching publishes for the network; the payload names it)."""
    p = e.payload
    if client(store, p["client_id"], p["organisation"]) is None or store.get("suggestions", p["suggestion_id"]):
        return
    store.put("suggestions", {"suggestion_id": p["suggestion_id"], "client_id": p["client_id"],
                              "kind": p["target_kind"], "target_id": p["target_id"],
                              "environment_id": p.get("environment_id"), "made_on": day_of(e), "status": "made"})


def suggestion_decided(store: Store, e: Envelope) -> None:
    row = store.get("suggestions", e.payload["suggestion_id"])
    if row is not None and row["status"] == "made":
        store.put("suggestions", {**row, "status": DECISIONS[e.type], "decided_on": day_of(e)})


FEEDBACK_DAY = {"contacted": "contacted_on", "interviewed": "interviewed_on", "trial": "trial_on",
                "hired": "hired_on", "not_suitable": "not_suitable_on"}


def introduction_requested(store: Store, e: Envelope) -> None:
    """The partner asked to meet a candidate (the first time counts)."""
    row = store.get("suggestions", e.payload["suggestion_id"])
    if row is not None and row.get("introduction_requested_on") is None:
        store.put("suggestions", {**row, "introduction_requested_on": day_of(e)})


def feedback_recorded(store: Store, e: Envelope) -> None:
    """What the partner told after an introduction: the first day of each step, and a hire's kind."""
    p = e.payload
    row = store.get("suggestions", p["suggestion_id"])
    column = FEEDBACK_DAY[p["stage"]]
    if row is None or row.get(column) is not None:
        return
    changed = {**row, column: day_of(e)}
    if p["stage"] == "hired":
        changed["employment"] = p.get("employment")
    store.put("suggestions", changed)


def fairness_reported(store: Store, e: Envelope) -> None:
    """One month's rates by group as matching computed them; a new report of the month replaces the old."""
    p = e.payload
    for group in p["groups"]:
        store.put("fairness_reports", {"period": p["period"], "group_kind": p["group_kind"],
                                       "group_key": group["group"], **{k: group.get(k) for k in RATES}})


PROJECTORS = {
    "matching.suggestion.made": suggestion_made,
    **{type_: suggestion_decided for type_ in DECISIONS},
    "matching.fairness.reported": fairness_reported,
    "matching.introduction.requested": introduction_requested,
    "matching.candidate.feedback_recorded": feedback_recorded,
}
