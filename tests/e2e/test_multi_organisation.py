"""Two member organisations' intakes and the network's services, each a separate process with its own
least-privilege user, through a consumer SIGKILLed, a relay SIGKILLed and the broker restarted.

The network file describes sataedu's and samk's intakes and the network's matching, environments and
reporting; the broker definitions are generated from it and imported as an operator would. Each
service runs its real relay and consumer processes (`python -m services.<service>.relay|consumer`).
A workload of 2,500 real events goes into the producers' outboxes while the faults happen; the test
then counts, per consumer, what was produced for it, delivered (its inbox) and applied (its own
tables), and fails on anything lost or doubled, dead-lettered or left in a queue.

It restarts the broker TEST_AMQP_URL points to, as test_bus_resilience.py does: on a shared
development broker point it at a private node (see tests/support/servers.py).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import ExitStack

import pika
import pytest
from sqlalchemy import func, select

from services.environments.db import partners as environments_partners
from services.intake.db import partner_names as intake_partner_names
from services.intake.db import services as intake_services
from services.matching.db import environments as matching_environments
from services.matching.db import partners as matching_partners
from services.reporting.db import raw_events
from shared.bus import topology
from shared.bus.amqp import parameters
from shared.bus.deadletters import list_dead
from shared.config import Config
from shared.embedded import definition
from tests.support import workload
from tests.support.deployment import TWO_MEMBERS, deployed
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow, pytest.mark.serial]

ROUNDS = 50
# Each round: every intake publishes 12 services and 8 partners, environments 6 environments and matching
# 4 fairness reports: 50 events a round, 2,500 in all.
PER_ROUND = {("sataedu", "intake"): [(workload.SERVICE, 12), (workload.PARTNER, 8)],
             ("samk", "intake"): [(workload.SERVICE, 12), (workload.PARTNER, 8)],
             ("verkosto", "environments"): [(workload.ENVIRONMENT, 6)],
             ("verkosto", "matching"): [(workload.FAIRNESS, 4)]}
INSTANCES = [("sataedu", "intake"), ("samk", "intake"), ("verkosto", "matching"), ("verkosto", "environments"),
             ("verkosto", "reporting")]


class Processes:
    """The relay and consumer process of each running service, with their logs."""

    def __init__(self, deployment, slugs, databases, logs) -> None:
        self.deployment, self.slugs, self.databases, self.logs = deployment, slugs, databases, logs
        self.running: dict[tuple[str, str, str], subprocess.Popen] = {}

    def env(self, name: str, service: str) -> dict:
        org = self.slugs[name]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AMQP_", "DATABASE_", "KAMPUS_"))}
        env.update(DATABASE_URL=self.databases[(name, service)], AMQP_URL=self.deployment.service_url(org, service),
                   KAMPUS_ORG=org, MIGRATE_ON_START="0", LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
        return env

    def start(self, name: str, service: str, role: str) -> None:
        with open(self.logs / f"{name}-{service}-{role}.log", "ab") as log:
            self.running[(name, service, role)] = subprocess.Popen(
                [sys.executable, "-m", f"services.{service}.{role}"], env=self.env(name, service), cwd=os.getcwd(),
                stdout=log, stderr=subprocess.STDOUT)

    def kill(self, name: str, service: str, role: str) -> None:
        process = self.running.pop((name, service, role))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.running.values():
            process.send_signal(signal.SIGTERM)
        for process in self.running.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self.running.clear()

    def exited(self) -> list[str]:
        return [f"{'.'.join(key)} exited with {p.returncode}" for key, p in self.running.items()
                if p.poll() is not None]


def count(runtime, column) -> tuple[int, set]:
    with runtime.db.session() as session:
        values = list(session.execute(select(column)).scalars())
    return len(values), {str(v) for v in values}


def consuming(deployment, slugs) -> bool:
    """Every consumer has its queue open (the broker lists a consumer on it)."""
    connection = pika.BlockingConnection(parameters(deployment.vhost_url, "test-watch"))
    try:
        channel = connection.channel()
        return all(channel.queue_declare(topology.events_queue(f"{slugs[name]}.{service}"),
                                         passive=True).method.consumer_count == 1 for name, service in INSTANCES)
    finally:
        connection.close()


@pytest.fixture
def network(broker, amqp_url, postgres, tmp_path):
    with ExitStack() as cleanup:  # whatever was made is unmade, even when a later step fails
        described, slugs, deployment = deployed(cleanup, broker, amqp_url, TWO_MEMBERS)
        runtimes = {}
        for name, service in INSTANCES:
            url = postgres.create_database()
            cleanup.callback(postgres.drop_database, url)
            runtimes[(name, service)] = definition(service).runtime(Config(
                service=service, database_url=url, organisation=slugs[name], testing=True, migrate_on_start=False))
            cleanup.callback(runtimes[(name, service)].close)
            runtimes[(name, service)].migrate()
        processes = Processes(deployment, slugs, {i: r.config.database_url for i, r in runtimes.items()}, tmp_path)
        cleanup.callback(processes.stop_all)
        yield processes, runtimes


def test_two_organisations_lose_and_double_nothing_through_kills_and_a_broker_restart(network, broker):
    processes, runtimes = network
    for name, service in INSTANCES:
        for role in ("relay", "consumer"):
            processes.start(name, service, role)
    eventually(lambda: consuming(processes.deployment, processes.slugs), timeout=180,
               message="every consumer process is consuming")

    sent: dict[tuple[str, str], list[str]] = {(n, s): [] for n, s in INSTANCES}
    done = {"rounds": 0}

    def produce() -> None:
        for round_ in range(ROUNDS):
            for instance, batch in PER_ROUND.items():
                for type_, n in batch:
                    ids = workload.emit(runtimes[instance], type_, n, start=round_ * 100)
                    sent[instance] += [(type_, i) for i in ids]
            done["rounds"] = round_ + 1
            time.sleep(0.05)

    writer = threading.Thread(target=produce)
    writer.start()
    reporting = runtimes[("verkosto", "reporting")]
    try:
        eventually(lambda: done["rounds"] >= 10, timeout=180, message="production under way")
        processes.kill("verkosto", "reporting", "consumer")  # the consumer with the most to do, mid-flow
        processes.start("verkosto", "reporting", "consumer")
        eventually(lambda: done["rounds"] >= 20, timeout=180, message="production goes on")
        processes.kill("sataedu", "intake", "relay")
        processes.start("sataedu", "intake", "relay")
        eventually(lambda: done["rounds"] >= 30, timeout=180, message="production goes on")
        broker.stop()
        time.sleep(1.0)
        broker.start()
    finally:
        writer.join(timeout=300)
    assert done["rounds"] == ROUNDS

    def ids(instance, *types) -> set[str]:
        return {i for t, i in sent[instance] if t in types}

    intake_of = {name: ids((name, "intake"), workload.SERVICE, workload.PARTNER) for name in ("sataedu", "samk")}
    services = ids(("sataedu", "intake"), workload.SERVICE) | ids(("samk", "intake"), workload.SERVICE)
    partners = ids(("sataedu", "intake"), workload.PARTNER) | ids(("samk", "intake"), workload.PARTNER)
    environments = ids(("verkosto", "environments"), workload.ENVIRONMENT)
    everything = intake_of["sataedu"] | intake_of["samk"] | environments | ids(("verkosto", "matching"),
                                                                             workload.FAIRNESS)
    expected = {  # what each consumer subscribes to, by hand from the catalogue
        # partners: by name; environments: their partners are parties of the environment's conversation
        ("sataedu", "intake"): services | partners | environments,
        ("samk", "intake"): services | partners | environments,
        ("verkosto", "matching"): partners | environments, ("verkosto", "environments"): partners,
        ("verkosto", "reporting"): everything}
    assert {k: len(v) for k, v in expected.items()} == {
        ("sataedu", "intake"): 2300, ("samk", "intake"): 2300, ("verkosto", "matching"): 1100,
        ("verkosto", "environments"): 800, ("verkosto", "reporting"): 2500}

    def delivered(instance) -> tuple[int, set]:
        return count(runtimes[instance], runtimes[instance].tables.inbox.c.event_id)

    for instance, wanted in expected.items():
        eventually(lambda instance=instance, wanted=wanted: delivered(instance)[1] >= wanted
                   or bool(processes.exited()), timeout=180,
                   message=f"{instance} received its events")
        assert not processes.exited(), processes.exited()

    # Produced: every outbox row confirmed by the broker, once.
    for instance, events in sent.items():
        runtime = runtimes[instance]
        outbox = runtime.tables.outbox
        with runtime.db.session() as session:
            rows = session.execute(select(func.count(), func.count(outbox.c.sent_at))
                                   .select_from(outbox)).one()
        assert tuple(rows) == (len(events), len(events)), f"{instance} produced and relayed"
    # Delivered: each consumer's inbox holds exactly its events, none twice, none missing.
    for instance, wanted in expected.items():
        assert delivered(instance) == (len(wanted), wanted), f"{instance} delivered"
    # Applied: the consumers' own tables hold one row for each event's subject.
    payloads = _payloads(runtimes, sent)
    subject = {t: k for t, k in ((workload.SERVICE, "service_id"), (workload.PARTNER, "partner_id"),
                                 (workload.ENVIRONMENT, "environment_id"))}

    def subjects(event_ids, type_) -> set[str]:
        return {payloads[i][subject[type_]] for i in event_ids}

    for name in ("sataedu", "samk"):
        assert count(runtimes[(name, "intake")], intake_services.c.id) == (
            len(services), subjects(services, workload.SERVICE)), f"{name} intake applied"
        assert count(runtimes[(name, "intake")], intake_partner_names.c.partner_id) == (
            len(partners), subjects(partners, workload.PARTNER)), f"{name} intake keeps the partners' names"
    assert count(runtimes[("verkosto", "matching")], matching_partners.c.partner_id) == (
        len(partners), subjects(partners, workload.PARTNER))
    assert count(runtimes[("verkosto", "matching")], matching_environments.c.environment_id) == (
        len(environments), subjects(environments, workload.ENVIRONMENT))
    assert count(runtimes[("verkosto", "environments")], environments_partners.c.id) == (
        len(partners), subjects(partners, workload.PARTNER))
    assert count(reporting, raw_events.c.event_id) == (len(everything), everything)
    # Nothing left behind: every queue drained, no dead letter anywhere.
    deployment, slugs = processes.deployment, processes.slugs
    for name, service in INSTANCES:
        consumer = f"{slugs[name]}.{service}"
        assert list_dead(deployment.operator_url(slugs[name]), consumer) == [], consumer
    connection = pika.BlockingConnection(parameters(deployment.vhost_url, "test-watch"))
    try:
        channel = connection.channel()
        for name, service in INSTANCES:
            queue = topology.events_queue(f"{slugs[name]}.{service}")
            assert channel.queue_declare(queue, passive=True).method.message_count == 0, queue
    finally:
        connection.close()


def _payloads(runtimes, sent) -> dict[str, dict]:
    """Each sent event's payload, from its producer's outbox."""
    import json

    found = {}
    for instance in sent:
        runtime = runtimes[instance]
        outbox = runtime.tables.outbox
        with runtime.db.session() as session:
            for event_id, body in session.execute(select(outbox.c.event_id, outbox.c.body)):
                found[event_id] = json.loads(body)["payload"]
    return found
