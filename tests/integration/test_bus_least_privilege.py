"""The network's services on RabbitMQ as their generated least-privilege users, and every forgery refused.

The definitions come from a network file (two member organisations' intakes, the network's
matching, environments and reporting), generated with passwords from a secrets file and imported
with rabbitmqctl, as an operator does. Relays and consumers run through the production entry
points (`run_relay`, `run_consumer`), each with its own user's URL.
"""
from __future__ import annotations

import threading
from contextlib import ExitStack

import pika
import pytest
from sqlalchemy import select

from services.intake.db import services as intake_services
from services.reporting.db import raw_events
from shared.bus import topology
from shared.bus.amqp import parameters
from shared.bus.deadletters import list_dead, replay
from shared.config import Config
from shared.embedded import definition
from shared.events.envelope import Envelope
from shared.service import run_consumer, run_relay
from tests.support import workload
from tests.support.deployment import TWO_MEMBERS, deploy, deployed, remove, tagged_network
from tests.support.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.slow]


class RunningNetwork:
    """The deployed test network: each running service's config, runtime and processes (threads)."""

    def __init__(self, deployment, slugs, databases) -> None:
        self.deployment, self.slugs, self.databases = deployment, slugs, databases
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []
        self.runtimes = {}
        for org, service in databases:
            runtime = definition(service).runtime(self.config(org, service))
            runtime.migrate()
            self.runtimes[(org, service)] = runtime

    def config(self, org: str, service: str) -> Config:
        return Config(service=service, database_url=self.databases[(org, service)], organisation=org, testing=True,
                      amqp_url=self.deployment.service_url(org, service), retry_delays=(0.2, 0.5),
                      max_delivery_attempts=3, migrate_on_start=False)

    def runtime(self, name: str, service: str):
        return self.runtimes[(self.slugs[name], service)]

    def start(self, *parts: tuple[str, str, str]) -> None:
        """Start (name, service, "relay" | "consumer") as their users, through the production entry points."""
        for name, service, role in parts:
            org = self.slugs[name]
            target = run_relay if role == "relay" else run_consumer
            thread = threading.Thread(target=target, args=(definition(service), self.config(org, service), self.stop),
                                      name=f"{org}.{service}-{role}", daemon=True)
            thread.start()
            self.threads.append(thread)

    def inbox(self, name: str, service: str) -> set[str]:
        runtime = self.runtime(name, service)
        with runtime.db.session() as session:
            return set(session.execute(select(runtime.tables.inbox.c.event_id)).scalars())

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=20)
        for runtime in self.runtimes.values():
            runtime.close()


@pytest.fixture
def network(broker, amqp_url, postgres):
    with ExitStack() as cleanup:  # whatever was made is unmade, even when a later step fails
        described, slugs, deployment = deployed(cleanup, broker, amqp_url, TWO_MEMBERS)
        databases = {}
        for instance in described.instances():
            databases[instance] = postgres.create_database()
            cleanup.callback(postgres.drop_database, databases[instance])
        net = RunningNetwork(deployment, slugs, databases)
        cleanup.callback(net.close)
        yield net


def test_every_relay_and_consumer_runs_as_its_generated_user(network):
    services = [("sataedu", "intake"), ("samk", "intake"), ("verkosto", "matching"),
                ("verkosto", "environments"), ("verkosto", "reporting")]
    network.start(*[(name, service, role) for name, service in services for role in ("relay", "consumer")])
    sent = {
        "sataedu": workload.emit(network.runtime("sataedu", "intake"), workload.SERVICE, 3)
        + workload.emit(network.runtime("sataedu", "intake"), workload.PARTNER, 2),
        "samk": workload.emit(network.runtime("samk", "intake"), workload.SERVICE, 3)
        + workload.emit(network.runtime("samk", "intake"), workload.PARTNER, 2),
        "environments": workload.emit(network.runtime("verkosto", "environments"), workload.ENVIRONMENT, 2),
        "matching": workload.emit(network.runtime("verkosto", "matching"), workload.FAIRNESS, 2),
    }
    # the first three events of each intake are services, the last two partners
    partners_of = lambda org: sent[org][3:]  # noqa: E731
    expected = {  # by the subscriptions: who takes which of the events sent above
        # every intake keeps the partners' names too (a young person is asked about a partner by name), and each
        # environment's partners (they are parties of its conversation)
        ("sataedu", "intake"): set(sent["sataedu"] + sent["samk"] + sent["environments"]),
        ("samk", "intake"): set(sent["sataedu"] + sent["samk"] + sent["environments"]),
        ("verkosto", "matching"): set(partners_of("sataedu") + partners_of("samk") + sent["environments"]),
        ("verkosto", "environments"): set(partners_of("sataedu") + partners_of("samk")),
        ("verkosto", "reporting"): {i for ids in sent.values() for i in ids},
    }
    assert [len(ids) for ids in expected.values()] == [12, 12, 6, 4, 14]
    for (name, service), ids in expected.items():
        eventually(lambda name=name, service=service, ids=ids: network.inbox(name, service) == ids, timeout=180,
                   message=f"{name}.{service} applied what it subscribes to")
    for name, service in services:
        assert network.runtime(name, service).outbox_backlog() == 0, f"{name}.{service} relayed everything"
    for name in ("sataedu", "samk", "verkosto"):
        operator = network.deployment.operator_url(network.slugs[name])
        for service in {s for n, s in services if n == name}:
            assert list_dead(operator, topology.consumer_name(network.slugs[name], service)) == []


