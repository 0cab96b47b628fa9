"""The bus's database side on SQLite and PostgreSQL: inbox de-duplication and the relay's claims."""
from __future__ import annotations

import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from shared.bus.inbox import InboxProcessor
from shared.bus.relay import Relay
from shared.events.envelope import Envelope, utcnow
from tests.support import probe
from tests.support.running import running
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration


def probe_event(seq: int, poison: bool = False) -> Envelope:
    return Envelope(type=probe.PROBE, payload={"seq": seq, "poison": poison}, organisation="verkosto",
                    service="intake")


def as_utc(moment: datetime) -> datetime:
    """SQLite gives back naive UTC times; PostgreSQL aware ones."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def inbox_ids(runtime) -> set[str]:
    with runtime.db.session() as s:
        return set(s.execute(select(runtime.tables.inbox.c.event_id)).scalars())


def test_a_batch_applies_new_events_once_and_skips_what_was_seen(database_url):
    with closing(probe.runtime("consumer", database_url)) as consumer:
        processor = InboxProcessor(consumer)
        seen, fresh, bad = probe_event(1), probe_event(2), probe_event(3, poison=True)
        assert processor.process_batch([seen])[0].status == "applied"

        outcomes = processor.process_batch([seen, fresh, fresh, bad, probe_event(4)])

        assert [o.status for o in outcomes] == ["duplicate", "applied", "duplicate", "failed", "applied"]
        assert sorted(probe.applied(consumer)) == [1, 2, 4]
        assert inbox_ids(consumer) == {seen.id, fresh.id, outcomes[4].event_id}
        with consumer.db.session() as s:
            row = s.execute(select(consumer.tables.inbox).where(
                consumer.tables.inbox.c.event_id == fresh.id)).one()
        assert (row.type, row.organisation) == (probe.PROBE, "verkosto")
        assert as_utc(row.occurred_at) == fresh.occurred_at


def test_the_same_event_in_two_concurrent_transactions_is_applied_once(database_url):
    """Two consumers got the same message (a redelivery): the second waits, then skips it."""
    consumer = probe.runtime("consumer", database_url)
    event = probe_event(7)
    inside, release = threading.Event(), threading.Event()

    def slow_apply(work, envelope):
        inside.set()
        assert release.wait(10)
        probe.apply_probe(work, envelope)

    try:
        first_runtime = probe.runtime("consumer", database_url)
        first_runtime.handlers[probe.PROBE] = slow_apply
        results = {}
        first = threading.Thread(target=lambda: results.update(
            first=InboxProcessor(first_runtime).process_batch([event])[0].status))
        first.start()
        assert inside.wait(10), "the first transaction did not start"
        second = threading.Thread(target=lambda: results.update(
            second=InboxProcessor(consumer).process_batch([event])[0].status))
        second.start()
        second.join(0.3)  # the second is blocked behind the first's uncommitted inbox row
        release.set()
        first.join(10)
        second.join(10)
        assert results == {"first": "applied", "second": "duplicate"}
        assert probe.applied(consumer) == [7]
        first_runtime.close()
    finally:
        release.set()
        consumer.close()


class RecordingTransport:
    def __init__(self):
        self.batches = []

    def publish(self, messages):
        self.batches.append([m.event_id for m in messages])
        return {m.event_id: None for m in messages}


def outbox_ids(producer) -> list[str]:
    """The ids of the events in the producer's outbox, in the order they were added."""
    outbox = producer.tables.outbox
    with producer.db.session() as s:
        return list(s.execute(select(outbox.c.event_id).order_by(outbox.c.id)).scalars())


def test_the_relay_takes_the_longest_due_rows_first_and_leaves_later_ones(database_url):
    with closing(probe.runtime("producer", database_url, relay_batch_size=3)) as producer:
        probe.send(producer, 5)
        outbox, ids = producer.tables.outbox, outbox_ids(producer)
        with producer.db.transaction() as s:
            # The second row waits for a retry in a minute; the last has been due for an hour.
            s.execute(update(outbox).where(outbox.c.event_id == ids[1]).values(
                available_at=utcnow() + timedelta(minutes=1)))
            s.execute(update(outbox).where(outbox.c.event_id == ids[4]).values(
                available_at=utcnow() - timedelta(hours=1)))
        transport = RecordingTransport()
        relay = Relay(producer, transport)
        assert relay.run_once() == 3
        assert relay.run_once() == 1
        assert relay.run_once() == 0
        assert transport.batches == [[ids[4], ids[0], ids[2]], [ids[3]]]
        assert probe.unsent(producer) == 1


