"""Projectors on the in-memory store: consent, erasure, person keys and the persons they make."""
from __future__ import annotations

from datetime import date

from services.reporting.domain.history import History
from services.reporting.handlers.rebuild import replay

D = date


def test_withdrawing_and_giving_again_the_statistics_consent():
    h = History(seed=1)
    client = h.client("sataedu", D(2025, 1, 1))
    h.consent("sataedu", client, "statistics", False, D(2025, 2, 1))
    store = replay(h.events)
    assert not store.get("clients", client)["counted"] and store.get("persons", f"c:{client}") is None
    h.consent("sataedu", client, "statistics", True, D(2025, 3, 1))
    assert replay(h.events).get("clients", client)["counted"]


def test_a_client_without_the_statistics_consent_never_counts():
    h = History(seed=2)
    client = h.client("samk", D(2025, 1, 1), statistics=False)
    h.outcome("samk", client, "work", D(2025, 2, 1), work_form="part_time")
    store = replay(h.events)
    assert not store.get("clients", client)["counted"] and list(store.all_rows("persons")) == []


def test_an_erasure_forgets_the_facts_and_ignores_what_comes_after():
    h = History(seed=3)
    client = h.client("sataedu", D(2025, 1, 1))
    h.metric("sataedu", client, "confidence", "start", 2, D(2025, 1, 2))
    h.outcome("sataedu", client, "work", D(2025, 2, 1))
    h.erase("sataedu", client, D(2025, 3, 1))
    h.metric("sataedu", client, "confidence", "end", 4, D(2025, 4, 1))
    store = replay(h.events)
    row = store.get("clients", client)
    assert row["erased"] and row["gender"] is None and row["person_key"] is None
    for table in ("metric_pairs", "outcomes", "persons"):
        assert list(store.all_rows(table)) == [], table


def test_two_records_with_one_person_pseudonym_are_one_person():
    h = History(seed=4)
    key = "cd" * 32
    first = h.client("sataedu", D(2025, 1, 1), person_key=key)
    h.client("samk", D(2025, 3, 1), person_key=key, gender="man")
    store = replay(h.events)
    person = store.get("persons", key)
    assert person["organisations"] == 2 and person["shared_on"] == D(2025, 3, 1)
    assert person["organisation"] == "sataedu" and person["gender"] == "woman"
    h.pseudonyms[first] = "ef" * 32  # a corrected name: the entry facts are sent again with the new pseudonym
    h.statistics("sataedu", first, D(2025, 1, 1), gender="woman", age_band="18_24", area=None, municipality=None,
                 field=None, employment=None, education_status=None, level=None, disadvantaged=None,
                 day=D(2025, 4, 1))
    store = replay(h.events)
    assert store.get("persons", key)["organisations"] == 1 and store.get("persons", "ef" * 32) is not None


def test_environment_answers_of_an_unknown_participant_do_not_count():
    h = History(seed=5)
    environment = h.environment("sataedu", D(2025, 1, 1))
    stranger = h.new_id()  # never enrolled as far as reporting knows
    h.participants[stranger] = {"participant_id": stranger, "environment_id": environment, "client_id": h.new_id(),
                                "organisation": "sataedu"}
    h.survey(stranger, {"learning": 4}, D(2025, 5, 1))
    h.assess(environment, {"skills_match": 5}, D(2025, 5, 2))  # the overall assessment counts
    store = replay(h.events)
    assert list(store.all_rows("survey_answers")) == []
    assert [r["client_id"] for r in store.all_rows("assessments")] == [None]


def test_on_a_legal_obligation_the_esf_figures_keep_a_person_whose_statistics_consent_is_withdrawn():
    h = History(seed=14)
    client = h.client("sataedu", D(2025, 1, 1), bases={"statistics": "consent", "esf_reporting": "legal_obligation"})
    h.consent("sataedu", client, "statistics", False, D(2025, 2, 1))
    store = replay(h.events)
    row = store.get("clients", client)
    assert (row["counted"], row["esf"]) == (False, True)
    person = store.get("persons", row["person_key"])
    assert person is not None and person["statistics"] is False and person["entry_unemployed"] is True
    h.erase("sataedu", client, D(2025, 3, 1))
    assert replay(h.events).get("persons", row["person_key"]) is None


def test_on_a_public_task_statistics_count_without_any_consent():
    h = History(seed=15)
    client = h.client("samk", D(2025, 1, 1), statistics=False,
                      bases={"statistics": "public_task", "esf_reporting": "legal_obligation"})
    row = replay(h.events).get("clients", client)
    assert (row["counted"], row["esf"], row["statistics_basis"]) == (True, True, "public_task")
