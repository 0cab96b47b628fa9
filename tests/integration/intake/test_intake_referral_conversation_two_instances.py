"""A referral's conversation between two member organisations' intakes on RabbitMQ, each service as its
generated least-privilege user, on PostgreSQL and SQLite: a message written on either side reaches the other
side's thread and nobody else (a third member's intake and reporting receive nothing), a redelivery is stored
once, both copies are exported, read-audited and kept by the retention rule, and an erasure on either side
removes both copies."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pika
import pytest
from sqlalchemy import select

from services.intake.db import conversation_messages, referrals, services
from services.intake.handlers import catalogue, conversations
from services.intake.handlers import referrals as referral_handlers
from services.intake.handlers.clients import fetch
from services.intake.handlers.gdpr import client_data, erase
from services.intake.handlers.retention import record_types
from services.intake.subscribers.conversations import on_referral_message_posted
from shared.auth.principal import Principal
from shared.bus import topology
from shared.events.envelope import Envelope
from shared.privacy import retention
from shared.privacy.register import build
from tests.integration.test_bus_least_privilege import refused
from tests.support.factories import audit_entries
from tests.support.intake_partners import add_client
from tests.support.member_intakes import member_intakes
from tests.support.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MESSAGE = "intake.referral_message.posted"


@pytest.fixture(params=["postgresql", "sqlite"])
def network(request, broker, amqp_url, tmp_path):
    with member_intakes(request, broker, amqp_url, tmp_path) as net:
        yield net


def manager(net, name: str, who: str) -> Principal:
    return Principal(user_id=str(uuid.uuid4()), username=who, name=who, organisation=net.slugs[name],
                     roles=frozenset({"manager"}))


def held(runtime, referral_id: str) -> list:
    """The messages of a referral's thread an instance holds, oldest first."""
    t = conversation_messages
    with runtime.db.session() as session:
        return session.execute(select(t).where(t.c.subject_kind == "referral", t.c.subject_id == referral_id)
                               .order_by(t.c.created_at, t.c.id)).all()


def received_types(runtime) -> set[str]:
    tables = runtime.tables
    with runtime.db.session() as session:
        return (set(session.execute(select(tables.inbox.c.type)).scalars())
                | set(session.execute(select(tables.mailbox.c.type)).scalars()))


def refer(net, sender: Principal, to: str, first: str, service_id: str) -> tuple[str, str]:
    """(referral id, sender's client id) of a new referral of a sataedu client to `to`, arrived there."""
    client = add_client(net.runtime("sataedu", "intake"), net.slugs["sataedu"], first, "Lähetetty",
                        publish_key=False)
    with net.runtime("sataedu", "intake").work() as work:
        referral = referral_handlers.refer(work, sender, {
            "client_id": client, "to_organisation": net.slugs[to], "service_id": service_id, "client_agreed": True})
    eventually(lambda: bool(_rows(net.runtime(to, "intake"), referrals, referrals.c.id == referral["id"])),
               timeout=120, message="the referral reached the receiver")
    return referral["id"], client


def _rows(runtime, table, *where) -> list:
    with runtime.db.session() as session:
        return session.execute(select(table).where(*where)).all()


def post(runtime, principal: Principal, referral_id: str, body: str) -> Envelope | None:
    """Write a message; the addressed event it sent to the other side, if any."""
    with runtime.work() as work:
        conversations.post(work, principal, "referral", referral_id, body)
        sent = [e for e in work.emitted if e.type == MESSAGE]
    return sent[0] if sent else None


def read(runtime, principal: Principal, referral_id: str) -> list[tuple[str, str, bool]]:
    with runtime.work() as work:
        _subject, messages = conversations.thread(work, principal, "referral", referral_id)
    return [(m["author_name"], m["body"], m["own"]) for m in messages]


