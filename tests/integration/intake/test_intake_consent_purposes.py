"""Consent decides what travels: for each purpose, what leaves intake with and without it.

Every test reads intake's outbox, i.e. every event that will ever reach the bus, and checks both
the event types and the fields they carry. The members' register here bases every purpose on consent
(the register before issue 14); test_intake_legal_bases.py shows what other bases change.
"""
from __future__ import annotations

import pytest

from services.intake.db import consents
from services.intake.handlers.consents import current_consents, has_consent
from tests.integration.intake.client_helpers import (
    API,
    PERSONAL_VALUES,
    as_student,
    event_types,
    intake,
    outbox,
    register,
    stored,
    types,
)
from tests.support import privacy

pytestmark = [pytest.mark.integration, pytest.mark.bases(**privacy.CONSENT_BASED)]

IDENTIFYING = {"first_name", "last_name", "name", "email", "phone", "birth_date", "mother_tongue"}
PROFILING = {"gender", "age_band"}  # only statistics (d) may carry these


def payload_fields(events) -> set[str]:
    return {key for event in events for key in event["payload"]}


def assert_nothing_personal(events, *, statistics: bool) -> None:
    assert not payload_fields(events) & IDENTIFYING
    text = repr(events)
    assert not any(value in text for value in PERSONAL_VALUES)
    carrying = {e["type"] for e in events if set(e["payload"]) & PROFILING}
    assert carrying <= ({"intake.statistics.recorded"} if statistics else set())


def decide(api, client_id, purpose, given, **extra):
    response = api.post(f"{API}/{client_id}/consents", json={"purpose": purpose, "given": given, **extra})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_with_service_consent_only_nothing_but_the_pseudonymous_registration_travels(manager, network):
    created = register(manager)
    manager.patch(f"{API}/{created['id']}", json={"employment_status": "employed", "field_of_education": "071"})
    events = outbox(network, created["id"])
    assert types(events) == ["intake.client.registered", "intake.person_key.published", "intake.consent.given"]
    assert_nothing_personal(events, statistics=False)


def test_statistics_travel_only_under_consent_d(manager, network):
    created = register(manager, consents={"service": True, "statistics": True})
    events = outbox(network, created["id"])
    assert types(events)[-2:] == ["intake.consent.given", "intake.statistics.recorded"]
    facts = events[-1]["payload"]
    assert (facts["age_band"], facts["gender"], facts["service_area"]) == ("18_24", "woman", "pohjois-satakunta")
    assert (facts["employment_status"], facts["education_level"]) == ("long_term_unemployed", 3)
    assert_nothing_personal(events, statistics=True)

    manager.patch(f"{API}/{created['id']}", json={"employment_status": "unemployed"})
    assert event_types(network, created["id"])[-1] == "intake.statistics.recorded"
    decide(manager, created["id"], "statistics", False)
    manager.patch(f"{API}/{created['id']}", json={"employment_status": "employed"})
    after = outbox(network, created["id"])
    assert types(after)[-1] == "intake.consent.withdrawn" and after[-1]["payload"]["purpose"] == "statistics"
    assert types(after).count("intake.statistics.recorded") == 2


def test_statistics_given_later_are_recorded_then(manager, network):
    created = register(manager)
    decide(manager, created["id"], "statistics", True)
    assert event_types(network, created["id"])[-2:] == ["intake.consent.given", "intake.statistics.recorded"]


def test_the_profile_travels_only_under_consent_b_and_leaves_at_once(manager, network):
    created = register(manager, consents={"service": True, "profile_sharing": True})
    events = outbox(network, created["id"])
    shared = [e for e in events if e["type"] == "intake.profile.shared"]
    assert len(shared) == 1 and shared[0]["payload"]["fields_of_education"] == ["07"]
    assert_nothing_personal(events, statistics=False)

    manager.patch(f"{API}/{created['id']}", json={"field_of_education": "071"})
    assert event_types(network, created["id"])[-1] == "intake.profile.shared"
    decide(manager, created["id"], "profile_sharing", False)
    assert event_types(network, created["id"])[-2:] == ["intake.consent.withdrawn", "intake.profile.withdrawn"]
    manager.patch(f"{API}/{created['id']}", json={"field_of_education": "072"})
    assert event_types(network, created["id"]).count("intake.profile.shared") == 2


def test_without_consent_b_no_profile_travels(manager, network):
    created = register(manager, consents={"service": True, "profile_sharing": False})
    manager.patch(f"{API}/{created['id']}", json={"field_of_education": "071"})
    decide(manager, created["id"], "profile_sharing", False)  # a refusal of what was never given goes nowhere
    assert not {"intake.profile.shared", "intake.profile.withdrawn", "intake.consent.withdrawn"} & set(
        event_types(network, created["id"]))


