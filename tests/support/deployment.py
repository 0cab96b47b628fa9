"""A network deployed on the test broker as an operator deploys one: generated definitions, imported.

Users are server-wide in RabbitMQ, so a test network's organisations carry a tag of their own and
the users are deleted afterwards; passwords are random and reach the generator in a secrets file.
"""
from __future__ import annotations

import json
import os
import secrets
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import pika

from shared.bus import topology
from shared.bus.amqp import parameters
from shared.bus.definitions import definitions, operator_name, password_variable, passwords_from, read_secrets_file
from shared.network import Network, parse


def tagged_network(hosts: dict[str, list[str]], tag: str | None = None,
                   queue_limits: dict | None = None) -> tuple[Network, dict[str, str]]:
    """A network where each named organisation (`sataedu` -> its services) becomes `<name>-<tag>`.

    Returns the network and the slug of each name. An organisation hosting intake is a member.
    """
    tag = tag or uuid.uuid4().hex[:6]
    slugs = {name: f"{name}-{tag}" for name in hosts}
    organisations = {
        slugs[name]: {"name": name.title(), "kind": "educational_institution", "member": "intake" in services,
                      "hosts": {s: f"http://{name}.example/{s}/" for s in services}}
        for name, services in hosts.items()}
    return parse({"organisations": organisations, "queue_limits": queue_limits or {}}), slugs


@dataclass
class Deployment:
    """The test vhost with a network's generated users, permissions, queues and policies."""

    network: Network
    vhost_url: str  # the test's administrator (guest) on the vhost
    passwords: dict[str, str] = field(default_factory=dict)

    def url(self, user: str) -> str:
        parts = urlsplit(self.vhost_url)
        host = parts.netloc.rsplit("@", 1)[1]
        return f"amqp://{user}:{self.passwords[user]}@{host}{parts.path}"

    def service_url(self, organisation: str, service: str) -> str:
        return self.url(topology.consumer_name(organisation, service))

    def operator_url(self, organisation: str) -> str:
        return self.url(operator_name(organisation))


def deploy(broker, network: Network, vhost_url: str, timeout: float = 180.0) -> Deployment:
    """Generate the network's definitions for the vhost and import them with rabbitmqctl."""
    vhost = unquote(urlsplit(vhost_url).path.lstrip("/"))
    users = [topology.consumer_name(org, s) for org, s in network.instances()]
    users += sorted({operator_name(org) for org, _ in network.instances()})
    deployment = Deployment(network, vhost_url, {u: secrets.token_urlsafe(16) for u in users})
    with tempfile.TemporaryDirectory() as directory:
        secrets_file = os.path.join(directory, "secrets.env")
        with open(secrets_file, "w", encoding="utf-8") as f:
            f.writelines(f"{password_variable(u)}={p}\n" for u, p in deployment.passwords.items())
        doc = definitions(network, vhost=vhost, password=passwords_from(read_secrets_file(secrets_file)))
        path = os.path.join(directory, "definitions.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        os.chmod(directory, 0o755)
        os.chmod(path, 0o644)  # the broker's own user may read it
        try:
            broker.rabbitmqctl("import_definitions", path)
            _wait_imported(deployment, timeout)
        except BaseException:
            remove(broker, deployment)  # users are server-wide: never leave them behind
            raise
    return deployment


def _wait_imported(deployment: Deployment, timeout: float) -> None:
    """The import runs in the background: wait until every user connects and sees its own queue."""
    deadline = time.monotonic() + timeout
    pending = [(org, service) for org, service in deployment.network.instances()]
    while pending:
        org, service = pending[0]
        try:
            connection = pika.BlockingConnection(parameters(deployment.service_url(org, service), "test-import"))
            try:
                connection.channel().queue_declare(topology.events_queue(topology.consumer_name(org, service)),
                                                   passive=True)
                pending.pop(0)
            finally:
                if connection.is_open:
                    connection.close()
        except pika.exceptions.AMQPError as error:
            if time.monotonic() > deadline:
                raise AssertionError(f"the definitions of {org}.{service} were not imported in {timeout}s") from error
            time.sleep(0.2)


def remove(broker, deployment: Deployment) -> None:
    """Delete the deployment's users (the vhost goes with the test's fixture), all at once."""
    import subprocess

    if broker.ctl is None:
        return
    deleting = [subprocess.Popen([*broker.ctl, "delete_user", user], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL) for user in deployment.passwords]
    for process in deleting:
        process.wait(timeout=120)


# The network of the multi-organisation tests: two member organisations with intake, and the network's hub.
TWO_MEMBERS = {"verkosto": ["matching", "environments", "reporting"], "sataedu": ["intake"], "samk": ["intake"]}


def deployed(cleanup: ExitStack, broker, vhost_url: str,
             hosts: dict[str, list[str]]) -> tuple[Network, dict[str, str], Deployment]:
    """A tagged network of `hosts` deployed on the test's vhost, removed by `cleanup`: the network, the slug of
    each name and the deployment."""
    network, slugs = tagged_network(hosts)
    deployment = deploy(broker, network, vhost_url)
    cleanup.callback(remove, broker, deployment)
    return network, slugs, deployment
