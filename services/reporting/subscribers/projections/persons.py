"""The persons projection: one row per person across organisations, recomputed when their records change."""
from __future__ import annotations

from services.reporting.domain import persons as rules
from services.reporting.subscribers.projections.common import day_number
from services.reporting.subscribers.projections.store import Store

FACT_COLUMNS = ("gender", "age_band", "service_area", "field", "employment_status", "education_status",
                "education_level", "disadvantaged")


def person_id(client_row: dict) -> str:
    """A person is known by their person key; a record without one is a person of its own."""
    return client_row["person_key"] or f"c:{client_row['client_id']}"


def _records(store: Store, pid: str) -> list[dict]:
    if pid.startswith("c:"):
        row = store.get("clients", pid[2:])
        return [row] if row is not None and not row["person_key"] else []
    return store.find("clients", "person_key", pid)


def refresh(store: Store, *pids: str) -> None:
    """Recompute the persons with these ids from their records counted in statistics or the funder's figures."""
    for pid in dict.fromkeys(pids):
        counted = [r for r in _records(store, pid) if (r["counted"] or r.get("esf")) and r["entered_on"] is not None]
        records = [rules.Record(r["client_id"], r["organisation"], r["entered_on"], r["closed_on"],
                                {c: r[c] for c in FACT_COLUMNS}) for r in counted]
        outcomes = [rules.OutcomeFact(o["kind"], o["started_on"], o["ended_on"], bool(o["qualification"]))
                    for r in counted for o in store.find("outcomes", "client_id", r["client_id"])
                    if o["category"] in ("job", "education", "other")]
        person = rules.summarise(records, outcomes)
        if person is None:
            store.delete("persons", pid)
            continue
        entry, leaving = rules.entry_indicators(person.facts), rules.exit_indicators(person)
        store.put("persons", {
            "person_id": pid, "organisation": person.organisation, **person.facts,
            "entered_on": person.entered_on, "entered_day": day_number(person.entered_on),
            "exited_on": person.exited_on, "exited_day": day_number(person.exited_on),
            "transition_on": person.transition_on, "transition_day": day_number(person.transition_on),
            "organisations": person.organisations, "shared_on": person.shared_on,
            "statistics": any(r["counted"] for r in counted),
            **{f"entry_{name}": name in entry for name in rules.ENTRY_INDICATORS},
            **{f"exit_{name}": name in leaving for name in rules.EXIT_INDICATORS},
        })
