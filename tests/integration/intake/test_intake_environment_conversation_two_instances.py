"""An environment's conversation across member organisations' intakes on RabbitMQ, each service as its generated
least-privilege user, on PostgreSQL and SQLite: the environment has students of two members (each with its own
intake) and one partner; a message written on either side, by a manager, a student or the partner's user, reaches
the other member's copy of the one thread and nobody else (a third member's intake, whose client is in no team, and
reporting receive nothing); a repeat is stored once; erasing a client removes the messages that were their data on
both sides."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import insert, select

from services.intake.db import conversation_messages, partner_names
from services.intake.handlers import conversations
from services.intake.handlers.clients import fetch
from services.intake.handlers.gdpr import client_data, erase
from services.intake.subscribers.conversations import on_environment_message_posted
from services.intake.subscribers.environments import HANDLERS as ENVIRONMENT_EVENTS
from shared.auth.principal import Principal
from shared.errors import NotFound
from shared.events.envelope import Envelope, utcnow
from tests.support.factories import audit_entries
from tests.support.intake_partners import add_client
from tests.support.member_intakes import member_intakes
from tests.support.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MESSAGE = "intake.environment_message.posted"
PARTNER = "konepaja-virtanen"  # the login organisation of the environment's partner's users


@pytest.fixture(params=["postgresql", "sqlite"])
def network(request, broker, amqp_url, tmp_path):
    with member_intakes(request, broker, amqp_url, tmp_path) as net:
        yield net


def person(net, name: str | None, who: str, role: str, client_id: str | None = None) -> Principal:
    return Principal(user_id=str(uuid.uuid4()), username=who, name=who,
                     organisation=net.slugs[name] if name else PARTNER, roles=frozenset({role}), client_id=client_id)


def announce(runtime, environment_id: str, partner_id: str, enrolled: list[tuple[str, str]]) -> None:
    """What environments tells every intake: the environment with its partner, and who enrolled (as the events
    arrive through the consumer, applied here directly: the environments service is not part of this test)."""
    events = [Envelope(type="environments.environment.opened", organisation="verkosto", service="environments",
                       payload={"environment_id": environment_id, "partner_ids": [partner_id]})]
    events += [Envelope(type="environments.participant.enrolled", organisation="verkosto", service="environments",
                        payload={"participant_id": str(uuid.uuid4()), "environment_id": environment_id,
                                 "client_id": client, "organisation": organisation, "role_id": str(uuid.uuid4())})
               for client, organisation in enrolled]
    with runtime.work() as work:
        work.session.execute(insert(partner_names).values(partner_id=partner_id, name="Konepaja Virtanen Oy",
                                                          organisation=PARTNER, received_at=utcnow()))
        for envelope in events:
            ENVIRONMENT_EVENTS[envelope.type](work, envelope)


def held(runtime, environment_id: str) -> list:
    t = conversation_messages
    with runtime.db.session() as session:
        return session.execute(select(t).where(t.c.subject_kind == "environment", t.c.subject_id == environment_id)
                               .order_by(t.c.created_at, t.c.id)).all()


def post(runtime, principal: Principal, environment_id: str, body: str) -> list[Envelope]:
    """Write a message; the addressed events it sent to other members' intakes."""
    with runtime.work() as work:
        conversations.post(work, principal, "environment", environment_id, body)
        return [e for e in work.emitted if e.type == MESSAGE]


def read(runtime, principal: Principal, environment_id: str) -> list[tuple[str, str]]:
    with runtime.work() as work:
        _subject, messages = conversations.thread(work, principal, "environment", environment_id)
    return [(m["author_name"], m["body"]) for m in messages]


def received_types(runtime) -> set[str]:
    tables = runtime.tables
    with runtime.db.session() as session:
        return (set(session.execute(select(tables.inbox.c.type)).scalars())
                | set(session.execute(select(tables.mailbox.c.type)).scalars()))


