"""Consume the environments service's events from RabbitMQ: `python -m services.environments.consumer`."""
from services.environments import SERVICE
from shared.service import run_consumer

if __name__ == "__main__":
    run_consumer(SERVICE)
