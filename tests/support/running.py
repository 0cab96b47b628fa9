"""Running relays and consumers in background threads for a test."""
from __future__ import annotations

import threading
from contextlib import contextmanager

from shared.bus import topology
from shared.bus.amqp import ConfirmingPublisher
from shared.bus.relay import Relay


def declare_probe_consumer(types, retry_delays, organisation="verkosto"):
    def prepare(connection) -> None:
        topology.declare_consumer(connection.channel(), topology.consumer_name(organisation, "reporting"),
                                  types, retry_delays)
    return prepare


def amqp_relay(producer, amqp_url, types):
    publisher = ConfirmingPublisher(amqp_url, name="test-relay",
                                    prepare=declare_probe_consumer(types, producer.config.retry_delays))
    publisher.start()
    assert publisher.wait_ready(20), "publisher did not connect"
    return Relay(producer, publisher), publisher


@contextmanager
def running(*parts):
    """Run each part's `run(stop)` in a thread until the block ends."""
    stop = threading.Event()
    threads = [threading.Thread(target=p.run, args=(stop,), daemon=True) for p in parts]
    for t in threads:
        t.start()
    try:
        yield stop
    finally:
        stop.set()
        for p in parts:
            if hasattr(p, "wake"):
                p.wake()
        for t in threads:
            t.join(timeout=15)
