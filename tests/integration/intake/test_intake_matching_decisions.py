"""Accepted need matches in intake: under consent (c) the young person is asked, and the partner gets the
contact only after their own acceptance; the need fills up with the managers' acceptances.

The decisions are produced as matching publishes them (`matching.suggestion.accepted` from matching's
runtime); the young person answers through the API as themself; intake's answers are read from its outbox,
its tables and the partner's and manager's pages.
"""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.intake.db import (
    competence_needs,
    contact_disclosures,
    need_acceptances,
    outcomes,
    shared_contacts,
    suggestions,
)
from services.intake.subscribers.decisions import HANDLERS
from shared.bus.inbox import InboxProcessor
from shared.events.envelope import new_event, utcnow
from tests.integration.intake.client_helpers import (
    SQLITE_ONLY,
    as_student,
    browser,
    event_types,
    intake,
    outbox,
    register,
)
from tests.support import network as net
from tests.support.erasure import erase, via
from tests.support.intake_partners import record_partner

pytestmark = [pytest.mark.integration, SQLITE_ONLY]
NEEDS = "/intake/api/v1/competence-needs"
CONTRACT_FIELDS = {"client_id", "partner_id", "need_id", "name", "email", "phone"}


@pytest.fixture(scope="module")
def partners(network, manager):
    """partner1's company and partner2's association, each linked to its users' organisation."""
    ids = {}
    for name, kind, business_id, organisation in (("Konepaja Virtanen Oy", "company", "2464491-9",
                                                   "konepaja-virtanen"),
                                                  ("Kankaanpään Nuorisoseura ry", "association", None,
                                                   "nuorisoseura")):
        ids[organisation] = record_partner(network, manager, name=name, kind=kind, business_id=business_id,
                                           municipality="214", organisation=organisation)["id"]
    return ids


def publish_need(network, people: int = 1, username: str = "partner1") -> str:
    response = net.client_as(network, username).post(NEEDS, json={
        "title": "Hitsaaja " + uuid.uuid4().hex[:6], "work_type": "part_time", "people": people})
    assert response.status_code == 201, response.get_json()
    assert network.settle()
    return response.get_json()["id"]


def client(manager, contact: bool) -> str:
    return register(manager, consents={"service": True, "contact_to_partner": contact})["id"]


def accept(network, client_id: str, need_id: str, suggestion_id: str | None = None,
           organisation: str = "sataedu", young_person_accepts: bool = True) -> str:
    """Publish matching's acceptance of a need suggestion and let the network settle; then the young person
    accepts the partner's wish to contact them, when they were asked. The suggestion id."""
    suggestion_id = suggestion_id or str(uuid.uuid4())
    with network.runtimes["matching"].work() as work:
        work.emit("matching.suggestion.accepted", {
            "suggestion_id": suggestion_id, "client_id": client_id, "organisation": organisation,
            "target_kind": "need", "target_id": need_id, "environment_id": None, "reason": None})
    assert network.settle()
    if young_person_accepts:
        for question in questions(network, client_id, organisation, "awaiting"):
            answer(network, client_id, question["id"], True, organisation)
    return suggestion_id


def questions(network, client_id: str, organisation: str = "sataedu", status: str | None = None) -> list[dict]:
    """The partners' wishes to contact the client, as the client sees them."""
    response = as_student(network, client_id, organisation).get(f"/intake/api/v1/clients/{client_id}/disclosures")
    assert response.status_code == 200, response.get_json()
    return [q for q in response.get_json() if status is None or q["status"] == status]


def answer(network, client_id: str, question_id: str, yes: bool, organisation: str = "sataedu", caller=None):
    """The young person's answer (or `caller`'s attempt at it), the network settled after."""
    caller = caller or as_student(network, client_id, organisation)
    response = caller.post(f"/intake/api/v1/clients/{client_id}/disclosures/{question_id}", json={"accept": yes})
    assert network.settle()
    return response


def shared(network, need_id: str | None = None, client_id: str | None = None) -> list[dict]:
    return [e for e in outbox(network) if e["type"] == "intake.contact.shared"
            and (need_id is None or e["payload"]["need_id"] == need_id)
            and (client_id is None or e["payload"]["client_id"] == client_id)]


