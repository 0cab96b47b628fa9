"""Projecting the environments service's events: environments, participants, surveys, assessments, outcomes.

Environments publish for the network; a participant's client and organisation travel in the payload.
Survey answers and assessments name the participant only, so they are tied to the client through the
enrolment: one whose enrolment reporting does not know, or whose client was erased, is left out.
"""
from __future__ import annotations

from services.reporting.subscribers.projections import persons
from services.reporting.subscribers.projections.common import client, day_of, parse_date
from services.reporting.subscribers.projections.store import Store
from shared.events.envelope import Envelope
from shared.reference import education

JOBS = ("part_time", "short", "fixed_term")
MISSING = object()


def _broad_fields(codes) -> list[str]:
    broad = set()
    for code in codes or ():
        try:
            broad.add(education.broad_field(str(code)).code)
        except KeyError:
            continue
    return sorted(broad)


def described(store: Store, e: Envelope) -> None:
    """An environment drafted, or opened (with its details as they are then)."""
    p = e.payload
    environment_id = p["environment_id"]
    row = store.get("environments", environment_id) or {"environment_id": environment_id, "created_on": day_of(e)}
    fields = _broad_fields(p["fields_of_education"])
    row.update(name=p["name"], organisation=p["host_organisation"], service_area=p.get("service_area"),
               municipality=p.get("municipality"), fields=fields, multidisciplinary=bool(p["multidisciplinary"]),
               status=p["status"], starts_on=parse_date(p.get("starts_on")), ends_on=parse_date(p.get("ends_on")))
    if e.type.endswith(".opened"):
        row["opened_on"] = day_of(e)
    store.put("environments", row)
    store.delete_where("environment_fields", "environment_id", environment_id)
    for code in fields:
        store.put("environment_fields", {"environment_id": environment_id, "field": code})


def moved(store: Store, e: Envelope) -> None:
    """A step of the lifecycle (started, completed, evaluated, cancelled) on the day it was taken."""
    p = e.payload
    row = store.get("environments", p["environment_id"])
    if row is None:
        return
    step = e.type.rsplit(".", 1)[1]
    store.put("environments", {**row, "status": p["status"], "multidisciplinary": bool(p["multidisciplinary"]),
                               f"{step}_on": parse_date(p["on"])})


def enrolled(store: Store, e: Envelope) -> None:
    p = e.payload
    if client(store, p["client_id"], p["organisation"]) is None:
        return
    store.put("participations", {"participation_id": p["participant_id"], "environment_id": p["environment_id"],
                                 "client_id": p["client_id"],
                                 "enrolled_on": parse_date(p.get("started_on")) or day_of(e),
                                 "status": "enrolled"})


def left(store: Store, e: Envelope) -> None:
    p = e.payload
    row = store.get("participations", p["participant_id"])
    if row is not None:
        withdrew = e.type.endswith(".withdrew")
        store.put("participations", {**row, "status": "withdrawn" if withdrew else "completed",
                                     "ended_on": parse_date(p["on"] if withdrew else p["ended_on"])})


def _participant_client(store: Store, participant_id: str | None):
    """The client behind a participant; None for no participant; MISSING when it may not be counted."""
    if not participant_id:
        return None
    row = store.get("participations", participant_id)
    return row["client_id"] if row is not None else MISSING


def _answers(store: Store, e: Envelope, table: str, key: str, answer_id: str, item: str, values: dict) -> None:
    """One row per answered item (the answer's earlier rows replaced), unless the participant is unknown."""
    p = e.payload
    client_id = _participant_client(store, p.get("participant_id"))
    if client_id is MISSING:
        return
    store.delete_where(table, key, answer_id)
    for name, value in values.items():
        store.put(table, {key: answer_id, item: name, "environment_id": p["environment_id"], "client_id": client_id,
                          "answered_on": day_of(e), "value": value})


def survey_answered(store: Store, e: Envelope) -> None:
    p = e.payload
    _answers(store, e, "survey_answers", "answer_id", p["participant_id"], "item", p["answers"])


def assessment_given(store: Store, e: Envelope) -> None:
    p = e.payload
    _answers(store, e, "assessments", "assessment_id", p["assessment_id"], "criterion", p["scores"])


def outcome_recorded(store: Store, e: Envelope) -> None:
    """A job or a cooperation opportunity that followed an environment."""
    p = e.payload
    client_id = p.get("client_id") or _participant_client(store, p.get("participant_id"))
    if client_id is MISSING or (client_id and client(store, client_id, p.get("organisation") or e.organisation)
                                is None):
        return
    environment = store.get("environments", p["environment_id"])
    job = not p["cooperation"] and p["kind"] in JOBS
    store.put("outcomes", {
        "outcome_key": f"environments:{p['outcome_id']}", "source": "environments", "client_id": client_id,
        "environment_id": p["environment_id"],
        "organisation": environment["organisation"] if environment else None,
        "service_area": environment["service_area"] if environment else None,
        "category": "job" if job else "cooperation", "kind": "work" if job else p["kind"],
        "work_form": p["kind"] if job else None, "hidden_job": bool(p["hidden_job"]), "qualification": False,
        "started_on": parse_date(p["started_on"]), "ended_on": parse_date(p.get("ended_on"))})
    if client_id:
        persons.refresh(store, persons.person_id(store.get("clients", client_id)))


PROJECTORS = {
    "environments.environment.created": described,
    "environments.environment.opened": described,
    **{f"environments.environment.{step}": moved for step in ("started", "completed", "evaluated", "cancelled")},
    "environments.participant.enrolled": enrolled,
    "environments.participant.withdrew": left,
    "environments.participant.completed": left,
    "environments.survey.answered": survey_answered,
    "environments.assessment.given": assessment_given,
    "environments.outcome.recorded": outcome_recorded,
}