def test_sent_rows_older_than_the_retention_are_pruned_and_unsent_rows_kept(database_url):
    with closing(probe.runtime("producer", database_url, outbox_retention_days=7)) as producer:
        probe.send(producer, 4)
        outbox, ids = producer.tables.outbox, outbox_ids(producer)
        now = utcnow()
        with producer.db.transaction() as s:
            for event_id, created, sent in [(ids[0], now - timedelta(days=9), now - timedelta(days=8)),
                                            (ids[1], now - timedelta(days=2), now - timedelta(days=1)),
                                            (ids[2], now - timedelta(days=30), None)]:
                s.execute(update(outbox).where(outbox.c.event_id == event_id).values(
                    created_at=created, available_at=created, sent_at=sent))
        relay = Relay(producer, RecordingTransport())
        assert relay.prune(batch=1) == 1
        assert outbox_ids(producer) == ids[1:], "the row sent eight days ago is gone; the recent and the unsent stay"


def test_the_running_relay_prunes_old_sent_rows(database_url):
    with closing(probe.runtime("producer", database_url, outbox_retention_days=0.5)) as producer:
        probe.send(producer, 3)
        outbox = producer.tables.outbox
        with producer.db.transaction() as s:
            s.execute(update(outbox).values(sent_at=utcnow() - timedelta(days=1)))
        probe.send(producer, 2, start=3)
        transport = RecordingTransport()
        with running(Relay(producer, transport)):
            eventually(lambda: sum(map(len, transport.batches)) == 2, message="the new rows were sent")

            def rows():
                with producer.db.session() as s:
                    return s.execute(select(outbox.c.sent_at)).all()
            eventually(lambda: len(rows()) == 2, message="the day-old rows were pruned")
        assert all(r.sent_at is not None for r in rows())


def wait_until_listening(relay: Relay) -> None:
    eventually(lambda: relay.listener is not None and relay.listener.listening.is_set(), message="the relay listens")


def test_a_commit_in_another_process_wakes_the_relay_without_waiting_for_the_poll(pg_url):
    """PostgreSQL NOTIFY on commit: with a 60-second poll, only the notification can explain a prompt pickup."""
    relay_side = probe.runtime("producer", pg_url, relay_poll_interval=60.0)
    web_side = probe.runtime("producer", pg_url)  # another process: its commit hooks do not reach the relay
    try:
        transport = RecordingTransport()
        relay = Relay(relay_side, transport)
        with running(relay):
            wait_until_listening(relay)
            relay._wakeup.clear()
            probe.send(web_side, 2)
            eventually(lambda: sum(map(len, transport.batches)) == 2, timeout=20,
                       message="the relay woke for the other process's commit")
        assert probe.unsent(web_side) == 0
    finally:
        relay_side.close()
        web_side.close()


def test_a_rolled_back_transaction_does_not_wake_the_relay(pg_url):
    class CountingEvent(threading.Event):
        count = 0

        def set(self):
            self.count += 1
            super().set()

    relay_side = probe.runtime("producer", pg_url, relay_poll_interval=60.0)
    web_side = probe.runtime("producer", pg_url)
    try:
        relay = Relay(relay_side, RecordingTransport())
        relay._wakeup = wakeups = CountingEvent()
        with running(relay):
            wait_until_listening(relay)
            before = wakeups.count
            with pytest.raises(RuntimeError), web_side.work() as work:
                work.emit(probe.PROBE, {"seq": 1})
                work.flush()
                raise RuntimeError("rolled back")
            threading.Event().wait(1.5)  # a notification would arrive within milliseconds
            assert wakeups.count == before, "no notification is delivered for a rolled-back transaction"
            probe.send(web_side, 1)
            eventually(lambda: wakeups.count > before, timeout=20, message="a committed transaction notifies")
    finally:
        relay_side.close()
        web_side.close()
