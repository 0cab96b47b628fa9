"""Relay the intake service's outbox to RabbitMQ: `python -m services.intake.relay`."""
from services.intake import SERVICE
from shared.service import run_relay

if __name__ == "__main__":
    run_relay(SERVICE)
