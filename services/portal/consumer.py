"""Consume the events that notify people from RabbitMQ: `python -m services.portal.consumer`."""
from services.portal import SERVICE
from shared.service import run_consumer

if __name__ == "__main__":
    run_consumer(SERVICE)