def deliver(network, envelope) -> str:
    """Apply one event in intake's inbox as its consumer does; applied or duplicate."""
    runtime = intake(network)
    [outcome] = InboxProcessor(runtime).process_batch([runtime.registry.validate(envelope)])
    return outcome.status


def need(network, need_id: str):
    with intake(network).db.session() as session:
        return session.execute(select(competence_needs).where(competence_needs.c.id == need_id)).first()


def rows(network, table, *conditions) -> list:
    with intake(network).db.session() as session:
        return session.execute(select(table).where(*conditions)).all()


def test_intake_handles_the_decisions_and_the_contacts(network):
    assert {"matching.suggestion.accepted", "matching.suggestion.declined", "intake.contact.shared",
            "intake.need.published"} <= set(intake(network).handlers)
    assert intake(network).handlers["matching.suggestion.accepted"] is HANDLERS["matching.suggestion.accepted"]


def test_with_consent_c_the_partner_gets_exactly_the_contracts_contact(network, manager, partners):
    need_id = publish_need(network)
    client_id = client(manager, contact=True)
    accept(network, client_id, need_id)

    [event] = shared(network, need_id)
    assert set(event["payload"]) == CONTRACT_FIELDS
    assert event["payload"]["client_id"] == client_id and event["payload"]["partner_id"] == partners[
        "konepaja-virtanen"]
    assert event["payload"]["name"].endswith(" Äijälä") and event["payload"]["email"] == "aino.aijala@example.fi"
    assert event["source"]["organisation"] == "sataedu"
    # The need is held by this (embedded) instance, so the contact is addressed to its own organisation.
    assert event["recipient"] == {"organisation": intake(network).config.organisation}
    [kept] = rows(network, shared_contacts, shared_contacts.c.need_id == need_id)
    assert (kept.client_id, kept.email, kept.phone) == (client_id, "aino.aijala@example.fi", "+358 40 123 4567")
    assert len(rows(network, contact_disclosures, contact_disclosures.c.client_id == client_id)) == 1


def test_without_consent_c_only_the_acceptance_travels(network, manager, partners):
    need_id = publish_need(network, people=2)
    client_id = client(manager, contact=False)
    accept(network, client_id, need_id)

    assert shared(network, client_id=client_id) == []
    assert rows(network, shared_contacts, shared_contacts.c.need_id == need_id) == []
    [counted] = rows(network, need_acceptances, need_acceptances.c.need_id == need_id)
    assert counted.client_id == client_id
    assert need(network, need_id).status == "open"


def test_a_withdrawn_consent_c_stops_the_contact(network, manager, partners):
    need_id = publish_need(network)
    client_id = client(manager, contact=True)
    response = manager.post(f"/intake/api/v1/clients/{client_id}/consents",
                            json={"purpose": "contact_to_partner", "given": False})
    assert response.status_code in (200, 201), response.get_json()
    accept(network, client_id, need_id)
    assert shared(network, client_id=client_id) == []


def hire(network, client_id: str, need_id: str, suggestion_id: str, hires: int, employment: str = "part_time",
         organisation: str = "sataedu") -> None:
    """Publish a partner's hire of an introduced candidate (matching's event) and let the network settle."""
    with network.runtimes["matching"].work() as work:
        work.emit("matching.candidate.feedback_recorded", {
            "suggestion_id": suggestion_id, "client_id": client_id, "organisation": organisation,
            "target_kind": "need", "target_id": need_id, "environment_id": None, "stage": "hired",
            "employment": employment, "has_reason": False, "suggested_at": "2026-11-01T10:00:00+00:00",
            "need_hires": hires})
    assert network.settle()


