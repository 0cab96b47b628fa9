"""Benchmark of the event flow: outbox -> relay -> RabbitMQ -> consumer inbox, on PostgreSQL.

Prints sustained events/s, end-to-end latency percentiles at a fixed offered rate, the relay's
pickup time, and the raw pika ceiling (persistent messages into a quorum queue with batched
publisher confirms) on the same broker, with the ratio. Run: `python bench/bus.py` (needs the
local PostgreSQL and RabbitMQ; see docs/benchmarks.md). `--quick` runs a shorter version.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import pika  # noqa: E402
import psycopg  # noqa: E402
from marshmallow import Schema, fields  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from shared.bus import topology  # noqa: E402
from shared.bus.amqp import ConfirmingPublisher  # noqa: E402
from shared.bus.consumer import AmqpConsumer  # noqa: E402
from shared.bus.messages import OutgoingMessage  # noqa: E402
from shared.bus.relay import Relay  # noqa: E402
from shared.bus.tables import bus_tables  # noqa: E402
from shared.config import Config  # noqa: E402
from shared.db import new_metadata  # noqa: E402
from shared.events.registry import EventRegistry, EventSpec  # noqa: E402
from shared.runtime import ServiceRuntime  # noqa: E402

CONSUMERS = int(os.environ.get("BENCH_CONSUMERS", "2"))  # competing consumer processes on one queue
ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
AMQP_HOST = os.environ.get("BENCH_AMQP_HOST", "127.0.0.1:5672")
TYPE = "intake.bench.sent"
CONSUMER = "verkosto.reporting"


class BenchPayload(Schema):
    seq = fields.Integer(required=True)
    run = fields.String(required=True)


REGISTRY = EventRegistry([EventSpec(TYPE, BenchPayload, "benchmark event")])


def runtime(role: str, url: str, amqp: str) -> ServiceRuntime:
    metadata = new_metadata()
    bus_tables(metadata)
    handlers = {}  # the bus alone: the inbox row is the consumer's whole effect
    config = Config(service="intake" if role == "producer" else "reporting", database_url=url, amqp_url=amqp,
                    migrate_on_start=False, amqp_trusted_users=("guest",))
    tuning = {k: type(getattr(config, k))(os.environ[f"BENCH_{k.upper()}"])  # e.g. BENCH_RELAY_WORKERS=3
              for k in ("relay_workers", "relay_batch_size", "consumer_batch_size", "consumer_prefetch")
              if f"BENCH_{k.upper()}" in os.environ}
    config = config.with_(**tuning) if tuning else config
    rt = ServiceRuntime(config, metadata, REGISTRY, handlers)
    metadata.create_all(rt.db.engine)
    return rt


def declare(amqp: str, queue: str | None = None) -> None:
    """What the operator declares: the consumer's queue and bindings (or one plain quorum queue)."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp))
    try:
        if queue is None:
            topology.declare_consumer(connection.channel(), CONSUMER, [TYPE])
        else:
            connection.channel().queue_declare(queue, durable=True, arguments={"x-queue-type": "quorum"})
    finally:
        connection.close()


def relay_process(url: str, amqp: str, stop) -> None:
    rt = runtime("producer", url, amqp)
    publisher = ConfirmingPublisher(amqp, name="bench-relay").start()
    publisher.wait_ready(20)
    stop_event = threading.Event()
    threading.Thread(target=lambda: (stop.wait(), stop_event.set()), daemon=True).start()
    Relay(rt, publisher).run(stop_event, workers=rt.config.relay_workers)
    publisher.stop()


def consumer_process(url: str, amqp: str, stop) -> None:
    rt = runtime("consumer", url, amqp)
    stop_event = threading.Event()
    threading.Thread(target=lambda: (stop.wait(), stop_event.set()), daemon=True).start()
    AmqpConsumer(rt, [TYPE], batch_size=rt.config.consumer_batch_size).run(stop_event)


def start_processes(ctx, producer_url, consumer_url, amqp, stop):
    """One relay process (two workers) and CONSUMERS competing consumer processes."""
    procs = [ctx.Process(target=relay_process, args=(producer_url, amqp, stop))]
    procs += [ctx.Process(target=consumer_process, args=(consumer_url, amqp, stop)) for _ in range(CONSUMERS)]
    for p in procs:
        p.start()
    return procs


def produce(rt: ServiceRuntime, run: str, count: int, rate: float | None, batch: int) -> float:
    """Commit `count` events, at `rate` per second if given, else as fast as possible."""
    started = time.perf_counter()
    for start in range(0, count, batch):
        with rt.work() as work:
            for seq in range(start, min(count, start + batch)):
                work.emit(TYPE, {"seq": seq, "run": run})
        if rate:
            target = started + (start + batch) / rate
            delay = target - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
    return time.perf_counter() - started


def wait_applied(rt: ServiceRuntime, since: datetime, count: int, timeout: float = 300) -> None:
    table = rt.tables.inbox
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with rt.db.session() as s:
            n = s.execute(select(func.count()).select_from(table).where(table.c.occurred_at >= since)).scalar_one()
        if n >= count:
            return
        time.sleep(0.05)
    raise SystemExit(f"only {n} of {count} events applied in {timeout}s")


def applied_stats(rt: ServiceRuntime, since: datetime):
    """Latencies (occurred -> applied in the consumer's inbox) and application times."""
    table = rt.tables.inbox
    with rt.db.session() as s:
        rows = s.execute(select(table.c.occurred_at, table.c.processed_at).where(table.c.occurred_at >= since)).all()
    latencies = sorted((r.processed_at - r.occurred_at).total_seconds() for r in rows)
    times = sorted(r.processed_at for r in rows)
    return latencies, times


