"""The inbox applies each event once, and events a handler emits carry the cause's correlation id."""
from __future__ import annotations

from sqlalchemy import select

from shared.bus.inbox import InboxProcessor
from shared.events.envelope import Envelope
from tests.support import probe


def test_failed_event_rolls_back_only_itself(tmp_path):
    consumer = probe.runtime("consumer", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    good = Envelope(type=probe.PROBE, payload={"seq": 1, "poison": False}, organisation="o", service="intake")
    bad = Envelope(type=probe.PROBE, payload={"seq": 2, "poison": True}, organisation="o", service="intake")
    outcomes = InboxProcessor(consumer).process_batch([good, bad, good])
    assert [o.status for o in outcomes] == ["applied", "failed", "duplicate"]
    assert probe.applied(consumer) == [1]
    with consumer.db.session() as s:
        ids = set(s.execute(select(consumer.tables.inbox.c.event_id)).scalars())
    assert ids == {good.id}, "the failed event is not marked processed"
    consumer.close()


def test_events_emitted_by_a_handler_keep_the_correlation_id(tmp_path):
    consumer = probe.runtime("consumer", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    emitted = []

    def relay_onward(work, envelope):
        emitted.append(work.emit(probe.PROBE, {"seq": envelope.payload["seq"] + 100}))

    consumer.handlers[probe.PROBE] = relay_onward
    consumer.config = consumer.config.with_(service="intake")  # emit as the probe's producer service
    consumer.name = "intake"
    cause = Envelope(type=probe.PROBE, payload={"seq": 1, "poison": False}, organisation="o", service="intake",
                     correlation_id="flow-0123456789")
    assert InboxProcessor(consumer).process_batch([cause])[0].status == "applied"
    assert emitted[0].correlation_id == "flow-0123456789"
    consumer.close()