def test_consent_c_is_recorded_but_no_contact_detail_travels_without_a_match(manager, network):
    created = register(manager, consents={"service": True, "contact_to_partner": True})
    events = outbox(network, created["id"])
    assert "intake.contact.shared" not in types(events)
    assert_nothing_personal(events, statistics=False)
    with intake(network).db.session() as session:
        assert has_consent(session, created["id"], "contact_to_partner")
    decide(manager, created["id"], "contact_to_partner", False)
    with intake(network).db.session() as session:
        assert not has_consent(session, created["id"], "contact_to_partner")
        assert current_consents(session, created["id"]) == {
            "service": True, "profile_sharing": False, "contact_to_partner": False, "statistics": False,
            "overlap": False}


def test_withdrawing_consent_to_service_closes_the_case(manager, network):
    created = register(manager)
    state = decide(manager, created["id"], "service", False)
    assert state["current"]["service"]["given"] is False
    assert event_types(network, created["id"])[-2:] == ["intake.consent.withdrawn", "intake.client.closed"]
    assert manager.get(f"{API}/{created['id']}").get_json()["status"] == "closed"


def test_decisions_are_versioned_dated_and_kept(manager):
    created = register(manager, consents={"service": True, "statistics": True})
    decide(manager, created["id"], "statistics", False, method="written")
    state = manager.get(f"{API}/{created['id']}/consents").get_json()
    assert [(d["purpose"], d["given"]) for d in state["history"]][:2] == [("statistics", False), ("statistics", True)]
    current = state["current"]["statistics"]
    assert (current["method"], current["version"]) == ("written", "2026-4")
    assert state["current"]["profile_sharing"] is None and all(d["decided_at"] for d in state["history"])


def test_a_student_decides_for_themselves(manager, network):
    created = register(manager)
    student = as_student(network, created["id"])
    state = decide(student, created["id"], "profile_sharing", True)
    assert state["current"]["profile_sharing"]["method"] == "self_service"
    assert "intake.profile.shared" in event_types(network, created["id"])
    decide(student, created["id"], "profile_sharing", False)
    assert event_types(network, created["id"])[-1] == "intake.profile.withdrawn"
    in_person = student.post(f"{API}/{created['id']}/consents",
                             json={"purpose": "statistics", "given": True, "method": "in_person"})
    assert in_person.status_code == 422 and "method" in in_person.get_json()["error"]["fields"]
    someone_else = register(manager)
    assert student.post(f"{API}/{someone_else['id']}/consents",
                        json={"purpose": "statistics", "given": True}).status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"purpose": "marketing", "given": True}, "purpose"), ({"purpose": "statistics"}, "given"),
    ({"purpose": "statistics", "given": "perhaps"}, "given"), ({"given": True}, "purpose"),
    ({"purpose": "statistics", "given": True, "version": "1999-1"}, "version"),
    ({"purpose": "statistics", "given": True, "method": "self_service"}, "method"),
    ({"purpose": "statistics", "given": True, "method": "telepathy"}, "method"),
    ({"purpose": "statistics", "given": True, "why": "x"}, "why"),
])
def test_bad_decisions_are_422_and_store_nothing(manager, network, body, field):
    created = register(manager)
    before = stored(network, consents)
    response = manager.post(f"{API}/{created['id']}/consents", json=body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert stored(network, consents) == before


def test_withdrawing_on_the_card_says_what_follows_and_asks_to_confirm_first(manager, network):
    import re

    from tests.integration.intake.personal_helpers import HTML, token

    created = register(manager, consents={"service": True, "profile_sharing": True})
    card = manager.get(f"/intake/clients/{created['id']}", headers=HTML).text
    forms = re.findall(r'<form method="post" action="[^"]*/consents" class="consent__action">(.*?)</form>', card, re.S)
    profile = next(f for f in forms if 'name="purpose" value="profile_sharing"' in f)
    assert '<input type="hidden" name="given" value="no">' in profile
    # The first press only opens the explanation; the form's one submit button is the confirmation inside it.
    assert re.search(r'<details class="consent__withdraw">\s*<summary[^>]*>Peru suostumus</summary>', profile)
    assert "Osaamisprofiilia ei enää jaeta kohdentamiseen, eikä uusia ehdotuksia tehdä." in profile
    assert "Suostumuksen voi antaa uudelleen milloin tahansa." in profile
    buttons = re.findall(r"<button[^>]*>(.*?)</button>", profile)
    assert buttons == ["Vahvista peruminen"] and profile.index("<details") < profile.index("<button")
    service = next(f for f in forms if 'name="purpose" value="service"' in f)
    assert "Asiakkuus päättyy" in service  # each purpose says its own consequence
    confirmed = manager.post(f"/intake/clients/{created['id']}/consents", headers=HTML, data={
        "csrf_token": token(card), "purpose": "profile_sharing", "given": "no"})
    assert confirmed.status_code in (302, 303)
    with intake(network).db.session() as session:
        assert has_consent(session, created["id"], "profile_sharing") is False
