"""Three members with their own intakes, and the network's reporting, on RabbitMQ as their generated
least-privilege users, on PostgreSQL or SQLite: the network of the conversations-across-intakes tests."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from tests.integration.test_bus_least_privilege import RunningNetwork
from tests.support.deployment import deployed

# reporting would keep every statistics event: it shows that a conversation's messages never reach it
HOSTS = {"verkosto": ["reporting"], "sataedu": ["intake"], "samk": ["intake"], "diak": ["intake"]}
MEMBERS = ("sataedu", "samk", "diak")


@contextmanager
def member_intakes(request, broker, amqp_url, tmp_path) -> Iterator[RunningNetwork]:
    """The running network on the database `request.param` names ("postgresql" or "sqlite")."""
    with ExitStack() as cleanup:
        described, slugs, deployment = deployed(cleanup, broker, amqp_url, HOSTS)
        databases = {}
        for org, service in described.instances():
            if request.param == "sqlite":
                databases[(org, service)] = f"sqlite:///{tmp_path / f'{org}-{service}.sqlite3'}"
            else:
                postgres = request.getfixturevalue("postgres")
                databases[(org, service)] = postgres.create_database()
                cleanup.callback(postgres.drop_database, databases[(org, service)])
        net = RunningNetwork(deployment, slugs, databases)
        cleanup.callback(net.close)
        net.start(*[(name, "intake", role) for name in MEMBERS for role in ("relay", "consumer")],
                  ("verkosto", "reporting", "consumer"))
        yield net
