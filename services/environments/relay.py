"""Relay the environments service's outbox to RabbitMQ: `python -m services.environments.relay`."""
from services.environments import SERVICE
from shared.service import run_relay

if __name__ == "__main__":
    run_relay(SERVICE)
