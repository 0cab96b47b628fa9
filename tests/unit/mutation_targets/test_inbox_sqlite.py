"""The inbox on SQLite: what a handler emits reaches the outbox, duplicates across batches are skipped,
failures and database faults are told apart, and each outcome is counted (issue 22)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from shared.bus.inbox import InboxProcessor, Outcome
from shared.events.envelope import Envelope, utcnow
from shared.logs import get_correlation_id
from tests.support import probe


@pytest.fixture
def consumer(tmp_path):
    runtime = probe.runtime("consumer", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    yield runtime
    runtime.close()


def envelope(seq: int, poison: bool = False, **kwargs) -> Envelope:
    return Envelope(type=probe.PROBE, payload={"seq": seq, "poison": poison}, organisation="o", service="intake",
                    **kwargs)


def inbox_rows(runtime) -> dict[str, tuple]:
    c = runtime.tables.inbox.c
    with runtime.db.session() as s:
        return {r.event_id: (r.type, r.organisation) for r in s.execute(select(c.event_id, c.type, c.organisation))}


def outbox_ids(runtime) -> list[str]:
    with runtime.db.session() as s:
        return list(s.execute(select(runtime.tables.outbox.c.event_id)).scalars())


def sample(runtime, name: str, labels: dict | None = None) -> float:
    """A metric's value (the registry is the service's, shared by the tests: compare differences)."""
    return runtime.metrics.registry.get_sample_value(name, {"type": probe.PROBE} if labels is None else labels) or 0.0


class Counted:
    """How much each inbox metric grew during a block."""

    NAMES = ("events_consumed_total", "events_duplicate_total", "events_failed_total")

    def __init__(self, runtime) -> None:
        self.runtime, self.start = runtime, {n: sample(runtime, n) for n in self.NAMES}

    def __getitem__(self, name: str) -> float:
        return sample(self.runtime, name) - self.start[name]


def test_events_a_handler_emits_are_written_to_the_outbox_in_the_same_transaction(consumer):
    emitted = []

    def relay_onward(work, env):
        emitted.append(work.emit(probe.PROBE, {"seq": env.payload["seq"] + 100}))

    consumer.handlers[probe.PROBE] = relay_onward
    consumer.config = consumer.config.with_(service="intake")
    consumer.name = "intake"
    outcomes = InboxProcessor(consumer).process_batch([envelope(1), envelope(2)])
    assert [o.status for o in outcomes] == ["applied", "applied"]
    assert sorted(outbox_ids(consumer)) == sorted(e.id for e in emitted) and len(emitted) == 2


def test_a_duplicate_from_an_earlier_batch_is_skipped(consumer):
    inbox, counted = InboxProcessor(consumer), Counted(consumer)
    first, second = envelope(1), envelope(2)
    assert inbox.process_batch([first]) == [Outcome(first.id, "applied")]
    assert inbox.process_batch([first, second]) == [Outcome(first.id, "duplicate"), Outcome(second.id, "applied")]
    assert inbox.process_batch([first]) == [Outcome(first.id, "duplicate")]
    assert probe.applied(consumer) == [1, 2]
    assert inbox_rows(consumer) == {first.id: (probe.PROBE, "o"), second.id: (probe.PROBE, "o")}
    assert counted["events_consumed_total"] == 2 and counted["events_duplicate_total"] == 2
    assert counted["events_failed_total"] == 0


def test_a_duplicate_within_a_batch_is_reported_in_its_place(consumer):
    a, b = envelope(1), envelope(2)
    outcomes = InboxProcessor(consumer).process_batch([a, b, a, b, a])
    assert [o.status for o in outcomes] == ["applied", "applied", "duplicate", "duplicate", "duplicate"]
    assert [o.event_id for o in outcomes] == [a.id, b.id, a.id, b.id, a.id]
    assert probe.applied(consumer) == [1, 2]


def test_a_failing_event_alone_is_failed_with_its_error_and_not_recorded(consumer):
    bad, counted = envelope(7, poison=True), Counted(consumer)
    [outcome] = InboxProcessor(consumer).process_batch([bad])
    assert outcome == Outcome(bad.id, "failed", "PoisonError: probe 7 is poisoned")
    assert inbox_rows(consumer) == {} and probe.applied(consumer) == []
    assert counted["events_failed_total"] == 1 and counted["events_consumed_total"] == 0


def test_a_failure_in_a_batch_takes_only_itself_down(consumer):
    good, bad, other = envelope(1), envelope(2, poison=True), envelope(3)
    outcomes = InboxProcessor(consumer).process_batch([good, bad, other])
    assert [o.status for o in outcomes] == ["applied", "failed", "applied"]
    assert set(inbox_rows(consumer)) == {good.id, other.id}
    assert probe.applied(consumer) == [1, 3]


def test_the_error_of_a_failed_event_is_cut_to_2000_characters(consumer):
    def fail_long(work, env):
        raise ValueError("x" * 5000)

    consumer.handlers[probe.PROBE] = fail_long
    [outcome] = InboxProcessor(consumer).process_batch([envelope(1)])
    assert outcome.status == "failed" and len(outcome.error) == 2000 and outcome.error.startswith("ValueError: xx")


@pytest.mark.parametrize("batch", [1, 3])
def test_a_database_fault_is_raised_and_nothing_is_recorded(consumer, batch):
    def database_down(work, env):
        raise OperationalError("SELECT 1", {}, Exception("connection lost"))

    consumer.handlers[probe.PROBE] = database_down
    counted = Counted(consumer)
    with pytest.raises(OperationalError):
        InboxProcessor(consumer).process_batch([envelope(i) for i in range(batch)])
    assert inbox_rows(consumer) == {}
    assert counted["events_failed_total"] == 0 and counted["events_consumed_total"] == 0


def test_a_database_fault_after_a_failure_in_the_batch_is_raised_too(consumer):
    calls = []

    def fail_then_fault(work, env):
        calls.append(env.payload["seq"])
        if len(calls) == 1:
            raise ValueError("first")
        raise OperationalError("SELECT 1", {}, Exception("connection lost"))

    consumer.handlers[probe.PROBE] = fail_then_fault
    with pytest.raises(OperationalError):
        InboxProcessor(consumer).process_batch([envelope(1), envelope(2)])
    assert inbox_rows(consumer) == {}


def test_an_event_without_a_handler_is_recorded_as_applied(consumer):
    del consumer.handlers[probe.PROBE]
    e = envelope(1)
    assert InboxProcessor(consumer).process_batch([e]) == [Outcome(e.id, "applied")]
    assert set(inbox_rows(consumer)) == {e.id} and probe.applied(consumer) == []


def test_also_runs_in_the_transaction_with_the_outcomes(consumer):
    seen = []

    def also(session, outcomes):
        seen.append((session.in_transaction(), [o.status for o in outcomes]))

    a = envelope(1)
    InboxProcessor(consumer).process_batch([a, a], also=also)
    assert seen == [(True, ["applied", "duplicate"])]


def test_the_handler_sees_the_cause_and_its_correlation_id_then_it_is_reset(consumer):
    seen = []

    def look(work, env):
        seen.append((work.cause.id, get_correlation_id()))

    consumer.handlers[probe.PROBE] = look
    before = get_correlation_id()
    e = envelope(1, correlation_id="flow-abcdefabcdef")
    InboxProcessor(consumer).process_batch([e])
    assert seen == [(e.id, "flow-abcdefabcdef")] and get_correlation_id() == before


def test_the_lag_of_an_applied_event_is_observed_and_never_negative(consumer):
    late = envelope(1, occurred_at=utcnow() - timedelta(seconds=120))
    future = envelope(2, occurred_at=utcnow() + timedelta(seconds=600))
    def lag(suffix: str, labels: dict | None = None) -> float:
        return sample(consumer, "event_lag_seconds" + suffix, labels or {})

    before = lag("_count"), lag("_sum"), lag("_bucket", {"le": "60.0"})
    InboxProcessor(consumer).process_batch([late, future])
    assert lag("_count") - before[0] == 2
    assert 120 <= lag("_sum") - before[1] < 180  # the future one counts as 0, not as -600
    assert lag("_bucket", {"le": "60.0"}) - before[2] == 1


def test_an_empty_batch_does_nothing(consumer):
    assert InboxProcessor(consumer).process_batch([]) == []


def counting_record(inbox: InboxProcessor) -> list[list[int]]:
    """Wraps the inbox's `_record`: each call's events (their seq numbers) are listed."""
    calls, original = [], inbox._record

    def record(session, envelopes):
        calls.append([e.payload["seq"] for e in envelopes])
        return original(session, envelopes)

    inbox._record = record
    return calls


def test_a_batch_without_failures_is_recorded_and_applied_in_one_go(consumer):
    inbox = InboxProcessor(consumer)
    calls = counting_record(inbox)
    a, b, c = envelope(1), envelope(2), envelope(3)
    assert inbox.process_batch([a, b, c]) == [Outcome(a.id, "applied"), Outcome(b.id, "applied"),
                                              Outcome(c.id, "applied")]
    assert calls == [[1, 2, 3]], "one statement for the batch, no event-by-event retry"
    assert probe.applied(consumer) == [1, 2, 3]


def test_after_a_failure_each_event_is_retried_alone_and_an_earlier_duplicate_stays_one(consumer):
    inbox = InboxProcessor(consumer)
    old = envelope(1)
    inbox.process_batch([old])
    calls = counting_record(inbox)
    bad, good = envelope(2, poison=True), envelope(3)
    assert inbox.process_batch([old, bad, good]) == [
        Outcome(old.id, "duplicate"), Outcome(bad.id, "failed", "PoisonError: probe 2 is poisoned"),
        Outcome(good.id, "applied")]
    assert calls == [[1, 2, 3], [1], [2], [3]]
    assert probe.applied(consumer) == [1, 3]


def test_a_database_fault_in_a_batch_is_raised_before_any_retry(consumer):
    calls = []

    def database_down(work, env):
        calls.append(env.payload["seq"])
        raise OperationalError("SELECT 1", {}, Exception("connection lost"))

    consumer.handlers[probe.PROBE] = database_down
    with pytest.raises(OperationalError):
        InboxProcessor(consumer).process_batch([envelope(1), envelope(2)])
    assert calls == [1], "the handler is not run again event by event"


def test_a_failed_event_is_logged_with_its_id_type_and_error():
    from structlog.testing import capture_logs

    runtime = probe.runtime("consumer", "sqlite://")
    try:
        bad = envelope(4, poison=True)
        with capture_logs() as logs:
            InboxProcessor(runtime).process_batch([bad])
        failed = [entry for entry in logs if entry["event"] == "event_failed"]
        assert failed == [{"event": "event_failed", "event_id": bad.id, "type": probe.PROBE,
                           "error": repr(probe.PoisonError("probe 4 is poisoned")), "log_level": "warning"}]

        def fail_long(work, env):
            raise ValueError("y" * 3000)

        runtime.handlers[probe.PROBE] = fail_long
        with capture_logs() as logs:
            InboxProcessor(runtime).process_batch([envelope(5)])
        [entry] = [e for e in logs if e["event"] == "event_failed"]
        assert len(entry["error"]) == 500 and entry["error"].startswith("ValueError('yyy")
    finally:
        runtime.close()


def test_an_event_from_the_future_counts_no_lag(consumer):
    def lag_sum() -> float:
        return sample(consumer, "event_lag_seconds_sum", {})

    before = lag_sum()
    InboxProcessor(consumer).process_batch([envelope(1, occurred_at=utcnow() + timedelta(seconds=600))])
    assert lag_sum() - before == 0.0


class FakeResult:
    def __init__(self, ids):
        self.ids = ids

    def scalars(self):
        return iter(self.ids)


class FakeSession:
    """Records the statement and parameters PostgreSQL would get."""

    def __init__(self):
        self.executed = []

    def execute(self, statement, params=None):
        self.executed.append((statement, params))
        return FakeResult(["e-new"])


def test_on_postgresql_the_batch_is_recorded_by_one_statement_with_json_rows(consumer, monkeypatch):
    import json

    inbox = InboxProcessor(consumer)
    monkeypatch.setattr(type(consumer.db), "is_sqlite", property(lambda self: False))
    session = FakeSession()
    a = envelope(1, occurred_at=utcnow() - timedelta(seconds=5))
    assert inbox._record(session, [a]) == {"e-new"}
    [(statement, params)] = session.executed
    assert statement is inbox._insert_new and "ON CONFLICT (event_id) DO NOTHING" in str(statement)
    assert json.loads(params["rows"]) == [[a.id, a.type, a.organisation, a.occurred_at.isoformat()]]
    assert set(params) == {"rows", "processed_at"} and abs((utcnow() - params["processed_at"]).total_seconds()) < 60
