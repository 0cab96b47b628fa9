"""Consume the reporting service's events from RabbitMQ: `python -m services.reporting.consumer`."""
from services.reporting import SERVICE
from shared.service import run_consumer

if __name__ == "__main__":
    run_consumer(SERVICE)