def refused(url: str, exchange: str, key: str, body: bytes, properties: pika.BasicProperties) -> int:
    """Publish once as the URL's user; the broker's reply code when it closes the channel (0: accepted)."""
    connection = pika.BlockingConnection(parameters(url, "test-forger"))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        try:
            channel.basic_publish(exchange, key, body, properties)
        except pika.exceptions.ChannelClosedByBroker as exc:
            return exc.reply_code
        return 0
    finally:
        if connection.is_open:
            connection.close()


def service_event(organisation: str, **changes) -> Envelope:
    data = dict(type=workload.SERVICE, payload=workload.payload(workload.SERVICE, 0, organisation),
                organisation=organisation, service="intake")
    data.update(changes)
    return Envelope(**data)


def test_no_forged_event_is_ever_applied(network):
    sataedu, samk, verkosto = (network.slugs[n] for n in ("sataedu", "samk", "verkosto"))
    member = network.deployment.service_url(sataedu, "intake")  # the forger: sataedu's own broker user
    member_user = f"{sataedu}.intake"
    admin = network.deployment.vhost_url  # an administrator: what a misconfigured network might let through
    samk_queue = topology.events_queue(f"{samk}.intake")

    def props(envelope: Envelope, user_id: str | None = member_user, headers: dict | None = None):
        return pika.BasicProperties(message_id=envelope.id, type=envelope.type, user_id=user_id, headers=headers,
                                    delivery_mode=2, content_type="application/json")

    def body(envelope: Envelope) -> bytes:
        return envelope.to_json().encode()

    as_samk = service_event(samk)  # claims to be samk's
    # Paths the broker itself closes: the default exchange, the retry and dead-letter exchanges, the replay
    # exchange, another organisation's routing key, another user's user_id.
    assert refused(member, "", samk_queue, body(as_samk), props(as_samk)) == 403
    assert refused(member, "kampus.retry", samk_queue, body(as_samk), props(as_samk)) == 403
    assert refused(member, topology.DEAD_EXCHANGE, f"{samk}.intake", body(as_samk), props(as_samk)) == 403
    assert refused(admin, topology.DEAD_EXCHANGE, f"{samk}.intake", body(as_samk), props(as_samk, "guest")) == 403
    assert refused(member, topology.REPLAY_EXCHANGE, f"{samk}.intake", body(as_samk), props(as_samk)) == 403
    assert refused(member, topology.EVENTS_EXCHANGE, as_samk.routing_key, body(as_samk), props(as_samk)) == 403
    assert refused(member, topology.EVENTS_EXCHANGE, f"{sataedu}.{workload.SERVICE}", body(as_samk),
                   props(as_samk, f"{samk}.intake")) == 406
    # sataedu's operator impersonates, but replays only into sataedu's own queues and publishes no events.
    operator = network.deployment.operator_url(sataedu)
    assert refused(operator, topology.REPLAY_EXCHANGE, f"{samk}.intake", body(as_samk),
                   props(as_samk, f"{samk}.intake")) == 403
    assert refused(operator, topology.EVENTS_EXCHANGE, as_samk.routing_key, body(as_samk),
                   props(as_samk, f"{samk}.intake")) == 403

    # Paths the broker lets through and the consumers refuse.
    own_key = f"{sataedu}.{workload.SERVICE}"
    forged_headers = service_event(samk)
    no_user = service_event(sataedu)
    contact = Envelope(type="intake.contact.shared", organisation=sataedu, service="intake", recipient=samk,
                       payload={"client_id": "00000000-0000-4000-8000-000000000001", "partner_id": None,
                                "need_id": None, "name": "Forged", "email": None, "phone": None})
    through_admin = service_event(samk)
    accepted = [
        (member, topology.EVENTS_EXCHANGE, own_key, as_samk, props(as_samk)),  # another's event under own key
        (member, topology.EVENTS_EXCHANGE, own_key, forged_headers, props(forged_headers, headers={
            "x-kampus-original-user": f"{samk}.intake",  # the header replays used to trust
            "x-death": [{"queue": samk_queue, "reason": "rejected", "count": 1, "exchange": "kampus.events",
                         "routing-keys": [forged_headers.routing_key]}]})),
        (member, topology.EVENTS_EXCHANGE, own_key, no_user, props(no_user, user_id=None)),
        (member, topology.EVENTS_EXCHANGE, own_key, contact, props(contact)),  # a type under another type's key
        (admin, "", samk_queue, through_admin, props(through_admin, user_id="guest")),
    ]
    for url, exchange, key, envelope, properties in accepted:
        assert refused(url, exchange, key, body(envelope), properties) == 0
    forged = {e.id for *_, e, _ in accepted}
    honest = service_event(sataedu)  # the control: the consumers are running and apply what is genuine
    assert refused(member, topology.EVENTS_EXCHANGE, own_key, body(honest), props(honest)) == 0

    network.start(("samk", "intake", "consumer"), ("verkosto", "reporting", "consumer"))
    samk_operator = network.deployment.operator_url(samk)
    dead = lambda: {d["event_id"] for d in list_dead(samk_operator, f"{samk}.intake")}  # noqa: E731
    eventually(lambda: honest.id in network.inbox("samk", "intake"), timeout=180,
               message="samk applied the genuine event")
    eventually(lambda: honest.id in network.inbox("verkosto", "reporting"), timeout=180,
               message="reporting applied it")
    eventually(lambda: dead() == forged, timeout=180, message="samk's consumer refused every forgery")
    reporting_operator = network.deployment.operator_url(verkosto)
    # Reporting is bound to the service events, not to contacts: the contact addressed to samk is discarded;
    # the message put straight into samk's queue never reached reporting.
    eventually(lambda: {d["event_id"] for d in list_dead(reporting_operator, f"{verkosto}.reporting")}
               == forged - {contact.id, through_admin.id}, timeout=180,
               message="reporting refused the forgeries routed to it")

    # Another organisation's operator may not touch them.
    from click.testing import CliRunner

    from services.cli import main

    attempt = CliRunner().invoke(main, ["dead-letters", "replay", "intake"], env={
        "AMQP_URL": network.deployment.service_url(samk, "intake"), "KAMPUS_ORG": samk,
        "AMQP_OPERATOR_URL": network.deployment.operator_url(sataedu),
        "INTAKE_DATABASE_URL": network.databases[(samk, "intake")]})
    assert attempt.exit_code == 1 and "run it as the organisation's operator" in attempt.output
    assert dead() == forged
    # Replay keeps each dead letter's broker-validated sender, and the consumer refuses them again.
    assert replay(samk_operator, f"{samk}.intake") == len(forged)
    eventually(lambda: dead() == forged, message="the replayed forgeries were refused again", timeout=180)
    for name, service in (("samk", "intake"), ("verkosto", "reporting")):
        assert network.inbox(name, service) & forged == set(), f"{name}.{service} applied a forgery"
    with network.runtime("samk", "intake").db.session() as session:
        stored = set(session.execute(select(intake_services.c.id)).scalars())
    assert stored == {honest.payload["service_id"]}
    with network.runtime("verkosto", "reporting").db.session() as session:
        logged = dict(session.execute(select(raw_events.c.event_id, raw_events.c.organisation)).all())
    assert logged == {honest.id: sataedu}
    senders = {d["event_id"]: d["sender"] for d in list_dead(samk_operator, f"{samk}.intake")}
    assert senders == {as_samk.id: member_user, forged_headers.id: member_user, no_user.id: None,
                       contact.id: member_user, through_admin.id: "guest"}


