"""The event flow over real RabbitMQ and PostgreSQL: outbox -> relay -> queue -> inbox."""
from __future__ import annotations

import json

import pika
import pytest
from click.testing import CliRunner
from sqlalchemy import text

from services.cli import main
from shared.bus import topology
from shared.bus.amqp import ConfirmingPublisher, parameters
from shared.bus.consumer import AmqpConsumer
from shared.bus.deadletters import list_dead, replay
from shared.bus.relay import Relay
from shared.events.envelope import Envelope
from tests.support import probe
from tests.support.running import amqp_relay, declare, running
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

CONSUMER = "verkosto.reporting"


@pytest.fixture
def pair(postgres, amqp_url):
    producer_url, consumer_url = postgres.create_database(), postgres.create_database()
    producer = probe.runtime("producer", producer_url, amqp_url)
    consumer = probe.runtime("consumer", consumer_url, amqp_url)
    yield producer, consumer, amqp_url
    producer.close()
    consumer.close()
    postgres.drop_database(producer_url)
    postgres.drop_database(consumer_url)


def test_committed_events_reach_the_other_service_once(pair):
    producer, consumer, amqp_url = pair
    relay, publisher = amqp_relay(producer, amqp_url, [probe.PROBE])
    try:
        with running(relay, AmqpConsumer(consumer, [probe.PROBE])):
            probe.send(producer, 50)
            eventually(lambda: probe.applied_count(consumer)[0] == 50, message="50 probes applied")
        assert probe.applied(consumer) == list(range(50))
        assert probe.unsent(producer) == 0
    finally:
        publisher.stop()


def test_rolled_back_transaction_publishes_nothing(pair):
    producer, consumer, amqp_url = pair
    with pytest.raises(RuntimeError), producer.work() as work:
        work.emit(probe.PROBE, {"seq": 1})
        raise RuntimeError("the change fails after the event was staged")
    probe.send(producer, 1, start=2)
    relay, publisher = amqp_relay(producer, amqp_url, [probe.PROBE])
    try:
        with running(relay, AmqpConsumer(consumer, [probe.PROBE])):
            eventually(lambda: probe.applied(consumer) == [2], message="the committed probe applied")
        assert probe.applied(consumer) == [2]
        with producer.db.session() as s:
            assert s.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 1
    finally:
        publisher.stop()


def test_duplicate_delivery_is_acknowledged_and_skipped(pair):
    producer, consumer, amqp_url = pair
    relay, publisher = amqp_relay(producer, amqp_url, [probe.PROBE])
    try:
        probe.send(producer, 1)
        relay.run_once()
        with producer.db.session() as s:
            body = s.execute(text("SELECT body FROM outbox")).scalar_one()
        # The same event published again, as after a relay crash between confirm and commit.
        connection = pika.BlockingConnection(parameters(amqp_url))
        channel = connection.channel()
        envelope = Envelope.from_json(body)
        channel.basic_publish(topology.EVENTS_EXCHANGE, envelope.routing_key, body.encode(),
                              pika.BasicProperties(message_id=envelope.id, type=envelope.type, user_id="guest",
                                                   delivery_mode=2))
        connection.close()
        with running(AmqpConsumer(consumer, [probe.PROBE])):
            eventually(lambda: queue_depth(amqp_url, topology.events_queue(CONSUMER)) == 0, message="queue drained")
        assert probe.applied_count(consumer) == (1, 1)
    finally:
        publisher.stop()


def test_poison_message_is_dead_lettered_then_applied_after_replay(pair):
    producer, consumer, amqp_url = pair
    failed = consumer.metrics.failed.labels(probe.PROBE)
    dead_lettered = consumer.metrics.dead_lettered.labels(probe.PROBE, "failed")
    failed_before, dead_before = failed._value.get(), dead_lettered._value.get()
    relay, publisher = amqp_relay(producer, amqp_url, [probe.PROBE])
    try:
        with running(relay, AmqpConsumer(consumer, [probe.PROBE])):
            probe.send(producer, 1, start=7, poison=True)
            probe.send(producer, 1, start=8)
            eventually(lambda: len(list_dead(amqp_url, CONSUMER)) == 1, message="poison dead-lettered")
            assert probe.applied(consumer) == [8]
        [dead] = list_dead(amqp_url, CONSUMER)
        # Tried max_delivery_attempts (3) times, then rejected: the broker dead-lettered it, sender and key intact.
        assert failed._value.get() - failed_before == consumer.config.max_delivery_attempts == 3
        assert dead_lettered._value.get() - dead_before == 1
        assert (dead["type"], dead["reason"], dead["sender"]) == (probe.PROBE, "rejected", "guest")
        assert (dead["queue"], dead["routing_key"]) == (topology.events_queue(CONSUMER), f"verkosto.{probe.PROBE}")
        listed = CliRunner().invoke(main, ["dead-letters", "list", "reporting"], env={
            "AMQP_URL": "amqp://nobody:wrong@127.0.0.1:1/%2F", "AMQP_OPERATOR_URL": amqp_url, "KAMPUS_ORG": "verkosto",
            "REPORTING_DATABASE_URL": consumer.config.database_url})
        assert listed.exit_code == 0, listed.output
        assert listed.output.splitlines()[0].startswith(f"{dead['event_id']}  {probe.PROBE}  rejected  from guest")
        with consumer.work() as work:  # the operator fixes the cause
            work.session.execute(consumer.metadata.tables["fixes"].insert().values(seq=7))
        assert replay(amqp_url, CONSUMER) == 1
        with running(AmqpConsumer(consumer, [probe.PROBE])):
            eventually(lambda: probe.applied(consumer) == [7, 8], message="replayed probe applied")
        assert list_dead(amqp_url, CONSUMER) == []
    finally:
        publisher.stop()