def test_acceptances_do_not_fill_a_need_the_hires_of_its_positions_do(network, manager, partners):
    need_id = publish_need(network, people=2)
    first, second = client(manager, contact=True), client(manager, contact=False)
    first_suggestion = accept(network, first, need_id)
    second_suggestion = accept(network, second, need_id)
    assert need(network, need_id).status == "open"  # two introductions, no hire yet
    hire(network, first, need_id, first_suggestion, hires=1)
    assert need(network, need_id).status == "open"
    hire(network, second, need_id, second_suggestion, hires=2, employment="hidden_job")

    assert need(network, need_id).status == "filled"
    published = [e for e in outbox(network) if e["type"] == "intake.need.published"
                 and e["payload"]["need_id"] == need_id]
    assert [e["payload"]["status"] for e in published] == ["open", "filled"]
    assert published[-1]["payload"]["people"] == 2 and {e["source"]["organisation"] for e in published} == {"sataedu"}
    hired = rows(network, outcomes, outcomes.c.client_id.in_([first, second]))
    assert sorted((o.via_suggestion_id == first_suggestion, o.kind, o.work_form, o.hidden_job, o.source)
                  for o in hired) == [(False, "work", "part_time", True, "partner"),
                                      (True, "work", "part_time", False, "partner")]
    hire(network, first, need_id, first_suggestion, hires=2)  # told again: the outcome is not recorded twice
    assert len(rows(network, outcomes, outcomes.c.client_id == first)) == 1


def test_a_repeated_acceptance_counts_and_shares_once(network, manager, partners):
    need_id = publish_need(network, people=2)
    client_id = client(manager, contact=True)
    suggestion_id = accept(network, client_id, need_id)
    accept(network, client_id, need_id, suggestion_id)  # the same decision published again
    accept(network, client_id, need_id)  # another suggestion of the same pair

    assert len(rows(network, need_acceptances, need_acceptances.c.need_id == need_id)) == 1
    assert need(network, need_id).status == "open"
    assert len(shared(network, need_id)) == 1
    assert len(rows(network, shared_contacts, shared_contacts.c.need_id == need_id)) == 1


def test_the_same_event_delivered_twice_acts_once(network, manager, partners):
    need_id = publish_need(network)
    client_id = client(manager, contact=True)
    envelope = new_event("matching.suggestion.accepted", {
        "suggestion_id": str(uuid.uuid4()), "client_id": client_id, "organisation": "sataedu",
        "target_kind": "need", "target_id": need_id, "environment_id": None, "reason": None},
        organisation="verkosto", service="matching")
    assert [deliver(network, envelope), deliver(network, envelope)] == ["applied", "duplicate"]
    [question] = questions(network, client_id)
    assert answer(network, client_id, question["id"], True).status_code == 200
    assert len(shared(network, need_id)) == 1
    assert len(rows(network, need_acceptances, need_acceptances.c.need_id == need_id)) == 1


def test_the_suggestion_row_follows_the_decision(network, manager, partners):
    need_id = publish_need(network)
    accepted_client, declined_client = client(manager, contact=False), client(manager, contact=False)
    ids = {}
    with intake(network).db.transaction() as session:
        for client_id in (accepted_client, declined_client):
            ids[client_id] = str(uuid.uuid4())
            session.execute(suggestions.insert().values(
                id=ids[client_id], client_id=client_id, target_kind="need", target_id=need_id, score=800,
                explanation={}, status="new", received_at=utcnow()))
    accept(network, accepted_client, need_id, ids[accepted_client])
    with network.runtimes["matching"].work() as work:
        work.emit("matching.suggestion.declined", {
            "suggestion_id": ids[declined_client], "client_id": declined_client, "organisation": "sataedu",
            "target_kind": "need", "target_id": need_id, "environment_id": None, "reason": "ei sovi"})
    assert network.settle()
    statuses = {r.client_id: r.status for r in rows(network, suggestions, suggestions.c.target_id == need_id)}
    assert statuses == {accepted_client: "accepted", declined_client: "declined"}


def test_another_organisations_acceptance_does_not_share_this_clients_contact(network, manager, partners):
    need_id = publish_need(network)
    client_id = client(manager, contact=True)
    accept(network, client_id, need_id, organisation="samk")  # the payload names a different organisation
    assert shared(network, client_id=client_id) == []


