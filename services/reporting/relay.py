"""Relay the reporting service's outbox to RabbitMQ: `python -m services.reporting.relay`."""
from services.reporting import SERVICE
from shared.service import run_relay

if __name__ == "__main__":
    run_relay(SERVICE)
