"""Relay the matching service's outbox to RabbitMQ: `python -m services.matching.relay`."""
from services.matching import SERVICE
from shared.service import run_relay

if __name__ == "__main__":
    run_relay(SERVICE)
