"""Consume the intake service's events from RabbitMQ: `python -m services.intake.consumer`."""
from services.intake import SERVICE
from shared.service import run_consumer

if __name__ == "__main__":
    run_consumer(SERVICE)
