"""RabbitMQ definitions of a network: vhost, users, permissions, exchanges, queues, policies.

Generated from the network file (`kampus rabbitmq definitions`) and loaded by RabbitMQ at boot
(`load_definitions`) or imported once (`rabbitmqctl import_definitions`). Each service an
organisation runs connects as its own user, `<organisation>.<service>`, that may only

- publish to `kampus.events`, with routing keys of its own organisation (a topic permission; the
  broker also checks every message's `user_id` against the connection's user),
- consume its own queue, `<organisation>.<service>.events`,

and nothing else: no declaring, no default exchange, no dead-letter or replay exchange. Each
organisation that runs a service also gets an operator, `<organisation>.operator` (tag
`impersonator`), that may read its own dead-letter queues and send their messages back through
`kampus.replay` with the original sender, to its own queues only. There is no shared administrator.

Passwords: development placeholders (`<user>-change-me`) unless taken from the environment or a
secrets file, `AMQP_PASSWORD_<USER>` (dots and dashes as underscores, e.g.
AMQP_PASSWORD_SATAEDU_INTAKE), the variables compose's `.env` holds.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Callable, Mapping

from shared.bus import topology
from shared.network import Network

OPERATOR = "operator"
RABBIT_VERSION = "3.10.0"  # the oldest broker these definitions are written for; newer ones import them


def password_hash(password: str, salt: bytes) -> str:
    """RabbitMQ's rabbit_password_hashing_sha256 format."""
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def password_variable(user: str) -> str:
    return "AMQP_PASSWORD_" + re.sub(r"[^A-Z0-9]", "_", user.upper())


def operator_name(organisation: str) -> str:
    return f"{organisation}.{OPERATOR}"


def development_password(user: str) -> str:
    return f"{user}-change-me"


def passwords_from(values: Mapping[str, str | None]) -> Callable[[str], str]:
    """Passwords from AMQP_PASSWORD_<USER> in `values` (the environment or a secrets file)."""
    def password(user: str) -> str:
        value = values.get(password_variable(user))
        if not value:
            raise ValueError(f"{password_variable(user)} is not set")
        return value
    return password


def read_secrets_file(path: str) -> dict[str, str | None]:
    """KEY=VALUE lines (a dotenv file such as compose's `.env`)."""
    from dotenv import dotenv_values

    if not os.path.isfile(path):
        raise ValueError(f"{path}: no such secrets file")
    return dict(dotenv_values(path))


def _user(name: str, tags: str, password: Callable[[str], str] | None) -> dict:
    if password is None:
        secret = development_password(name)
        salt = hashlib.sha256(name.encode()).digest()[:4]  # deterministic, so the file is reproducible
    else:
        secret, salt = password(name), os.urandom(4)
    return {"name": name, "password_hash": password_hash(secret, salt),
            "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": tags, "limits": {}}


def _exact(*names: str) -> str:
    return "^(" + "|".join(re.escape(n) for n in names) + ")$"


NOTHING = "^$"  # a permission pattern no resource name matches


def definitions(network: Network, vhost: str | None = None,
                password: Callable[[str], str] | None = None) -> dict:
    """The definitions document of a network; `password(user)` gives each password (None: placeholders)."""
    vhost = vhost or network.vhost
    users, permissions, topic_permissions = [], [], []
    hosting: dict[str, list[str]] = {}
    publishers = {topology.consumer_name(org, service) for org, service in network.instances()}
    for consumer in network.consumers():
        user, org = consumer, topology.organisation_of(consumer)
        hosting.setdefault(org, []).append(consumer)
        users.append(_user(user, "", password))
        publishes = user in publishers  # the portal only consumes: it may write nowhere
        permissions.append({"user": user, "vhost": vhost, "configure": NOTHING,
                            "write": _exact(topology.EVENTS_EXCHANGE) if publishes else NOTHING,
                            "read": _exact(topology.events_queue(consumer))})
        topic_permissions.append({"user": user, "vhost": vhost, "exchange": topology.EVENTS_EXCHANGE,
                                  "write": "^" + re.escape(org) + r"\." if publishes else NOTHING, "read": NOTHING})
    for org, consumers in hosting.items():
        operator = operator_name(org)
        users.append(_user(operator, "impersonator", password))
        permissions.append({"user": operator, "vhost": vhost, "configure": NOTHING,
                            "write": _exact(topology.REPLAY_EXCHANGE),
                            "read": _exact(*(topology.dead_queue(c) for c in consumers))})
        topic_permissions.append({"user": operator, "vhost": vhost, "exchange": topology.REPLAY_EXCHANGE,
                                  "write": _exact(*consumers), "read": NOTHING})
    exchanges = [{"name": name, "vhost": vhost, "type": kind, "durable": True, "auto_delete": False,
                  "internal": internal, "arguments": {}} for name, kind, internal in topology.EXCHANGES]
    queues, bindings = [], []

    def bind(source: str, queue: str, key: str) -> None:
        bindings.append({"source": source, "vhost": vhost, "destination_type": "queue", "destination": queue,
                         "routing_key": key, "arguments": {}})

    for consumer, types in network.consumers().items():
        queue = topology.events_queue(consumer)
        queues.append({"name": queue, "vhost": vhost, "durable": True, "auto_delete": False,
                       "arguments": topology.queue_arguments(consumer)})
        for key in topology.binding_keys(types, topology.organisation_of(consumer)):
            bind(topology.EVENTS_EXCHANGE, queue, key)
        bind(topology.REPLAY_EXCHANGE, queue, consumer)
        queues.append({"name": topology.dead_queue(consumer), "vhost": vhost, "durable": True,
                       "auto_delete": False, "arguments": topology.dead_queue_arguments()})
        bind(topology.DEAD_EXCHANGE, topology.dead_queue(consumer), consumer)
    policies = [{"vhost": vhost, **policy} for policy in topology.policies(network.limits)]
    return {"rabbit_version": RABBIT_VERSION, "rabbitmq_version": RABBIT_VERSION, "vhosts": [{"name": vhost}],
            "users": users, "permissions": permissions, "topic_permissions": topic_permissions,
            "exchanges": exchanges, "queues": queues, "bindings": bindings, "parameters": [],
            "policies": policies, "global_parameters": []}
