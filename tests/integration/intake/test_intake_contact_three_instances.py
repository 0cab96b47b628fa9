"""A client's contact travels only to the intake instance that holds the need (data minimisation).

Three member organisations, each with its own intake instance and database, joined by the embedded
event network: sataedu holds the client, samk the partner's need, diak neither. Matching's acceptance
reaches all three; the contact details reach samk alone. Run on SQLite and on PostgreSQL.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import select, update

from services.intake import SERVICE
from services.intake.db import contact_disclosures, need_partners, shared_contacts
from shared.auth.principal import Principal
from shared.bus.inprocess import InProcessNetwork
from shared.bus.messages import OutgoingMessage
from shared.bus.relay import Relay
from shared.config import Config
from shared.events.envelope import new_event
from tests.integration.intake.client_helpers import unique_client
from tests.support.identity import StandaloneIdentity
from tests.support.intake_partners import events

pytestmark = pytest.mark.integration
CONTACT = "intake.contact.shared"
EMAIL = "aino.aijala@example.fi"


@dataclass
class Instance:
    organisation: str
    runtime: object
    app: object
    identity: StandaloneIdentity

    def api(self, method: str, path: str, **kwargs):
        principal = Principal(user_id=str(uuid.uuid4()), username=f"manager-{self.organisation}", name="M",
                              organisation=self.organisation, roles=frozenset({"manager"}))
        token = self.identity.token(principal)
        response = self.app.test_client().open(f"/api/v1{path}", method=method, headers={
            "Authorization": f"Bearer {token}", "Accept": "application/json"}, **kwargs)
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    def rows(self, table, *where):
        with self.runtime.db.session() as session:
            return session.execute(select(table).where(*where)).all()

    def received(self) -> set[str]:
        """Types of the events this instance has applied or holds in its mailbox (alive or dead)."""
        tables = self.runtime.tables
        with self.runtime.db.session() as session:
            return (set(session.execute(select(tables.inbox.c.type)).scalars())
                    | set(session.execute(select(tables.mailbox.c.type)).scalars()))


@pytest.fixture(params=["sqlite", "postgresql"])
def bus(request, tmp_path):
    """sataedu's, samk's and diak's intake instances, one in-process event network."""
    network, instances, workers, created = InProcessNetwork(), {}, [], []
    identity = StandaloneIdentity(tmp_path)  # the network's users, as the portal would hold them
    for org in ("sataedu", "samk", "diak"):
        if request.param == "postgresql":
            url = request.getfixturevalue("postgres").create_database()
            created.append(url)
        else:
            url = f"sqlite:///{tmp_path / (org + '-intake.sqlite3')}"
        runtime = SERVICE.runtime(Config(service="intake", database_url=url, organisation=org, testing=True))
        instances[org] = Instance(org, runtime, SERVICE.app_for(runtime, token_check=identity.check), identity)
        workers.append(network.subscribe(runtime, SERVICE.subscribed_types))
    transport = network.transport()
    relays = [Relay(i.runtime, transport) for i in instances.values()]

    def settle() -> None:
        for _ in range(50):
            if sum(r.run_once() for r in relays) + sum(w.run_once() for w in workers) == 0:
                return
        raise AssertionError("events kept moving")

    yield instances, transport, settle
    for instance in instances.values():
        instance.runtime.close()
    identity.close()
    for url in created:
        request.getfixturevalue("postgres").drop_database(url)


def samk_need(samk: Instance) -> str:
    partner = samk.api("POST", "/partners", json={"name": "Konepaja Virtanen Oy", "kind": "company",
                                                  "business_id": "2464491-9", "municipality": "609"})
    need = samk.api("POST", "/competence-needs", json={"partner_id": partner["id"], "title": "Hitsaaja",
                                                       "work_type": "part_time"})
    return need["id"]


def sataedu_client(sataedu: Instance) -> str:
    body = unique_client(consents={"service": True, "contact_to_partner": True})
    return sataedu.api("POST", "/clients", json=body)["id"]


def accept(transport, client_id: str, need_id: str) -> str:
    """Matching's acceptance of sataedu's client for the need, as the network's matching publishes it."""
    suggestion_id = str(uuid.uuid4())
    envelope = new_event("matching.suggestion.accepted", {
        "suggestion_id": suggestion_id, "client_id": client_id, "organisation": "sataedu", "target_kind": "need",
        "target_id": need_id, "environment_id": None, "reason": None}, organisation="verkosto", service="matching")
    transport.publish([OutgoingMessage(envelope.id, envelope.type, envelope.routing_key, envelope.to_json())])
    return suggestion_id


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

    samk.api("PATCH", f"/competence-needs/{need_id}", json={"people": 2})  # any change publishes the need again
    settle()
    accept(transport, client_id, need_id)
    settle()
    [sent] = events(sataedu.runtime, CONTACT)
    assert sent["recipient"] == {"organisation": "samk"}
    assert len(samk.rows(shared_contacts, shared_contacts.c.need_id == need_id)) == 1