def test_a_referrals_conversation_crosses_to_the_other_side_only_and_goes_with_the_client(network):
    sataedu, samk, diak = (network.runtime(n, "intake") for n in ("sataedu", "samk", "diak"))
    a, b = manager(network, "sataedu", "Aino Ohjaaja"), manager(network, "samk", "Bertta Vastaanottaja")
    with samk.work() as work:
        service = catalogue.save_service(work, b, {"name": "Opintojen ohjaus", "active": True})
    eventually(lambda: bool(_rows(sataedu, services, services.c.id == service)), timeout=120,
               message="sataedu's catalogue has samk's service")

    referral, client = refer(network, a, "samk", "Veera", service)
    first = post(sataedu, a, referral, "Hei! Asiakas aloittaa maanantaina.")
    assert first is not None and first.recipient == network.slugs["samk"]
    assert set(first.payload) == {"referral_id", "message_id", "author_name", "author_role", "body", "posted_at"}
    eventually(lambda: len(held(samk, referral)) == 1, timeout=120, message="A's message reached B's thread")
    assert read(samk, b, referral) == [("Aino Ohjaaja", "Hei! Asiakas aloittaa maanantaina.", False)]

    reply = post(samk, b, referral, "Kiitos, otamme vastaan.")
    assert reply is not None and reply.recipient == network.slugs["sataedu"]
    eventually(lambda: len(held(sataedu, referral)) == 2, timeout=120, message="B's reply reached A's thread")
    both = [("Aino Ohjaaja", "Hei! Asiakas aloittaa maanantaina."), ("Bertta Vastaanottaja", "Kiitos, otamme vastaan.")]
    assert [(n, t) for n, t, _own in read(sataedu, a, referral)] == both
    assert [own for *_x, own in read(sataedu, a, referral)] == [True, False]
    # each copy keeps the message's id and its author's organisation (whose retention rule keeps it)
    assert [(r.id, r.organisation) for r in held(sataedu, referral)] == [
        (r.id, r.organisation) for r in held(samk, referral)]
    assert [r.organisation for r in held(samk, referral)] == [network.slugs["sataedu"], network.slugs["samk"]]

    # B links its own client: its copies become that client's data, exported and read-audited with them
    receiver_client = add_client(samk, network.slugs["samk"], "Veera", "Vastaanotettu", publish_key=False)
    with samk.work() as work:
        referral_handlers.decide(work, b, referral, "accept", receiver_client_id=receiver_client)
    assert read(samk, b, referral)[0][1] == "Hei! Asiakas aloittaa maanantaina."
    for runtime, owner in ((sataedu, client), (samk, receiver_client)):
        with runtime.db.session() as session:
            exported = [m["body"] for m in client_data(session, owner)["conversation_messages"]]
        assert sorted(exported) == sorted(t for _n, t in both)
    reads_b = [(e["action"], e["actor_organisation"]) for e in audit_entries(samk, receiver_client)
               if e["object_type"] == "messages"]
    assert reads_b == [("read", network.slugs["samk"])]
    trail_a = [(e["action"], e["actor_organisation"]) for e in audit_entries(sataedu, client)
               if e["object_type"] == "messages"]
    assert ("disclose", network.slugs["sataedu"]) in trail_a and ("read", network.slugs["sataedu"]) in trail_a

    # a redelivery of A's event (the same event again through the broker) and a repeat under a new event id
    # store nothing more
    member = network.deployment.service_url(network.slugs["sataedu"], "intake")
    props = pika.BasicProperties(message_id=first.id, type=first.type, user_id=f"{network.slugs['sataedu']}.intake",
                                 delivery_mode=2, content_type="application/json")
    assert refused(member, topology.EVENTS_EXCHANGE, first.routing_key, first.to_json().encode(), props) == 0
    marker = post(sataedu, a, referral, "Kolmas viesti.")
    assert marker is not None
    eventually(lambda: len(held(samk, referral)) == 3, timeout=120, message="the message after the redelivery")
    repeat = Envelope(type=MESSAGE, payload=first.payload, organisation=first.organisation, service="intake",
                      recipient=first.recipient)
    with samk.work() as work:
        on_referral_message_posted(work, repeat)
    assert [r.body for r in held(samk, referral)] == [
        "Hei! Asiakas aloittaa maanantaina.", "Kiitos, otamme vastaan.", "Kolmas viesti."]

    # nobody else: the third member has no referral and no message, never received the type; nor reporting
    assert _rows(diak, conversation_messages) == [] and _rows(diak, referrals) == []
    assert MESSAGE not in received_types(diak)
    assert MESSAGE not in received_types(network.runtime("verkosto", "reporting"))
    assert MESSAGE in received_types(samk) and MESSAGE in received_types(sataedu)

    # retention: each copy is due by its author's organisation's rule, on either side
    block = {"retention": {"messages": {"after": "created", "days": 30, "then": "delete"}}}
    for runtime in (sataedu, samk):
        kinds = [k for k in record_types(runtime) if k.name == "messages"]
        for days, due in ((29, 0), (31, 3)):
            report = retention.apply(runtime, kinds, dry_run=True, now=datetime.now(UTC) + timedelta(days=days),
                                     registers=lambda org: build(org, block))
            assert sum(o.due for o in report.outcomes) == due

    # erasure on the sender's side removes both copies; on the receiver's side likewise (a second referral)
    with sataedu.work() as work:
        erase(work, fetch(work.session, client))
    assert held(sataedu, referral) == []
    eventually(lambda: held(samk, referral) == [], timeout=120, message="B's copies went with A's erasure")

    second, _second_client = refer(network, a, "samk", "Ilona", service)
    post(sataedu, a, second, "Toinen lähete.")
    eventually(lambda: len(held(samk, second)) == 1, timeout=120, message="the second referral's message arrived")
    post(samk, b, second, "Vastaus toiseen.")
    eventually(lambda: len(held(sataedu, second)) == 2, timeout=120, message="its reply arrived")
    other_client = add_client(samk, network.slugs["samk"], "Ilona", "Vastaanotettu", publish_key=False)
    with samk.work() as work:
        referral_handlers.decide(work, b, second, "accept", receiver_client_id=other_client)
    with samk.work() as work:
        erase(work, fetch(work.session, other_client))
    assert held(samk, second) == []
    eventually(lambda: held(sataedu, second) == [], timeout=120, message="A's copies went with B's erasure")
    assert _rows(diak, conversation_messages) == []
