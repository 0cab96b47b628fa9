"""Conversations about a referral: between exactly its parties, plain text, audit-logged, notifying the other
parties, in the client's export, erased with them and deleted after the retention period."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from services.intake.db import conversation_messages
from services.intake.handlers.retention import record_types
from services.portal.db import notifications
from shared.privacy import retention
from shared.privacy.register import build
from tests.integration.intake.client_helpers import API, register
from tests.support import erasure
from tests.support import network as net
from tests.support.factories import audit_entries
from tests.support.intake_partners import record_service

pytestmark = [pytest.mark.integration, pytest.mark.bases(guidance="consent")]


@pytest.fixture(scope="module")
def service(managers):
    return record_service(managers["samk"], "Opintojen ohjaus")["id"]


@pytest.fixture
def referral(network, managers, service):
    """A referral of a new client of Sataedu to SAMK's service: (referral id, client id)."""
    client = register(managers["sataedu"])["id"]
    response = managers["sataedu"].post("/intake/api/v1/referrals", json={
        "client_id": client, "to_organisation": "samk", "service_id": service, "client_agreed": True})
    assert response.status_code == 201, response.get_json()
    assert network.settle()
    return response.get_json()["id"], client


def messages_url(referral_id: str) -> str:
    return f"/intake/api/v1/conversations/referral/{referral_id}/messages"


def stored(network) -> int:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(func.count()).select_from(conversation_messages)).scalar_one()


def notified(network, username: str) -> list[tuple[str, str]]:
    user = network.identity.get(username)
    with network.portal.db.session() as session:
        return [(r.kind, r.path) for r in session.execute(
            select(notifications).where(notifications.c.user_id == user.id).order_by(notifications.c.id))]


def test_the_parties_write_and_read_each_others_messages_by_name(network, managers, referral):
    referral_id, client = referral
    written = managers["sataedu"].post(messages_url(referral_id), json={"body": "Hei! Asiakas aloittaa maanantaina."})
    assert written.status_code == 201, written.get_json()
    reply = managers["samk"].post(messages_url(referral_id), json={"body": "Kiitos, otamme vastaan."})
    assert reply.status_code == 201
    thread = managers["samk"].get(messages_url(referral_id)).get_json()
    assert [(m["author_name"], m["body"], m["own"]) for m in thread] == [
        ("Palvelumanageri 1", "Hei! Asiakas aloittaa maanantaina.", False),
        ("Palvelumanageri 2", "Kiitos, otamme vastaan.", True)]
    student = net.student_client(network, client)
    assert [m["body"] for m in student.get(messages_url(referral_id)).get_json()] == [
        "Hei! Asiakas aloittaa maanantaina.", "Kiitos, otamme vastaan."]


def test_everyone_else_is_refused_and_stores_nothing(network, managers, referral):
    referral_id, client = referral
    managers["sataedu"].post(messages_url(referral_id), json={"body": "Vain osapuolille."})
    before = stored(network)
    other_student = net.student_client(network, register(managers["sataedu"])["id"])
    for caller in (managers["winnova"], other_student, net.client_as(network, "partner1")):
        assert caller.get(messages_url(referral_id)).status_code == 404
        assert caller.post(messages_url(referral_id), json={"body": "Hei"}).status_code == 404
    coordinator = net.client_as(network, "coordinator")
    assert coordinator.get(messages_url(referral_id)).status_code == 403
    assert managers["sataedu"].get(messages_url("9d2b6a58-3a53-4cf0-9a55-2f1c1a7c8e11")).status_code == 404
    page = managers["winnova"].get(f"/intake/conversations/referral/{referral_id}", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "Vain osapuolille." not in page.get_data(as_text=True)
    assert stored(network) == before


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001, "rivi\x07kello", None, 5])
def test_a_bad_message_names_the_field_and_stores_nothing(network, managers, referral, body):
    referral_id, _client = referral
    before = stored(network)
    response = managers["sataedu"].post(messages_url(referral_id), json={"body": body})
    assert response.status_code == 422 and "body" in response.get_json()["error"]["fields"]
    assert stored(network) == before


