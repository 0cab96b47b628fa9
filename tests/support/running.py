"""Running relays and consumers in background threads for a test, and stopping a test's child processes."""
from __future__ import annotations

import signal
import subprocess
import threading
from contextlib import contextmanager

import pika

from shared.bus import topology
from shared.bus.amqp import ConfirmingPublisher, parameters
from shared.bus.relay import Relay


def declare(amqp_url: str, consumers: dict[str, list[str]], addressed=None) -> None:
    """Declare consumers' queues as the operator does (`<org>.<service>` -> types), on the test's vhost."""
    connection = pika.BlockingConnection(parameters(amqp_url, "test-declare"))
    try:
        topology.declare_network(connection.channel(), consumers, addressed)
    finally:
        connection.close()


def amqp_relay(producer, amqp_url, types, organisation="verkosto"):
    """A relay of `producer` and its started publisher; the probe consumer's queue declared first."""
    declare(amqp_url, {topology.consumer_name(organisation, "reporting"): list(types)})
    publisher = ConfirmingPublisher(amqp_url, name="test-relay")
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


def stop_process(process: subprocess.Popen, timeout: float) -> None:
    """Ask a child process to stop (SIGTERM) and wait for it; kill it when it has not stopped within `timeout` s."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