def test_an_environments_conversation_is_one_thread_across_the_members_intakes(network):
    sataedu, samk, diak = (network.runtime(n, "intake") for n in ("sataedu", "samk", "diak"))
    environment, partner_id = str(uuid.uuid4()), str(uuid.uuid4())
    aino = add_client(sataedu, network.slugs["sataedu"], "Aino", "Opiskelija", publish_key=False)
    bertta = add_client(samk, network.slugs["samk"], "Bertta", "Opiskelija", publish_key=False)
    add_client(diak, network.slugs["diak"], "Cecilia", "Muualla", publish_key=False)  # in no team
    taking_part = [(aino, network.slugs["sataedu"]), (bertta, network.slugs["samk"])]
    for runtime in (sataedu, samk, diak):
        announce(runtime, environment, partner_id, taking_part)

    manager_a = person(network, "sataedu", "Aino Ohjaaja", "manager")
    manager_b = person(network, "samk", "Bertta Ohjaaja", "manager")
    partner = person(network, None, "Kalle Konepaja", "partner")
    student_a = person(network, "sataedu", "Aino Opiskelija", "student", client_id=aino)

    # The manager's message goes to the other member's intake alone, with the message's id.
    [sent] = post(sataedu, manager_a, environment, "Tervetuloa tiimiin!")
    assert sent.recipient == network.slugs["samk"] and sent.organisation == network.slugs["sataedu"]
    assert set(sent.payload) == {"environment_id", "message_id", "author_name", "author_role", "body", "posted_at"}
    eventually(lambda: len(held(samk, environment)) == 1, timeout=120, message="A's message reached B's copy")
    assert read(samk, manager_b, environment) == [("Aino Ohjaaja", "Tervetuloa tiimiin!")]

    # The partner's user reads and writes in the thread at either intake; their message reaches the other side.
    assert read(samk, partner, environment) == [("Aino Ohjaaja", "Tervetuloa tiimiin!")]
    [from_partner] = post(samk, partner, environment, "Aloitamme maanantaina kello 9.")
    assert from_partner.recipient == network.slugs["sataedu"]
    eventually(lambda: len(held(sataedu, environment)) == 2, timeout=120, message="the partner's message reached A")

    # A student's own words are her data at her own side; they reach the other side too.
    [from_student] = post(sataedu, student_a, environment, "Kiitos, tulen paikalle.")
    eventually(lambda: len(held(samk, environment)) == 3, timeout=120, message="the student's message reached B")
    thread = [("Aino Ohjaaja", "Tervetuloa tiimiin!"), ("Kalle Konepaja", "Aloitamme maanantaina kello 9."),
              ("Aino Opiskelija", "Kiitos, tulen paikalle.")]
    assert read(sataedu, manager_a, environment) == thread
    assert read(samk, manager_b, environment) == thread
    assert [r.id for r in held(sataedu, environment)] == [r.id for r in held(samk, environment)]
    with sataedu.db.session() as session:
        exported = sorted(m["body"] for m in client_data(session, aino)["conversation_messages"])
    assert exported == ["Kiitos, tulen paikalle.", "Tervetuloa tiimiin!"]  # Aino is the one participant at A
    trail = [(e["action"], e["actor_role"]) for e in audit_entries(sataedu, aino) if e["object_type"] == "messages"]
    assert ("disclose", "manager") in trail and ("read", "partner") not in trail  # the partner read at B
    assert ("read", "partner") in [(e["action"], e["actor_role"]) for e in audit_entries(samk, bertta)
                                   if e["object_type"] == "messages"]

    # A repeat of a message already here stores nothing more.
    repeat = Envelope(type=MESSAGE, payload=sent.payload, organisation=sent.organisation, service="intake",
                      recipient=sent.recipient)
    with samk.work() as work:
        on_environment_message_posted(work, repeat)
    assert len(held(samk, environment)) == 3

    # Nobody else: the third member keeps no thread (its client is in no team), never received the type; nor
    # reporting; and a partner's user of another partner finds nothing.
    assert held(diak, environment) == []
    assert MESSAGE not in received_types(diak)
    assert MESSAGE not in received_types(network.runtime("verkosto", "reporting"))
    with pytest.raises(NotFound), diak.work() as work:
        conversations.thread(work, partner, "environment", environment)
    stranger = Principal(user_id=str(uuid.uuid4()), organisation="nuorisoseura", roles=frozenset({"partner"}))
    with pytest.raises(NotFound), samk.work() as work:
        conversations.thread(work, stranger, "environment", environment)

    # Erasing Aino at A removes the messages that were her data (hers, and her manager's while she was A's one
    # participant) on both sides; the partner's message, Bertta's side's data, stays at B.
    with sataedu.work() as work:
        erase(work, fetch(work.session, aino))
    assert [r.body for r in held(sataedu, environment)] == ["Aloitamme maanantaina kello 9."]
    eventually(lambda: [r.body for r in held(samk, environment)] == ["Aloitamme maanantaina kello 9."],
               timeout=120, message="B's copies of Aino's messages went with her erasure")
    assert read(samk, manager_b, environment) == [("Kalle Konepaja", "Aloitamme maanantaina kello 9.")]

    # A's participant is gone, so A keeps no thread any more: B's next message is taken there and dropped, not
    # retried into the dead letters.
    [later] = post(samk, manager_b, environment, "Jatketaan ensi viikolla.")
    assert later.recipient == network.slugs["sataedu"]
    eventually(lambda: later.id in network.inbox("sataedu", "intake"), timeout=120,
               message="A handled B's message")
    assert [r.body for r in held(sataedu, environment)] == ["Aloitamme maanantaina kello 9."]
