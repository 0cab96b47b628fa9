"""A person across organisations: entry facts once, exit facts at the last exit, the funder's figures."""
from __future__ import annotations

from datetime import date

from services.reporting.domain.persons import (
    OutcomeFact,
    Record,
    entry_indicators,
    exit_indicators,
    shared_since,
    summarise,
)

FACTS = {"employment_status": "long_term_unemployed", "education_status": "not_in_education", "age_band": "18_24",
         "education_level": 2, "disadvantaged": True, "gender": "woman"}


def record(client_id, organisation, entered, closed=None, **facts):
    return Record(client_id, organisation, entered, closed, {**FACTS, **facts})


def test_entry_facts_come_from_the_first_record_and_the_exit_waits_for_the_last():
    records = [record("b", "samk", date(2025, 3, 1), date(2025, 9, 1), employment_status="inactive"),
               record("a", "sataedu", date(2025, 1, 10), date(2025, 6, 1))]
    person = summarise(records, [])
    assert person.organisation == "sataedu" and person.facts["employment_status"] == "long_term_unemployed"
    assert person.exited_on == date(2025, 9, 1) and person.organisations == 2
    assert person.shared_on == date(2025, 3, 1)
    still_open = summarise([records[0], record("a", "sataedu", date(2025, 1, 10))], [])
    assert still_open.exited_on is None and exit_indicators(still_open) == set()


def test_exit_figures_are_the_situation_within_four_weeks_of_leaving():
    records = [record("a", "sataedu", date(2025, 1, 1), date(2025, 6, 30))]
    outcomes = [OutcomeFact("education", date(2025, 7, 20), None, True),      # within four weeks
                OutcomeFact("work", date(2025, 2, 1), date(2025, 4, 1), False),  # ended before leaving
                OutcomeFact("work", date(2025, 9, 1), None, False)]             # too late
    person = summarise(records, outcomes)
    assert exit_indicators(person) == {"in_education", "qualification"}
    assert person.transition_on == date(2025, 2, 1)


def test_an_apprenticeship_is_both_training_and_employment():
    person = summarise([record("a", "samk", date(2025, 1, 1), date(2025, 3, 1))],
                       [OutcomeFact("apprenticeship", date(2025, 2, 1), None, False)])
    assert exit_indicators(person) == {"in_education", "in_employment"}


def test_outcomes_before_the_first_intake_are_no_transition():
    person = summarise([record("a", "samk", date(2025, 5, 1))], [OutcomeFact("work", date(2025, 1, 1), None, False)])
    assert person.transition_on is None


def test_entry_indicators():
    assert entry_indicators(FACTS) == {"unemployed", "long_term_unemployed", "under_25", "isced_1_2", "disadvantaged"}
    assert entry_indicators({"employment_status": "inactive", "education_status": "studying",
                             "age_band": "55_plus", "education_level": 6}) == {"inactive", "over_54", "isced_5_8"}
    assert entry_indicators({"employment_status": "inactive", "education_status": "graduated",
                             "education_level": 0}) == {"inactive", "inactive_not_in_education"}
    assert entry_indicators({"employment_status": "employed", "education_level": 4, "disadvantaged": None}) == {
        "employed", "isced_3_4"}


def test_no_counted_record_no_person():
    assert summarise([], []) is None
    assert shared_since([record("a", "samk", date(2025, 1, 1)), record("b", "samk", date(2025, 2, 1))]) is None