def test_the_page_shows_a_refused_message_beside_the_field(network, managers, referral):
    referral_id, _client = referral
    page = managers["sataedu"].post(f"/intake/conversations/referral/{referral_id}", data={"body": " "},
                                    headers={"Accept": "text/html", "Accept-Language": "fi"})
    assert page.status_code == 422 and "Kirjoita viesti." in page.get_data(as_text=True)
    assert "field__optional" not in page.get_data(as_text=True)  # a message is required: not marked optional
    sent = managers["sataedu"].post(f"/intake/conversations/referral/{referral_id}", data={"body": "Sivulta"},
                                    headers={"Accept": "text/html"})
    assert sent.status_code == 303
    page = managers["samk"].get(f"/intake/conversations/referral/{referral_id}",
                                headers={"Accept": "text/html", "Accept-Language": "sv"})
    assert page.status_code == 200 and "Sivulta" in page.get_data(as_text=True)
    assert "Palvelumanageri 1" in page.get_data(as_text=True)
    assert '<a href="/intake/referrals">Hänvisningar</a>' in page.get_data(as_text=True)  # the way back


def test_a_message_notifies_the_other_parties_not_its_author_nor_outsiders(network, managers, referral):
    referral_id, _client = referral
    before = {name: len(notified(network, name)) for name in ("manager1", "manager2", "manager3")}
    managers["samk"].post(messages_url(referral_id), json={"body": "Uusi viesti"})
    assert network.settle()
    assert notified(network, "manager1")[before["manager1"]:] == [
        ("message_posted", f"/conversations/referral/{referral_id}")]
    with network.portal.db.session() as session:  # a referral is about a person: its conversation is named by no one
        assert session.execute(select(notifications.c.subject).order_by(notifications.c.id.desc())).first() == (None,)
    assert len(notified(network, "manager2")) == before["manager2"]
    assert len(notified(network, "manager3")) == before["manager3"]


def test_reading_and_writing_are_in_the_clients_audit_trail(network, managers, referral):
    referral_id, client = referral
    managers["sataedu"].post(messages_url(referral_id), json={"body": "Kirjattu"})
    managers["samk"].get(messages_url(referral_id))
    entries = [(e["action"], e["object_type"], e["purpose"], e["actor_organisation"])
               for e in audit_entries(network.runtimes["intake"], client) if e["object_type"] == "messages"]
    assert entries == [("create", "messages", "referral", "sataedu"), ("read", "messages", "referral", "samk")]


def test_the_messages_are_in_the_clients_export_and_go_with_their_erasure(network, managers, referral):
    referral_id, client = referral
    managers["sataedu"].post(messages_url(referral_id), json={"body": "Viedään ja poistetaan"})
    document = managers["sataedu"].get(f"{API}/{client}/export").get_json()
    assert [m["body"] for m in document["data"]["conversation_messages"]] == ["Viedään ja poistetaan"]
    assert erasure.erase(erasure.via(managers["sataedu"]), client).status_code == 200
    with network.runtimes["intake"].db.session() as session:
        left = session.execute(select(func.count()).select_from(conversation_messages)
                               .where(conversation_messages.c.client_id == client)).scalar_one()
    assert left == 0


def test_the_retention_job_deletes_messages_past_their_period_only(network, managers, referral):
    referral_id, _client = referral
    managers["sataedu"].post(messages_url(referral_id), json={"body": "Vanhenee"})
    runtime = network.runtimes["intake"]
    block = {"retention": {"messages": {"after": "created", "days": 30, "then": "delete"}}}
    kinds = [k for k in record_types(runtime) if k.name == "messages"]
    with runtime.db.session() as session:
        count = session.execute(select(func.count()).select_from(conversation_messages)).scalar_one()
    report = retention.apply(runtime, kinds, now=datetime.now(UTC) + timedelta(days=29),
                             registers=lambda org: build(org, block))
    assert sum(o.done for o in report.outcomes) == 0 and stored(network) == count
    report = retention.apply(runtime, kinds, now=datetime.now(UTC) + timedelta(days=31),
                             registers=lambda org: build(org, block))
    assert sum(o.done for o in report.outcomes) == count and stored(network) == 0


