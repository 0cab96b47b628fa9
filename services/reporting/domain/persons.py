"""One person across the network: entry facts, exit facts and time to transition (plain Python).

A person may be a client of several member organisations (one client record each, linked by the
person key). Only records under the statistics consent count. The funder counts a person once per
project: entry facts come from the person's first record, exit facts at the person's last exit
(when every record of theirs is closed), judged by the outcomes in force then.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

TRANSITIONS = ("education", "work", "apprenticeship")
UPON_LEAVING = timedelta(days=28)  # ESF: the situation within four weeks of leaving


@dataclass(frozen=True)
class Record:
    """A counted client record of one organisation, with its entry facts."""

    client_id: str
    organisation: str
    entered_on: date
    closed_on: date | None
    facts: dict


@dataclass(frozen=True)
class OutcomeFact:
    kind: str
    started_on: date
    ended_on: date | None
    qualification: bool


@dataclass(frozen=True)
class Person:
    """What the funder's figures and the transition curve need about one person."""

    organisation: str
    facts: dict
    entered_on: date
    exited_on: date | None
    transition_on: date | None
    organisations: int
    shared_on: date | None
    exit_education: bool
    exit_qualification: bool
    exit_employment: bool


def _in_force(outcome: OutcomeFact, day: date) -> bool:
    return outcome.started_on <= day + UPON_LEAVING and (outcome.ended_on is None or outcome.ended_on >= day)


def shared_since(records: list[Record]) -> date | None:
    """The day the person was first a client of two organisations at once, or None."""
    seen: set[str] = set()
    for record in sorted(records, key=lambda r: (r.entered_on, r.client_id)):
        seen.add(record.organisation)
        if len(seen) >= 2:
            return record.entered_on
    return None


def summarise(records: list[Record], outcomes: list[OutcomeFact]) -> Person | None:
    """The person as their counted records and outcomes show them (None without a counted record)."""
    if not records:
        return None
    first = min(records, key=lambda r: (r.entered_on, r.client_id))
    closed = [r.closed_on for r in records if r.closed_on is not None]
    exited_on = max(closed) if len(closed) == len(records) else None
    transitions = sorted(o.started_on for o in outcomes
                         if o.kind in TRANSITIONS and o.started_on >= first.entered_on)
    education = employment = qualification = False
    if exited_on is not None:
        current = [o for o in outcomes if _in_force(o, exited_on)]
        education = any(o.kind in ("education", "apprenticeship") for o in current)
        employment = any(o.kind in ("work", "apprenticeship") for o in current)
        qualification = any(o.qualification and first.entered_on <= o.started_on <= exited_on + UPON_LEAVING
                            for o in outcomes)
    return Person(
        organisation=first.organisation, facts=dict(first.facts), entered_on=first.entered_on, exited_on=exited_on,
        transition_on=transitions[0] if transitions else None,
        organisations=len({r.organisation for r in records}), shared_on=shared_since(records),
        exit_education=education, exit_qualification=qualification, exit_employment=employment)


# The funder's participant figures (ESF common indicators) and how a person's entry facts answer them.
ENTRY_INDICATORS = ("unemployed", "long_term_unemployed", "inactive", "inactive_not_in_education", "employed",
                    "under_25", "over_54", "isced_1_2", "isced_3_4", "isced_5_8", "disadvantaged")
EXIT_INDICATORS = ("in_education", "qualification", "in_employment")


def entry_indicators(facts: dict) -> set[str]:
    """Which entry figures count a person with these entry facts."""
    found = set()
    employment, education = facts.get("employment_status"), facts.get("education_status")
    if employment in ("unemployed", "long_term_unemployed"):
        found.add("unemployed")
    if employment == "long_term_unemployed":
        found.add("long_term_unemployed")
    if employment == "inactive":
        found.add("inactive")
        if education != "studying":
            found.add("inactive_not_in_education")
    if employment == "employed":
        found.add("employed")
    if facts.get("age_band") in ("under_18", "18_24"):
        found.add("under_25")
    if facts.get("age_band") == "55_plus":
        found.add("over_54")
    level = facts.get("education_level")
    if isinstance(level, int):
        if 1 <= level <= 2:
            found.add("isced_1_2")
        elif 3 <= level <= 4:
            found.add("isced_3_4")
        elif 5 <= level <= 8:
            found.add("isced_5_8")
    if facts.get("disadvantaged") is True:
        found.add("disadvantaged")
    return found


def exit_indicators(person: Person) -> set[str]:
    """Which exit figures count a person (nothing until the person's last exit)."""
    if person.exited_on is None:
        return set()
    return {name for name, yes in (("in_education", person.exit_education),
                                   ("qualification", person.exit_qualification),
                                   ("in_employment", person.exit_employment)) if yes}
