"""Consume the matching service's events from RabbitMQ: `python -m services.matching.consumer`."""
from services.matching import SERVICE
from shared.service import run_consumer

if __name__ == "__main__":
    run_consumer(SERVICE)