def test_an_environments_conversation_is_between_its_participants_and_their_managers(network, managers):
    import uuid

    from sqlalchemy import insert

    from services.intake.db import environment_participations

    client = register(managers["sataedu"])["id"]
    environment = str(uuid.uuid4())
    with network.runtimes["intake"].db.transaction() as session:  # as environments.participant.enrolled leaves it
        session.execute(insert(environment_participations).values(
            client_id=client, environment_id=environment, environment_name="Sovelluspaja", status="enrolled",
            updated_at=datetime.now(UTC)))
    url = f"/intake/api/v1/conversations/environment/{environment}/messages"
    student = net.student_client(network, client, user_id=str(uuid.uuid4()))
    assert managers["sataedu"].post(url, json={"body": "Tervetuloa pajaan!"}).status_code == 201
    assert [m["body"] for m in student.get(url).get_json()] == ["Tervetuloa pajaan!"]
    assert network.settle()  # the student is told which environment's conversation (its name is no one's data)
    state = student.get("/notifications/unread?after=0", headers={"Accept-Language": "fi"}).get_json()
    assert [n["text"] for n in state["new"]] == ["Uusi viesti keskustelussa aiheesta ”Sovelluspaja”."]
    assert state["new"][0]["href"].endswith(f"/intake/conversations/environment/{environment}")
    assert managers["samk"].get(url).status_code == 404
    assert net.student_client(network, register(managers["sataedu"])["id"]).get(url).status_code == 404
    assert managers["sataedu"].get(
        f"/intake/api/v1/conversations/environment/{uuid.uuid4()}/messages").status_code == 404


def test_the_referrals_on_the_client_card_and_in_the_list_link_to_their_conversation(network, managers, referral):
    referral_id, client = referral
    link = f"/intake/conversations/referral/{referral_id}"
    card = managers["sataedu"].get(f"/intake/clients/{client}", headers={"Accept": "text/html"})
    assert card.status_code == 200 and link in card.get_data(as_text=True)
    listing = managers["samk"].get("/intake/referrals", headers={"Accept": "text/html"})
    assert listing.status_code == 200 and link in listing.get_data(as_text=True)


def test_an_introductions_conversation_takes_in_the_partner_once_the_contact_went_to_them(network, managers):
    import uuid

    from sqlalchemy import insert

    from services.intake.db import contact_disclosures, suggestions
    from tests.support.intake_partners import record_partner

    partner = record_partner(network, managers["sataedu"], name=f"Konepaja {uuid.uuid4().hex[:6]}", kind="company",
                             organisation="konepaja-virtanen")
    client = register(managers["sataedu"])["id"]
    suggestion, now = str(uuid.uuid4()), datetime.now(UTC)
    with network.runtimes["intake"].db.transaction() as session:  # as matching.suggestion.made and .accepted leave it
        session.execute(insert(suggestions).values(
            id=suggestion, client_id=client, target_kind="need", target_id=str(uuid.uuid4()), score=800,
            explanation={}, status="accepted", received_at=now))
    url = f"/intake/api/v1/conversations/introduction/{suggestion}/messages"
    konepaja, other_partner = net.client_as(network, "partner1"), net.client_as(network, "partner2")
    student = net.student_client(network, client)

    assert managers["sataedu"].post(url, json={"body": "Esittelen sinut Konepajalle."}).status_code == 201
    assert [m["body"] for m in student.get(url).get_json()] == ["Esittelen sinut Konepajalle."]
    assert konepaja.get(url).status_code == 404  # the contact has not gone to the partner yet

    with network.runtimes["intake"].db.transaction() as session:  # the young person agreed: the contact went
        session.execute(insert(contact_disclosures).values(
            client_id=client, suggestion_id=suggestion, need_id=str(uuid.uuid4()), partner_id=partner["id"],
            disclosed_at=now))
    assert konepaja.post(url, json={"body": "Tervetuloa haastatteluun!"}).status_code == 201
    thread = student.get(url).get_json()
    assert [(m["body"], m["author_role"]) for m in thread] == [
        ("Esittelen sinut Konepajalle.", "manager"), ("Tervetuloa haastatteluun!", "partner")]
    # another partner, another organisation's manager and another student find nothing
    assert other_partner.get(url).status_code == 404
    assert managers["samk"].get(url).status_code == 404
    assert net.student_client(network, register(managers["sataedu"])["id"]).get(url).status_code == 404
    # a suggestion not accepted (no introduction made) has no conversation
    undecided = str(uuid.uuid4())
    with network.runtimes["intake"].db.transaction() as session:
        session.execute(insert(suggestions).values(
            id=undecided, client_id=client, target_kind="need", target_id=str(uuid.uuid4()), score=700,
            explanation={}, status="new", received_at=now))
    assert managers["sataedu"].get(
        f"/intake/api/v1/conversations/introduction/{undecided}/messages").status_code == 404
    partner_reads = [e for e in audit_entries(network.runtimes["intake"], client)
                     if e["object_type"] == "messages" and e["actor_role"] == "partner"]
    assert partner_reads and all(e["purpose"] == "matching" for e in partner_reads)