def pct(values, p):
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def raw_ceiling(amqp: str, count: int, batch: int) -> float:
    """Persistent messages into a quorum queue with batched confirms, no database at all."""
    declare(amqp, "bench.raw")
    publisher = ConfirmingPublisher(amqp, name="bench-raw").start()
    publisher.exchange = ""
    assert publisher.wait_ready(20)
    body = '{"payload":{"seq":0,"run":"raw"},"padding":"' + "x" * 300 + '"}'
    started = time.perf_counter()
    for start in range(0, count, batch):
        msgs = [OutgoingMessage(str(uuid.uuid4()), TYPE, "bench.raw", body) for _ in range(min(batch, count - start))]
        results = publisher.publish(msgs)
        assert all(v is None for v in results.values())
    elapsed = time.perf_counter() - started
    publisher.stop()
    return count / elapsed


def relay_pickup(rt: ServiceRuntime, samples: int) -> list[float]:
    """Commit one event at a time and time commit -> broker-confirmed (sent_at)."""
    t = rt.tables.outbox
    delays = []
    for i in range(samples):
        with rt.work() as work:
            envelope = work.emit(TYPE, {"seq": i, "run": "pickup"})
        committed = datetime.now(UTC)
        while True:
            with rt.db.session() as s:
                sent = s.execute(select(t.c.sent_at).where(t.c.event_id == envelope.id)).scalar_one()
            if sent is not None:
                delays.append(max(0.0, (sent - committed).total_seconds()))
                break
            time.sleep(0.002)
        time.sleep(0.1)
    return sorted(delays)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sustained_n = 6000 if args.quick else 20000
    latency_seconds = 6 if args.quick else 20
    vhost = f"kampus-bench-{uuid.uuid4().hex[:8]}"
    subprocess.run(["rabbitmqctl", "-q", "add_vhost", vhost], check=True)
    subprocess.run(["rabbitmqctl", "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"], check=True)
    amqp = f"amqp://guest:guest@{AMQP_HOST}/{vhost}"
    names = [f"kampus_bench_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    producer_url, consumer_url = (f"{base}/{n}" for n in names)
    ctx = mp.get_context("spawn")
    stop = ctx.Event()
    try:
        producer = runtime("producer", producer_url, amqp)
        consumer = runtime("consumer", consumer_url, amqp)
        declare(amqp)  # as the operator: the relay and the consumer declare nothing
        procs = [ctx.Process(target=relay_process, args=(producer_url, amqp, stop)),
                 ctx.Process(target=consumer_process, args=(consumer_url, amqp, stop))]
        for p in procs:
            p.start()
        since = datetime.now(UTC)
        produce(producer, "warmup", 500, None, 100)
        wait_applied(consumer, since, 500)

        print("== sustained throughput with the producer on the same machine (100 events a transaction)")
        since = datetime.now(UTC)
        produce(producer, "sustained", sustained_n, None, 100)
        wait_applied(consumer, since, sustained_n)
        _, times = applied_stats(consumer, since)
        with_producer = sustained_n / (times[-1] - times[0]).total_seconds()
        print(f"events: {sustained_n}   delivered: {with_producer:,.0f} events/s (bounded by the producer's commits)")

        print("== sustained throughput of the bus: a committed backlog drained by relay -> RabbitMQ -> inbox")
        stop.set()
        for p in procs:
            p.join(timeout=20)
        since = datetime.now(UTC)
        produce(producer, "drain", sustained_n, None, 500)
        stop = ctx.Event()
        procs = start_processes(ctx, producer_url, consumer_url, amqp, stop)
        wait_applied(consumer, since, sustained_n)
        _, times = applied_stats(consumer, since)
        throughput = sustained_n / (times[-1] - times[0]).total_seconds()
        print(f"events: {sustained_n}   sustained: {throughput:,.0f} events/s   (target >= 2,000)")

        rate = 500
        n = rate * latency_seconds
        print(f"== latency at {rate} events/s offered for {latency_seconds} s, 10 events a transaction")
        since = datetime.now(UTC)
        produce(producer, "latency", n, rate, 10)
        wait_applied(consumer, since, n)
        latencies, _ = applied_stats(consumer, since)
        p50, p95, p99 = (pct(latencies, p) * 1000 for p in (50, 95, 99))
        print(f"end-to-end latency p50 {p50:.1f} ms   p95 {p95:.1f} ms   p99 {p99:.1f} ms   (target p99 <= 500 ms)")

        pickups = relay_pickup(producer, 20 if args.quick else 50)
        print(f"relay pickup after commit: median {statistics.median(pickups)*1000:.1f} ms   "
              f"max {pickups[-1]*1000:.1f} ms   (target <= 200 ms)")
        stop.set()
        for p in procs:
            p.join(timeout=20)
            if p.is_alive():
                p.terminate()
        print("== raw pika ceiling: persistent messages into a quorum queue, confirms in batches of 500")
        ceiling = raw_ceiling(amqp, sustained_n, 500)
        print(f"raw ceiling: {ceiling:,.0f} messages/s")
        print(f"ratio sustained / raw ceiling: {throughput / ceiling:.2f}   (target >= 0.4)")
        producer.close()
        consumer.close()
    finally:
        subprocess.run(["rabbitmqctl", "-q", "delete_vhost", vhost])
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
