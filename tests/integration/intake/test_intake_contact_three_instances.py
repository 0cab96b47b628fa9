"""A client's contact travels only to the intake instance that holds the need (data minimisation).

Three member organisations, each with its own intake instance and database, joined by the embedded
event network: sataedu holds the client, samk the partner's need, diak neither. Matching's acceptance
reaches all three; the contact details reach samk alone. Run on SQLite and on PostgreSQL.
"""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, update

from services.intake.db import contact_disclosures, need_partners, shared_contacts
from shared.bus.messages import OutgoingMessage
from shared.events.envelope import new_event
from tests.integration.intake.client_helpers import unique_client
from tests.integration.intake.instances import Instance, intake_instances
from tests.support.intake_partners import events

pytestmark = pytest.mark.integration
CONTACT = "intake.contact.shared"
EMAIL = "aino.aijala@example.fi"


@pytest.fixture(params=["sqlite", "postgresql"])
def bus(request, tmp_path):
    """sataedu's, samk's and diak's intake instances, one in-process event network."""
    created = []

    def database_url(org: str) -> str:
        if request.param != "postgresql":
            return f"sqlite:///{tmp_path / (org + '-intake.sqlite3')}"
        created.append(request.getfixturevalue("postgres").create_database())
        return created[-1]

    with intake_instances(tmp_path, ("sataedu", "samk", "diak"), database_url) as bus:
        yield bus
    for url in created:
        request.getfixturevalue("postgres").drop_database(url)


def samk_need(samk: Instance) -> str:
    partner = samk.call("POST", "/partners", json={"name": "Konepaja Virtanen Oy", "kind": "company",
                                                  "business_id": "2464491-9", "municipality": "609"})
    need = samk.call("POST", "/competence-needs", json={"partner_id": partner["id"], "title": "Hitsaaja",
                                                       "work_type": "part_time"})
    return need["id"]


def sataedu_client(sataedu: Instance) -> str:
    body = unique_client(consents={"service": True, "contact_to_partner": True})
    return sataedu.call("POST", "/clients", json=body)["id"]


def accept(transport, client_id: str, need_id: str) -> str:
    """Matching's acceptance of sataedu's client for the need, as the network's matching publishes it."""
    suggestion_id = str(uuid.uuid4())
    envelope = new_event("matching.suggestion.accepted", {
        "suggestion_id": suggestion_id, "client_id": client_id, "organisation": "sataedu", "target_kind": "need",
        "target_id": need_id, "environment_id": None, "reason": None}, organisation="verkosto", service="matching")
    transport.publish([OutgoingMessage(envelope.id, envelope.type, envelope.routing_key, envelope.to_json())])
    return suggestion_id


def young_person_accepts(sataedu: Instance, client_id: str) -> dict:
    """The client accepts the partner's wish to contact them, on their own; the question as answered."""
    [asked] = [d for d in sataedu.as_student(client_id, "GET", f"/clients/{client_id}/disclosures").get_json()
               if d["status"] == "awaiting"]
    response = sataedu.as_student(client_id, "POST", f"/clients/{client_id}/disclosures/{asked['id']}",
                                  json={"accept": True})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_contact_reaches_only_the_instance_that_holds_the_need(bus):
    instances, transport, settle = bus
    sataedu, samk, diak = instances["sataedu"], instances["samk"], instances["diak"]
    need_id = samk_need(samk)
    client_id = sataedu_client(sataedu)
    settle()
    [known] = sataedu.rows(need_partners, need_partners.c.need_id == need_id)
    assert known.holder_organisation == "samk"

    accept(transport, client_id, need_id)
    settle()
    assert events(sataedu.runtime, CONTACT) == [], "nothing travels before the young person accepts"
    answered = young_person_accepts(sataedu, client_id)
    assert answered["partner_name"] == "Konepaja Virtanen Oy", "the question names the recipient held by samk"
    settle()

    [sent] = events(sataedu.runtime, CONTACT)
    assert sent["recipient"] == {"organisation": "samk"} and sent["source"]["organisation"] == "sataedu"
    with sataedu.runtime.db.session() as session:
        table = sataedu.runtime.tables.outbox
        assert session.execute(select(table.c.routing_key).where(table.c.type == CONTACT)).scalar_one() == \
            "sataedu.intake.contact.shared.samk"
    [kept] = samk.rows(shared_contacts, shared_contacts.c.need_id == need_id)
    assert (kept.client_id, kept.email, kept.client_organisation) == (client_id, EMAIL, "sataedu")
    # diak heard the need and the acceptance, so it was listening; the contact never came near it.
    assert {"intake.need.published", "matching.suggestion.accepted"} <= diak.received()
    assert CONTACT not in diak.received() and CONTACT not in sataedu.received()
    assert CONTACT in samk.received()
    assert diak.rows(shared_contacts) == [] and sataedu.rows(shared_contacts) == []


def test_a_need_whose_holder_is_not_known_shares_nothing_until_it_is_published_again(bus):
    instances, transport, settle = bus
    sataedu, samk = instances["sataedu"], instances["samk"]
    need_id = samk_need(samk)
    client_id = sataedu_client(sataedu)
    settle()
    with sataedu.runtime.db.transaction() as session:  # a need recorded before holders were kept
        session.execute(update(need_partners).where(need_partners.c.need_id == need_id)
                        .values(holder_organisation=None))

    accept(transport, client_id, need_id)
    settle()
    assert events(sataedu.runtime, CONTACT) == []
    assert sataedu.rows(contact_disclosures, contact_disclosures.c.client_id == client_id) == []

    samk.call("PATCH", f"/competence-needs/{need_id}", json={"people": 2})  # any change publishes the need again
    settle()
    accept(transport, client_id, need_id)
    settle()
    young_person_accepts(sataedu, client_id)
    settle()
    [sent] = events(sataedu.runtime, CONTACT)
    assert sent["recipient"] == {"organisation": "samk"}
    assert len(samk.rows(shared_contacts, shared_contacts.c.need_id == need_id)) == 1