def test_the_partner_sees_the_contact_and_another_partner_does_not(network, manager, partners):
    need_id = publish_need(network)
    client_id = client(manager, contact=True)
    accept(network, client_id, need_id)
    email = "aino.aijala@example.fi"

    own = browser(net.client_as(network, "partner1")).get("/intake/my/needs")
    assert own.status_code == 200 and email in own.get_data(as_text=True)
    publish_need(network, username="partner2")
    other = browser(net.client_as(network, "partner2")).get("/intake/my/needs")
    assert other.status_code == 200 and email not in other.get_data(as_text=True)
    page = browser(manager).get(f"/intake/partners/{partners['konepaja-virtanen']}")
    assert page.status_code == 200 and email in page.get_data(as_text=True)
    assert "Hyväksyttyjen opiskelijoiden yhteystiedot" in page.get_data(as_text=True)


def test_a_manager_sees_on_the_partner_page_only_the_contacts_of_their_own_organisations_clients(
        network, manager, partners):
    need_id = publish_need(network)
    samk = net.client_as(network, "manager2")
    own_client = register(manager, first_name="Sataeduilija", consents={"service": True, "contact_to_partner": True})
    samk_client = register(samk, first_name="Samkilainen", email="samkilainen@example.fi",
                           consents={"service": True, "contact_to_partner": True})
    accept(network, own_client["id"], need_id)
    accept(network, samk_client["id"], need_id, organisation="samk")
    url = f"/intake/partners/{partners['konepaja-virtanen']}"

    sataedu_page = browser(manager).get(url).get_data(as_text=True)
    assert "Sataeduilija" in sataedu_page and "aino.aijala@example.fi" in sataedu_page
    assert "Samkilainen" not in sataedu_page and "samkilainen@example.fi" not in sataedu_page
    samk_page = browser(samk).get(url).get_data(as_text=True)
    assert "Samkilainen" in samk_page and "samkilainen@example.fi" in samk_page
    assert "Sataeduilija" not in samk_page
    for username in ("manager3", "manager5", "admin"):
        page = browser(net.client_as(network, username)).get(url)
        assert page.status_code == 200
        assert "Sataeduilija" not in page.get_data(as_text=True) and "Samkilainen" not in page.get_data(as_text=True)
    # The partner's own users are who the students agreed to be contacted by: they see both.
    partner_page = browser(net.client_as(network, "partner1")).get("/intake/my/needs").get_data(as_text=True)
    assert "Sataeduilija" in partner_page and "Samkilainen" in partner_page
    [samk_row] = rows(network, shared_contacts, shared_contacts.c.client_id == samk_client["id"])
    assert samk_row.client_organisation == "samk"


def test_erasure_removes_the_shared_contact(network, manager, partners):
    need_id = publish_need(network)
    client_id = client(manager, contact=True)
    accept(network, client_id, need_id)
    assert rows(network, shared_contacts, shared_contacts.c.client_id == client_id)

    response = erase(via(manager), client_id)
    assert response.status_code == 200, response.get_json()
    assert network.settle()
    assert rows(network, shared_contacts, shared_contacts.c.client_id == client_id) == []
    assert rows(network, contact_disclosures, contact_disclosures.c.client_id == client_id) == []
    assert "intake.client.erased" in event_types(network, client_id)


def test_an_erasure_elsewhere_removes_the_contact_kept_here(network, manager, partners):
    need_id = publish_need(network)
    remote_client = str(uuid.uuid4())
    with intake(network).db.transaction() as session:
        session.execute(shared_contacts.insert().values(need_id=need_id, client_id=remote_client, name="Toinen",
                                                        email="toinen@example.fi", phone=None, shared_at=utcnow()))
    erased = new_event("intake.client.erased", {"client_id": remote_client}, organisation="samk", service="intake")
    assert deliver(network, erased) == "applied"
    assert rows(network, shared_contacts, shared_contacts.c.client_id == remote_client) == []


# --- the young person decides (issue 14, item 6) --------------------------------------------------------------
def audit_entries(network, client_id: str) -> list:
    """The disclosures of the client's contact details in intake's audit store (not those of events)."""
    from tests.support.factories import audit_entries as stored

    return [e for e in stored(network.runtimes["intake"], client_id)
            if e["action"] == "disclose" and e["object_type"] == "contact_details"]


