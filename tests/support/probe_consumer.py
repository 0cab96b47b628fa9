"""A probe consumer process for kill tests: `python -m tests.support.probe_consumer DB_URL AMQP_URL`."""
from __future__ import annotations

import sys

from shared import logs
from shared.bus.consumer import AmqpConsumer
from shared.service import _stop_on_signals
from tests.support import probe

if __name__ == "__main__":
    logs.configure("WARNING")
    rt = probe.runtime("consumer", sys.argv[1], sys.argv[2])
    AmqpConsumer(rt, [probe.PROBE]).run(_stop_on_signals())