def test_queues_are_bounded_by_the_generated_policies(broker, amqp_url):
    """A queue nobody consumes dead-letters its oldest events beyond its limit; dead letters are bounded too."""
    described, slugs = tagged_network({"verkosto": ["reporting"], "sataedu": ["intake"]},
                                      queue_limits={"events_max_length": 5, "dead_max_length": 2})
    deployment = deploy(broker, described, amqp_url)
    try:
        sataedu, verkosto = slugs["sataedu"], slugs["verkosto"]
        member = deployment.service_url(sataedu, "intake")
        events = [service_event(sataedu) for _ in range(8)]
        for envelope in events:  # nobody consumes verkosto's reporting queue
            assert refused(member, topology.EVENTS_EXCHANGE, envelope.routing_key, envelope.to_json().encode(),
                           pika.BasicProperties(message_id=envelope.id, user_id=f"{sataedu}.intake")) == 0
        operator = deployment.operator_url(verkosto)
        # Eight into a queue of five: the oldest three were dead-lettered, and the dead-letter queue of two
        # dropped the oldest of those.
        eventually(lambda: [d["event_id"] for d in list_dead(operator, f"{verkosto}.reporting")] == [
            events[1].id, events[2].id], timeout=180, message="the oldest dead-lettered, then dropped")
        assert {d["reason"] for d in list_dead(operator, f"{verkosto}.reporting")} == {"maxlen"}
        vhost = amqp_url.rsplit("/", 1)[1]
        listed = broker.rabbitmqctl("list_queues", "-p", vhost, "name", "policy", "--no-table-headers", "--quiet")
        policies = dict(line.split() for line in listed.splitlines() if line.strip())
        assert policies[f"{verkosto}.reporting.events"] == "kampus-events-limits"
        assert policies[f"{verkosto}.reporting.dead"] == "kampus-dead-limits"
        connection = pika.BlockingConnection(parameters(amqp_url))
        try:
            depth = {q: connection.channel().queue_declare(q, passive=True).method.message_count
                     for q in (f"{verkosto}.reporting.events", f"{verkosto}.reporting.dead")}
        finally:
            connection.close()
        assert depth == {f"{verkosto}.reporting.events": 5, f"{verkosto}.reporting.dead": 2}
    finally:
        remove(broker, deployment)