def test_the_managers_acceptance_only_asks_the_young_person_who_names_the_partner(network, manager, partners):
    need_id = publish_need(network)
    client_id = client(manager, contact=True)
    accept(network, client_id, need_id, young_person_accepts=False)

    assert shared(network, client_id=client_id) == [] and rows(network, shared_contacts,
                                                              shared_contacts.c.client_id == client_id) == []
    [question] = questions(network, client_id)
    assert (question["status"], question["partner_name"]) == ("awaiting", "Konepaja Virtanen Oy")
    page = browser(as_student(network, client_id)).get("/intake/me").get_data(as_text=True)
    assert "Konepaja Virtanen Oy haluaisi ottaa sinuun yhteyttä" in page
    assert audit_entries(network, client_id) == []

    assert answer(network, client_id, question["id"], True).status_code == 200
    [event] = shared(network, need_id)
    assert set(event["payload"]) == CONTRACT_FIELDS
    [logged] = audit_entries(network, client_id)
    assert (logged["detail"]["fields"], logged["detail"]["recipient"]) == ("name, email, phone", "Konepaja Virtanen Oy")
    assert logged["actor_role"] == "student"
    page = browser(as_student(network, client_id)).get("/intake/me").get_data(as_text=True)
    assert "annettiin kumppanille Konepaja Virtanen Oy" in page  # the young person is told who got what


def test_a_declined_question_sends_nothing_and_cannot_be_answered_again(network, manager, partners):
    need_id = publish_need(network)
    client_id = client(manager, contact=True)
    accept(network, client_id, need_id, young_person_accepts=False)
    [question] = questions(network, client_id)
    assert answer(network, client_id, question["id"], False).get_json()["status"] == "declined"
    assert answer(network, client_id, question["id"], True).status_code == 409
    assert shared(network, client_id=client_id) == [] and audit_entries(network, client_id) == []


def test_only_the_young_person_answers(network, manager, partners):
    need_id = publish_need(network)
    client_id, other_id = client(manager, contact=True), client(manager, contact=True)
    accept(network, client_id, need_id, young_person_accepts=False)
    [question] = questions(network, client_id)
    assert answer(network, client_id, question["id"], True, caller=manager).status_code == 403
    other = as_student(network, other_id)
    assert answer(network, client_id, question["id"], True, caller=other).status_code == 404
    assert shared(network, client_id=client_id) == []
    assert questions(network, client_id)[0]["status"] == "awaiting"


def test_under_a_configured_legal_basis_the_contact_goes_at_once_logged_and_told(tmp_path_factory, partners):
    del partners  # of the module's network; this test builds its own, with the member's basis configured
    basis_network = net.build(tmp_path_factory.mktemp("basis"), extra={"contact_disclosure_basis": "AmKL 531/2017"})
    try:
        manager = net.client_as(basis_network, "manager1")
        record_partner(basis_network, manager, name="Konepaja Virtanen Oy", kind="company",
                       business_id="2464491-9", municipality="214", organisation="konepaja-virtanen")
        need_id = publish_need(basis_network)
        client_id = register(manager, consents={"service": True})["id"]  # no consent: the basis carries it
        accept(basis_network, client_id, need_id, young_person_accepts=False)

        assert len(shared(basis_network, need_id)) == 1
        [question] = questions(basis_network, client_id)
        assert (question["status"], question["basis"]) == ("by_basis", "AmKL 531/2017")
        [logged] = audit_entries(basis_network, client_id)
        assert "AmKL 531/2017" in logged["detail"]["basis"]
    finally:
        basis_network.shutdown()


def test_withdrawing_consent_c_cancels_the_questions_still_waiting(network, manager, partners):
    need_id = publish_need(network)
    client_id = client(manager, contact=True)
    accept(network, client_id, need_id, young_person_accepts=False)
    [question] = questions(network, client_id)
    withdrawn = as_student(network, client_id).post(f"/intake/api/v1/clients/{client_id}/consents",
                                                    json={"purpose": "contact_to_partner", "given": False})
    assert withdrawn.status_code == 201, withdrawn.get_json()
    assert questions(network, client_id)[0]["status"] == "withdrawn"
    assert answer(network, client_id, question["id"], True).status_code == 409
    assert shared(network, client_id=client_id) == []