def test_event_from_a_user_of_another_organisation_is_rejected(pair, broker):
    producer, consumer, amqp_url = pair
    consumer_strict = probe.runtime("consumer", consumer.config.database_url, amqp_url, amqp_trusted_users=())
    refused = consumer_strict.metrics.dead_lettered.labels(probe.PROBE, "provenance")
    before = refused._value.get()
    name = "orgb.intake"
    orgb_url = broker.add_user(amqp_url, name, "orgb-secret")
    try:
        declare(amqp_url, {CONSUMER: [probe.PROBE]})
        connection = pika.BlockingConnection(parameters(orgb_url))
        channel = connection.channel()
        channel.confirm_delivery()
        forged = Envelope(type=probe.PROBE, payload={"seq": 1}, organisation="orga", service="intake")
        honest = Envelope(type=probe.PROBE, payload={"seq": 2}, organisation="orgb", service="intake")
        for envelope in (forged, honest):
            channel.basic_publish(topology.EVENTS_EXCHANGE, envelope.routing_key, envelope.to_json().encode(),
                                  pika.BasicProperties(message_id=envelope.id, type=envelope.type,
                                                       user_id=name, delivery_mode=2))
        # The broker itself refuses a user_id that is not the connection's user.
        with pytest.raises(pika.exceptions.ChannelClosedByBroker) as refusal:
            channel.basic_publish(topology.EVENTS_EXCHANGE, forged.routing_key, forged.to_json().encode(),
                                  pika.BasicProperties(message_id=forged.id, user_id="orga.intake"))
        assert refusal.value.reply_code == 406
        connection.close()
        with running(AmqpConsumer(consumer_strict, [probe.PROBE])):
            eventually(lambda: probe.applied(consumer_strict) == [2], message="honest event applied")
            eventually(lambda: len(list_dead(amqp_url, CONSUMER)) == 1, message="forged event dead-lettered")
        [dead] = list_dead(amqp_url, CONSUMER)
        assert (dead["event_id"], dead["sender"], dead["reason"]) == (forged.id, name, "rejected")
        assert refused._value.get() - before == 1
        assert probe.applied(consumer_strict) == [2]
    finally:
        consumer_strict.close()
        broker.delete_user(name)


def test_malformed_and_invalid_messages_are_dead_lettered(pair):
    producer, consumer, amqp_url = pair
    counters = {reason: consumer.metrics.dead_lettered.labels(probe.PROBE, reason)
                for reason in ("invalid", "malformed")}
    before = {reason: c._value.get() for reason, c in counters.items()}
    declare(amqp_url, {CONSUMER: [probe.PROBE]})
    connection = pika.BlockingConnection(parameters(amqp_url))
    channel = connection.channel()
    bad_payload = Envelope(type=probe.PROBE, payload={"seq": "not a number"}, organisation="verkosto",
                           service="intake")
    for body in (b"not json", bad_payload.to_json().encode()):
        channel.basic_publish(topology.EVENTS_EXCHANGE, "verkosto." + probe.PROBE, body,
                              pika.BasicProperties(user_id="guest", message_id="x", type=probe.PROBE))
    connection.close()
    with running(AmqpConsumer(consumer, [probe.PROBE])):
        eventually(lambda: len(list_dead(amqp_url, CONSUMER)) == 2, message="both dead-lettered")
    assert {reason: c._value.get() - before[reason] for reason, c in counters.items()} == {"invalid": 1, "malformed": 1}
    assert probe.applied(consumer) == []


def queue_depth(amqp_url: str, queue: str) -> int:
    connection = pika.BlockingConnection(parameters(amqp_url))
    try:
        return connection.channel().queue_declare(queue, passive=True).method.message_count
    finally:
        connection.close()


