"""RabbitMQ definitions for a network: vhost, users, permissions, exchanges, queues.

Loaded by RabbitMQ at boot (`load_definitions`). Each organisation's services connect as
their own users; topic permissions let a user publish only routing keys of its organisation,
and the broker checks the `user_id` of every message against the connection's user.
By default passwords are development placeholders (`<user>-change-me`). RabbitMQ imports the
definitions at every boot, so production generates them with `--passwords-from-env`, which reads
`AMQP_PASSWORD_<USER>` (dots and dashes as underscores, e.g. AMQP_PASSWORD_SATAEDU_INTAKE).
"""
from __future__ import annotations

import base64
import hashlib
import os
import re

from shared.bus import topology
from shared.config import Config
from shared.events.catalogue import NETWORK_ORGANISATION, ORGANISATION_HOSTED, network_consumers, subscriptions

VHOST = "kampus"


def password_hash(password: str, salt: bytes) -> str:
    """RabbitMQ's rabbit_password_hashing_sha256 format."""
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def password_variable(user: str) -> str:
    return "AMQP_PASSWORD_" + re.sub(r"[^A-Z0-9]", "_", user.upper())


def _user(name: str, tags: str = "", from_env: bool = False) -> dict:
    if from_env:
        password = os.environ.get(password_variable(name))
        if not password:
            raise ValueError(f"{password_variable(name)} is not set")
        salt = os.urandom(4)
    else:
        password = f"{name}-change-me"
        salt = hashlib.sha256(name.encode()).digest()[:4]  # deterministic, so the file is reproducible
    return {"name": name, "password_hash": password_hash(password, salt),
            "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": tags, "limits": {}}


def _users_and_consumers(organisations: list[str]) -> list[tuple[str, str, str]]:
    """(user, organisation, consumer name) for every service instance."""
    result = []
    for service in subscriptions():
        hosts = organisations if service in ORGANISATION_HOSTED else [NETWORK_ORGANISATION]
        for org in hosts:
            result.append((f"{org}.{service}", org, topology.consumer_name(org, service)))
    return result


def definitions(organisations: list[str], retry_delays=None, passwords_from_env: bool = False) -> dict:
    """The definitions document for these member organisations."""
    retry_delays = retry_delays or Config.__dataclass_fields__["retry_delays"].default
    users, permissions, topic_permissions = [_user("kampus-admin", "administrator", passwords_from_env)], [], []
    permissions.append({"user": "kampus-admin", "vhost": VHOST, "configure": ".*", "write": ".*", "read": ".*"})
    for user, org, consumer in _users_and_consumers(organisations):
        users.append(_user(user, from_env=passwords_from_env))
        own = "^" + re.escape(consumer) + r"\."
        exchanges = "|".join(re.escape(x) for x in (topology.EVENTS_EXCHANGE, topology.RETRY_EXCHANGE,
                                                     topology.DEAD_EXCHANGE))
        permissions.append({"user": user, "vhost": VHOST, "configure": own,
                            "write": f"{own}|^({exchanges})$|^amq\\.default$", "read": f"{own}|^({exchanges})$"})
        topic_permissions.append({"user": user, "vhost": VHOST, "exchange": topology.EVENTS_EXCHANGE,
                                  "write": "^" + re.escape(org) + r"\.", "read": ".*"})
    exchanges = [
        {"name": topology.EVENTS_EXCHANGE, "vhost": VHOST, "type": "topic", "durable": True,
         "auto_delete": False, "internal": False, "arguments": {}},
        {"name": topology.RETRY_EXCHANGE, "vhost": VHOST, "type": "direct", "durable": True,
         "auto_delete": False, "internal": False, "arguments": {}},
        {"name": topology.DEAD_EXCHANGE, "vhost": VHOST, "type": "direct", "durable": True,
         "auto_delete": False, "internal": False, "arguments": {}},
    ]
    queues, bindings = [], []
    for consumer, types in network_consumers(subscriptions(), organisations).items():
        queues.append({"name": topology.events_queue(consumer), "vhost": VHOST, "durable": True,
                       "auto_delete": False, "arguments": topology.queue_arguments()})
        for key in topology.binding_keys(types, topology.organisation_of(consumer)):
            bindings.append({"source": topology.EVENTS_EXCHANGE, "vhost": VHOST, "destination_type": "queue",
                             "destination": topology.events_queue(consumer), "routing_key": key, "arguments": {}})
        for delay in retry_delays:
            name = topology.retry_queue(consumer, delay)
            queues.append({"name": name, "vhost": VHOST, "durable": True, "auto_delete": False,
                           "arguments": topology.retry_arguments(consumer, delay)})
            bindings.append({"source": topology.RETRY_EXCHANGE, "vhost": VHOST, "destination_type": "queue",
                             "destination": name, "routing_key": name, "arguments": {}})
        queues.append({"name": topology.dead_queue(consumer), "vhost": VHOST, "durable": True,
                       "auto_delete": False, "arguments": topology.queue_arguments()})
        bindings.append({"source": topology.DEAD_EXCHANGE, "vhost": VHOST, "destination_type": "queue",
                         "destination": topology.dead_queue(consumer), "routing_key": consumer, "arguments": {}})
    return {"rabbit_version": "3.13.0", "rabbitmq_version": "3.13.0", "vhosts": [{"name": VHOST}],
            "users": users, "permissions": permissions, "topic_permissions": topic_permissions,
            "exchanges": exchanges, "queues": queues, "bindings": bindings, "parameters": [], "policies": [],
            "global_parameters": []}
