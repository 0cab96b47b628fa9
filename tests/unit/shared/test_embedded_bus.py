"""The embedded in-process transport keeps the outbox and inbox semantics (SQLite)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from shared.bus.inprocess import InProcessNetwork, list_dead, replay_dead
from shared.bus.messages import OutgoingMessage
from shared.bus.relay import Relay
from shared.events.envelope import new_event
from tests.support import probe
from tests.support.running import running
from tests.support.waiting import eventually


@pytest.fixture
def network(tmp_path):
    producer = probe.runtime("producer", f"sqlite:///{tmp_path / 'p.sqlite3'}")
    consumer = probe.runtime("consumer", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    net = InProcessNetwork()
    worker = net.subscribe(consumer, [probe.PROBE])
    relay = Relay(producer, net.transport())
    yield producer, consumer, relay, worker
    producer.close()
    consumer.close()


def test_events_travel_and_apply_once(network):
    producer, consumer, relay, worker = network
    probe.send(producer, 30)
    assert relay.run_once() == 30
    assert probe.unsent(producer) == 0
    # The same batch published again (a relay that died before marking rows sent) changes nothing.
    with producer.db.transaction() as s:
        s.execute(producer.tables.outbox.update().values(sent_at=None))
    relay.run_once()
    while worker.run_once():
        pass
    assert probe.applied_count(consumer) == (30, 30)


def test_rolled_back_transaction_publishes_nothing(network):
    producer, consumer, relay, worker = network
    with pytest.raises(ZeroDivisionError), producer.work() as work:
        work.emit(probe.PROBE, {"seq": 1})
        raise ZeroDivisionError("the transaction fails")
    assert relay.run_once() == 0
    assert worker.run_once() == 0
    assert probe.applied(consumer) == []


def test_poison_is_dead_lettered_and_replayed(network):
    producer, consumer, relay, worker = network
    probe.send(producer, 1, start=5, poison=True)
    probe.send(producer, 1, start=6)
    with running(relay, worker):
        eventually(lambda: len(list_dead(consumer)) == 1, message="poison dead-lettered")
    assert probe.applied(consumer) == [6]
    [dead] = list_dead(consumer)
    assert dead["attempts"] == consumer.config.max_delivery_attempts and "poisoned" in dead["error"]
    with consumer.work() as work:
        work.session.execute(consumer.metadata.tables["fixes"].insert().values(seq=5))
    assert replay_dead(consumer) == 1
    with running(worker):
        eventually(lambda: probe.applied(consumer) == [5, 6], message="replayed")
    assert list_dead(consumer) == []


def test_relay_is_woken_by_a_commit(network):
    producer, consumer, relay, worker = network
    relay.poll_interval = 30.0  # only the wake-up can make delivery prompt
    with running(relay, worker):
        probe.send(producer, 3)
        eventually(lambda: probe.applied(consumer) == [0, 1, 2], timeout=10, message="woken relay delivered")


@pytest.fixture
def two_organisations(tmp_path):
    """A producer and the same consumer hosted by samk and by diak, on one in-process network."""
    producer = probe.runtime("producer", f"sqlite:///{tmp_path / 'p.sqlite3'}", organisation="sataedu")
    consumers = {org: probe.runtime("consumer", f"sqlite:///{tmp_path / (org + '.sqlite3')}", organisation=org)
                 for org in ("samk", "diak")}
    net = InProcessNetwork()
    workers = {org: net.subscribe(rt, [probe.PROBE, probe.ADDRESSED_PROBE]) for org, rt in consumers.items()}
    yield producer, consumers, workers, net.transport()
    for rt in (producer, *consumers.values()):
        rt.close()


def mailbox_types(runtime) -> list[str]:
    table = runtime.tables.mailbox
    with runtime.db.session() as session:
        return list(session.execute(select(table.c.type).order_by(table.c.id)).scalars())


def test_an_addressed_event_reaches_only_its_recipients_mailbox(two_organisations):
    producer, consumers, workers, transport = two_organisations
    probe.send(producer, 1, start=1)  # to everyone: shows that diak's mailbox does receive what is meant for it
    probe.send_to(producer, "samk", seq=2)
    assert Relay(producer, transport).run_once() == 2
    assert mailbox_types(consumers["diak"]) == [probe.PROBE]
    assert mailbox_types(consumers["samk"]) == [probe.PROBE, probe.ADDRESSED_PROBE]
    for worker in workers.values():
        worker.run_once()
    assert probe.applied(consumers["samk"]) == [1, 2]
    assert probe.applied(consumers["diak"]) == [1]
    assert list_dead(consumers["diak"]) == []


def test_a_misaddressed_event_in_a_mailbox_is_discarded_not_kept(two_organisations):
    producer, consumers, workers, transport = two_organisations
    envelope = new_event(probe.ADDRESSED_PROBE, {"seq": 3}, organisation="sataedu", service="intake",
                         recipient="samk")
    # A wrong routing key, as a wrong binding would deliver it: the worker still refuses another organisation's mail,
    # and does not keep it either (not even as a dead letter: it may carry personal data meant for samk).
    transport.publish([OutgoingMessage(envelope.id, envelope.type, "sataedu.intake.probe.addressed.diak",
                                       envelope.to_json())])
    assert mailbox_types(consumers["diak"]) == [probe.ADDRESSED_PROBE]
    counter = consumers["diak"].metrics.discarded.labels(probe.ADDRESSED_PROBE, "misaddressed")
    before = counter._value.get()
    workers["diak"].run_once()
    assert list_dead(consumers["diak"]) == []
    assert mailbox_types(consumers["diak"]) == []
    assert probe.applied(consumers["diak"]) == []
    assert counter._value.get() == before + 1
    assert mailbox_types(consumers["samk"]) == []