def test_outbox_rows_carry_the_envelope(pair):
    producer, _consumer, _url = pair
    with producer.work() as work:
        sent = work.emit(probe.PROBE, {"seq": 3})
    with producer.db.session() as s:
        row = s.execute(text("SELECT event_id, routing_key, body FROM outbox")).one()
    assert row.event_id == sent.id
    assert row.routing_key == f"verkosto.{probe.PROBE}"
    assert json.loads(row.body)["payload"] == {"seq": 3, "poison": False}


def test_a_published_batch_reaches_the_broker_in_a_few_writes_and_in_order(amqp_url, monkeypatch):
    """pika writes each frame with its own send(); the publisher joins a batch's frames first."""
    from pika.adapters.utils.io_services_utils import _AsyncTransportBase

    from shared.bus.amqp import ConfirmingPublisher
    from shared.bus.messages import OutgoingMessage

    sends = []
    original = _AsyncTransportBase._sigint_safe_send

    def counting_send(sock, data):
        sends.append(len(data))
        return original(sock, data)

    monkeypatch.setattr(_AsyncTransportBase, "_sigint_safe_send", staticmethod(counting_send))
    queue = "coalescing.check"
    connection = pika.BlockingConnection(parameters(amqp_url))
    connection.channel().queue_declare(queue, durable=True, arguments={"x-queue-type": "quorum"})
    connection.close()
    publisher = ConfirmingPublisher(amqp_url, exchange="", name="coalescing")
    publisher.start()
    try:
        assert publisher.wait_ready(20)
        sends.clear()
        messages = [OutgoingMessage(f"00000000-0000-4000-8000-{i:012d}", probe.PROBE, queue, json.dumps({"seq": i}))
                    for i in range(1000)]
        results = publisher.publish(messages)
    finally:
        publisher.stop()
    assert list(results.values()) == [None] * 1000
    assert sum(sends) > 1000 * 100, "every message's frames were written"
    assert len(sends) < 50, f"{len(sends)} socket writes for 1,000 messages (3,000 frames)"
    connection = pika.BlockingConnection(parameters(amqp_url))
    try:
        channel = connection.channel()
        received = []
        for method, properties, body in channel.consume(queue, inactivity_timeout=2):
            if method is None:
                break
            received.append((properties.message_id, json.loads(body)["seq"]))
            channel.basic_ack(method.delivery_tag)
            if len(received) == 1000:
                break
    finally:
        connection.close()
    assert received == [(m.event_id, i) for i, m in enumerate(messages)]


@pytest.fixture
def two_organisations(postgres, amqp_url):
    """A sataedu producer and one consumer each for samk and diak, on PostgreSQL and this test's vhost."""
    urls = [postgres.create_database() for _ in range(3)]
    producer = probe.runtime("producer", urls[0], amqp_url, organisation="sataedu")
    consumers = {org: probe.runtime("consumer", url, amqp_url, organisation=org)
                 for org, url in zip(("samk", "diak"), urls[1:])}
    yield producer, consumers, amqp_url
    for rt in (producer, *consumers.values()):
        rt.close()
    for url in urls:
        postgres.drop_database(url)


def declare_organisations(amqp_url: str, consumers: dict) -> None:
    declare(amqp_url, {topology.consumer_name(org, rt.name): [probe.PROBE, probe.ADDRESSED_PROBE]
                       for org, rt in consumers.items()}, probe.REGISTRY.addressed_types())


def test_an_addressed_event_reaches_only_the_recipients_queue(two_organisations):
    producer, consumers, amqp_url = two_organisations
    declare_organisations(amqp_url, consumers)
    publisher = ConfirmingPublisher(amqp_url, name="test-relay").start()
    assert publisher.wait_ready(20), "publisher did not connect"
    try:
        relay = Relay(producer, publisher)
        probe.send(producer, 1, start=1)  # to everyone: diak's queue does receive what is meant for it
        probe.send_to(producer, "samk", seq=2)
        with running(relay, AmqpConsumer(consumers["samk"], [probe.PROBE, probe.ADDRESSED_PROBE])):
            eventually(lambda: probe.applied(consumers["samk"]) == [1, 2], message="samk applied both")
        assert probe.unsent(producer) == 0
        # diak's consumer never ran: its queue holds exactly what the broker routed to it.
        assert queue_depth(amqp_url, topology.events_queue("diak.reporting")) == 1
        with running(AmqpConsumer(consumers["diak"], [probe.PROBE, probe.ADDRESSED_PROBE])):
            eventually(lambda: queue_depth(amqp_url, topology.events_queue("diak.reporting")) == 0,
                       message="diak's queue drained")
        assert probe.applied(consumers["diak"]) == [1]
        assert list_dead(amqp_url, "diak.reporting") == [] and list_dead(amqp_url, "samk.reporting") == []
    finally:
        publisher.stop()


