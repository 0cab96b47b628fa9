"""Faults of the surroundings are not the events' fault: a database outage longer than the retry window
dead-letters nothing, and what failed on its own content still is dead-lettered."""
from __future__ import annotations

from urllib.parse import urlsplit

import pika
import psycopg
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from shared.bus import topology
from shared.bus.amqp import parameters
from shared.bus.consumer import AmqpConsumer
from shared.bus.deadletters import list_dead
from shared.db import is_transient
from shared.events.envelope import Envelope
from tests.support import probe
from tests.support.running import declare, running
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

CONSUMER = "verkosto.reporting"


def set_reachable(postgres, database_url: str, reachable: bool) -> None:
    """Open or close one database to new connections, and cut the ones it has when closing it."""
    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(postgres.admin_url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS {"true" if reachable else "false"}')
        if not reachable:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))


def publish_probes(amqp_url: str, seqs, poison: bool = False) -> None:
    connection = pika.BlockingConnection(parameters(amqp_url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        for seq in seqs:
            envelope = Envelope(type=probe.PROBE, payload={"seq": seq, "poison": poison}, organisation="verkosto",
                                service="intake")
            channel.basic_publish(topology.EVENTS_EXCHANGE, envelope.routing_key, envelope.to_json().encode(),
                                  pika.BasicProperties(message_id=envelope.id, user_id="guest", delivery_mode=2))
    finally:
        connection.close()


def test_a_database_outage_longer_than_the_retries_dead_letters_nothing(postgres, pg_url, amqp_url):
    consumer_rt = probe.runtime("consumer", pg_url, amqp_url)  # 3 attempts, 0.2 s and 0.5 s apart
    consumer = AmqpConsumer(consumer_rt, [probe.PROBE])
    rounds = {"failed": 0}
    apply_batch = consumer.processor.process_batch

    def watched(*args, **kwargs):  # the real inbox, only counting the batches the database failed
        try:
            return apply_batch(*args, **kwargs)
        except Exception:
            rounds["failed"] += 1
            raise

    consumer.processor.process_batch = watched
    declare(amqp_url, {CONSUMER: [probe.PROBE]})
    try:
        with running(consumer):
            set_reachable(postgres, pg_url, False)
            try:
                publish_probes(amqp_url, range(20))
                # Well past the retry window of 3 attempts: the consumer met the outage again and again,
                # or (as it did before) dead-lettered the events.
                eventually(lambda: rounds["failed"] >= 6 or list_dead(amqp_url, CONSUMER), timeout=180,
                           message="the consumer met the outage")
                assert list_dead(amqp_url, CONSUMER) == []
            finally:
                set_reachable(postgres, pg_url, True)
            eventually(lambda: probe.applied_count(consumer_rt) == (20, 20), timeout=180,
                       message="every event applied once the database is back")
        assert rounds["failed"] >= 6
        assert list_dead(amqp_url, CONSUMER) == []
    finally:
        consumer_rt.close()


def test_an_event_failing_on_its_content_is_still_dead_lettered_after_the_database_came_back(postgres, pg_url,
                                                                                             amqp_url):
    consumer_rt = probe.runtime("consumer", pg_url, amqp_url)
    declare(amqp_url, {CONSUMER: [probe.PROBE]})
    try:
        with running(AmqpConsumer(consumer_rt, [probe.PROBE])):
            set_reachable(postgres, pg_url, False)
            try:
                publish_probes(amqp_url, [1], poison=True)
                publish_probes(amqp_url, [2])
            finally:
                set_reachable(postgres, pg_url, True)
            eventually(lambda: len(list_dead(amqp_url, CONSUMER)) == 1, timeout=180, message="the poison dead-lettered")
            eventually(lambda: probe.applied(consumer_rt) == [2], message="the healthy event applied", timeout=180)
    finally:
        consumer_rt.close()


def test_database_faults_are_transient_and_the_events_own_are_not(pg_url):
    from shared.db import Database

    db = Database(pg_url.rsplit("/", 1)[0] + "/no_such_database_kampus")
    with pytest.raises(OperationalError) as unreachable:
        db.ping()
    assert is_transient(unreachable.value)
    db.dispose()
    try:
        raise RuntimeError("a handler's own error") from unreachable.value
    except RuntimeError as caused:
        assert is_transient(caused)  # raised because the database was away
    assert not is_transient(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not is_transient(ValueError("probe 7 is poisoned"))