def test_an_administrator_declares_the_topology_once_from_the_network_file(amqp_url, tmp_path):
    """`kampus rabbitmq declare`: the queues, bindings and dead-lettering, for brokers where definitions are
    not imported (users, permissions and limits come with the definitions only)."""
    import yaml
    from click.testing import CliRunner

    from services.cli import main

    path = tmp_path / "network.yaml"
    path.write_text(yaml.safe_dump({"organisations": {
        "verkosto": {"name": "Verkosto", "kind": "development_organisation",
                     "hosts": {"reporting": "http://net.example/reporting/"}},
        "sataedu": {"name": "Sataedu", "kind": "educational_institution", "member": True,
                    "hosts": {"intake": "http://sataedu.example/"}},
        "samk": {"name": "SAMK", "kind": "educational_institution", "member": True,
                 "hosts": {"intake": "http://samk.example/"}}}}), encoding="utf-8")
    result = CliRunner().invoke(main, ["rabbitmq", "declare", "--network", str(path), "--url", amqp_url])
    assert result.exit_code == 0, result.output
    connection = pika.BlockingConnection(parameters(amqp_url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        event = service_event("samk")
        channel.basic_publish(topology.EVENTS_EXCHANGE, event.routing_key, event.to_json().encode(),
                              pika.BasicProperties(message_id=event.id), mandatory=True)
        depth = {q: channel.queue_declare(q, passive=True).method.message_count for q in (
            "sataedu.intake.events", "samk.intake.events", "verkosto.reporting.events", "verkosto.reporting.dead")}
        assert depth == {"sataedu.intake.events": 1, "samk.intake.events": 1, "verkosto.reporting.events": 1,
                         "verkosto.reporting.dead": 0}
        method, _props, _body = channel.basic_get("verkosto.reporting.events")
        channel.basic_nack(method.delivery_tag, requeue=False)  # what a consumer refuses, the broker dead-letters
        eventually(lambda: channel.queue_declare("verkosto.reporting.dead", passive=True).method.message_count == 1,
                   message="dead-lettered into the consumer's own dead-letter queue", timeout=180)
        with pytest.raises(pika.exceptions.ChannelClosedByBroker):  # no queue for an intake nobody runs
            connection.channel().queue_declare("verkosto.intake.events", passive=True)
    finally:
        connection.close()