def test_an_event_addressed_to_another_organisation_is_discarded_not_kept(two_organisations):
    producer, consumers, amqp_url = two_organisations
    declare_organisations(amqp_url, consumers)
    for_samk = Envelope(type=probe.ADDRESSED_PROBE, payload={"seq": 5}, organisation="sataedu", service="intake",
                        recipient="samk")
    connection = pika.BlockingConnection(parameters(amqp_url))
    channel = connection.channel()
    # Published with diak's key, as a wrong binding would deliver it to diak.
    channel.basic_publish(topology.EVENTS_EXCHANGE, "sataedu.intake.probe.addressed.diak", for_samk.to_json().encode(),
                          pika.BasicProperties(message_id=for_samk.id, type=for_samk.type, user_id="guest",
                                               delivery_mode=2))
    connection.close()
    assert queue_depth(amqp_url, topology.events_queue("samk.reporting")) == 0
    assert queue_depth(amqp_url, topology.events_queue("diak.reporting")) == 1
    counter = consumers["diak"].metrics.discarded.labels(probe.ADDRESSED_PROBE, "misaddressed")
    before = counter._value.get()
    with running(AmqpConsumer(consumers["diak"], [probe.PROBE, probe.ADDRESSED_PROBE])):
        eventually(lambda: counter._value.get() == before + 1, message="the misaddressed event was discarded")
    # Not applied, and not kept in diak's dead letters either: it may carry personal data meant for samk.
    assert queue_depth(amqp_url, topology.events_queue("diak.reporting")) == 0
    assert list_dead(amqp_url, "diak.reporting") == []
    assert probe.applied(consumers["diak"]) == []


def test_a_consumer_applies_only_what_came_the_way_events_travel_and_what_it_subscribes_to(pair):
    """Even from a user trusted to speak for every organisation (guest here), a consumer refuses an event
    that came through the default exchange, under another event's routing key, or of a type it does not take."""
    producer, consumer, amqp_url = pair
    declare(amqp_url, {CONSUMER: [probe.PROBE]})
    connection = pika.BlockingConnection(parameters(amqp_url))
    channel = connection.channel()
    channel.queue_bind(topology.events_queue(CONSUMER), topology.EVENTS_EXCHANGE, "#")  # a binding too wide
    sent = {}

    def publish(reason: str, exchange: str, key: str, envelope: Envelope) -> None:
        sent[reason] = envelope.id
        channel.basic_publish(exchange, key, envelope.to_json().encode(), pika.BasicProperties(
            message_id=envelope.id, type=envelope.type, user_id="guest", delivery_mode=2))

    def probe_event(seq: int, **changes) -> Envelope:
        return Envelope(**{"type": probe.PROBE, "payload": {"seq": seq}, "organisation": "verkosto",
                           "service": "intake", **changes})

    publish("default exchange", "", topology.events_queue(CONSUMER), probe_event(1))
    publish("routing key", topology.EVENTS_EXCHANGE, "verkosto." + probe.PROBE, probe_event(2, organisation="orga"))
    publish("type", topology.EVENTS_EXCHANGE, f"verkosto.{probe.ADDRESSED_PROBE}.verkosto",
            probe_event(3, type=probe.ADDRESSED_PROBE, recipient="verkosto"))
    honest = probe_event(4)
    channel.basic_publish(topology.EVENTS_EXCHANGE, honest.routing_key, honest.to_json().encode(),
                          pika.BasicProperties(message_id=honest.id, user_id="guest", delivery_mode=2))
    connection.close()
    counters = {r: consumer.metrics.dead_lettered.labels(t, r) for r, t in (
        ("route", probe.PROBE), ("unsubscribed", probe.ADDRESSED_PROBE))}
    before = {r: c._value.get() for r, c in counters.items()}
    amqp_consumer = AmqpConsumer(consumer, [probe.PROBE])

    def state() -> dict:
        return {"applied": probe.applied(consumer), "consuming": amqp_consumer.consuming,
                "last_error": amqp_consumer.last_error, "ready": amqp_consumer.queue_messages,
                "dead": sorted(d["event_id"] for d in list_dead(amqp_url, CONSUMER)), "sent": sent,
                "honest": honest.id}

    with running(amqp_consumer):
        eventually(lambda: probe.applied(consumer) == [4], message="the honest probe applied", timeout=180,
                   state=state)
        eventually(lambda: {d["event_id"] for d in list_dead(amqp_url, CONSUMER)} == set(sent.values()),
                   message="the other three dead-lettered", timeout=180)
    assert {r: c._value.get() - before[r] for r, c in counters.items()} == {"route": 2, "unsubscribed": 1}
    assert probe.applied(consumer) == [4]
