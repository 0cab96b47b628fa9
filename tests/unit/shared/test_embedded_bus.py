"""The embedded in-process transport keeps the outbox and inbox semantics (SQLite)."""
from __future__ import annotations

import pytest

from shared.bus.inprocess import InProcessNetwork, list_dead, replay_dead
from shared.bus.relay import Relay
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
    with pytest.raises(ZeroDivisionError):
        with producer.work() as work:
            work.emit(probe.PROBE, {"seq": 1})
            1 / 0
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
