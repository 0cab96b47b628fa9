"""RabbitMQ definitions generated from the network file: least privilege, no orphan queue, bounded queues."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from services.cli import main
from shared import network
from shared.bus.definitions import definitions, password_variable

ROOT = Path(__file__).resolve().parents[3]
DEMO = network.load(ROOT / "deploy" / "network.yaml")
PUBLISHERS = ["samk.intake", "sataedu.intake", "verkosto.environments", "verkosto.matching", "verkosto.reporting"]
SERVICE_USERS = [*PUBLISHERS, "verkosto.portal"]  # the portal consumes (people's notifications), publishes nothing
OPERATORS = ["samk.operator", "sataedu.operator", "verkosto.operator"]


def by_user(entries: list[dict]) -> dict[str, dict]:
    return {e["user"]: e for e in entries}


def test_the_checked_in_definitions_are_the_demo_networks():
    generated = json.dumps(definitions(DEMO), indent=2, sort_keys=True)
    checked_in = (ROOT / "deploy" / "rabbitmq" / "definitions.json").read_text(encoding="utf-8").strip()
    assert checked_in == generated, "run `make definitions`"


def test_a_user_for_each_running_service_and_an_operator_for_each_host_and_no_administrator():
    doc = definitions(DEMO)
    users = {u["name"]: u["tags"] for u in doc["users"]}
    assert sorted(users) == sorted(SERVICE_USERS + OPERATORS)
    assert {users[u] for u in SERVICE_USERS} == {""}
    assert {users[u] for u in OPERATORS} == {"impersonator"}  # replays keep the original sender
    assert doc["vhosts"] == [{"name": "kampus"}]


def test_the_portal_reads_its_own_queue_and_may_publish_nothing():
    doc = definitions(DEMO)
    permissions, topics = by_user(doc["permissions"]), by_user(doc["topic_permissions"])
    p = permissions["verkosto.portal"]
    assert [x for x in ("kampus.events", "kampus.dead", "kampus.replay", "amq.default", "amq.topic")
            if re.search(p["write"], x)] == []
    assert [q["name"] for q in doc["queues"] if re.search(p["read"], q["name"])] == ["verkosto.portal.events"]
    assert not re.search(topics["verkosto.portal"]["write"], "verkosto.intake.referral.sent")


def test_no_queue_for_a_service_that_nobody_runs():
    queues = sorted(q["name"] for q in definitions(DEMO)["queues"])
    assert queues == sorted(f"{c}.{kind}" for c in SERVICE_USERS for kind in ("events", "dead"))
    assert "verkosto.intake.events" not in queues  # the network runs no intake of its own


def test_a_service_may_publish_its_own_organisations_events_and_read_its_own_queue_only():
    doc = definitions(DEMO)
    permissions, topics = by_user(doc["permissions"]), by_user(doc["topic_permissions"])
    for user in PUBLISHERS:
        org = user.split(".")[0]
        p = permissions[user]
        assert p["configure"] == "^$"
        assert [x for x in ("kampus.events", "kampus.dead", "kampus.replay", "amq.default", "amq.topic")
                if re.search(p["write"], x)] == ["kampus.events"]
        readable = [q["name"] for q in doc["queues"] if re.search(p["read"], q["name"])]
        assert readable == [f"{user}.events"]
        assert topics[user]["exchange"] == "kampus.events"
        assert re.search(topics[user]["write"], f"{org}.intake.client.registered")
        other = "samk" if org != "samk" else "sataedu"
        assert not re.search(topics[user]["write"], f"{other}.intake.client.registered")
        assert not re.search(topics[user]["write"], f"{org}x.intake.client.registered")


def test_an_operator_reads_and_replays_its_own_organisations_dead_letters_only():
    doc = definitions(DEMO)
    permissions, topics = by_user(doc["permissions"]), by_user(doc["topic_permissions"])
    p, topic = permissions["verkosto.operator"], topics["verkosto.operator"]
    assert p["configure"] == "^$"
    assert [x for x in ("kampus.events", "kampus.dead", "kampus.replay", "amq.default") if re.search(p["write"], x)] \
        == ["kampus.replay"]
    assert sorted(q["name"] for q in doc["queues"] if re.search(p["read"], q["name"])) == [
        "verkosto.environments.dead", "verkosto.matching.dead", "verkosto.portal.dead", "verkosto.reporting.dead"]
    assert topic["exchange"] == "kampus.replay"
    assert [c for c in SERVICE_USERS if re.search(topic["write"], c)] == [
        "verkosto.environments", "verkosto.matching", "verkosto.reporting", "verkosto.portal"]


def test_only_the_broker_dead_letters_and_each_queue_is_bound_for_replays():
    doc = definitions(DEMO)
    exchanges = {x["name"]: x for x in doc["exchanges"]}
    assert exchanges["kampus.dead"]["internal"] is True  # no client may publish to it
    assert exchanges["kampus.events"]["internal"] is False and exchanges["kampus.events"]["type"] == "topic"
    assert "kampus.retry" not in exchanges
    queues = {q["name"]: q for q in doc["queues"]}
    bindings = {(b["source"], b["destination"], b["routing_key"]) for b in doc["bindings"]}
    for consumer in SERVICE_USERS:
        assert queues[f"{consumer}.events"]["arguments"] == {
            "x-queue-type": "quorum", "x-dead-letter-exchange": "kampus.dead", "x-dead-letter-routing-key": consumer}
        assert ("kampus.dead", f"{consumer}.dead", consumer) in bindings
        assert ("kampus.replay", f"{consumer}.events", consumer) in bindings
    contact = sorted((d, k) for s, d, k in bindings if "contact" in k)
    assert contact == [("samk.intake.events", "*.intake.contact.shared.samk"),
                       ("sataedu.intake.events", "*.intake.contact.shared.sataedu"),
                       ("verkosto.matching.events", "*.intake.contact.disclosed")]  # the fact alone, for matching
    notes = {(d, k) for s, d, k in bindings if "referral_note" in k}
    assert notes == {(f"{org}.intake.events", f"*.intake.referral_note.{verb}.{org}")
                     for org in ("sataedu", "samk") for verb in ("shared", "erased")}
    messages = {(d, k) for s, d, k in bindings if "referral_message" in k}  # to its one recipient, nobody else
    assert messages == {(f"{org}.intake.events", f"*.intake.referral_message.posted.{org}")
                        for org in ("sataedu", "samk")}
    environment = {(d, k) for s, d, k in bindings if "environment_message" in k}  # to the members' intakes alone
    assert environment == {(f"{org}.intake.events", f"*.intake.environment_message.{verb}.{org}")
                           for org in ("sataedu", "samk") for verb in ("posted", "erased")}


def test_every_queue_is_bounded_by_exactly_one_policy():
    limits = network.QueueLimits(events_max_length=5000, events_max_age_hours=48, dead_max_length=700,
                                 dead_max_age_hours=24)
    doc = definitions(network.Network(DEMO.organisations, "kampus", limits))
    policies = {p["name"]: p for p in doc["policies"]}
    assert policies["kampus-events-limits"]["definition"] == {
        "max-length": 5000, "overflow": "drop-head", "message-ttl": 48 * 3600 * 1000, "delivery-limit": 1000}
    assert policies["kampus-dead-limits"]["definition"] == {
        "max-length": 700, "overflow": "drop-head", "message-ttl": 24 * 3600 * 1000}
    for queue in doc["queues"]:
        matching = [p["name"] for p in doc["policies"] if re.search(p["pattern"], queue["name"])]
        expected = "kampus-dead-limits" if queue["name"].endswith(".dead") else "kampus-events-limits"
        assert matching == [expected], queue["name"]


def test_every_event_type_of_the_catalogue_reaches_some_queue_of_the_demo_network():
    from shared.events.catalogue import REGISTRY

    bound = {t for types in DEMO.consumers().values() for t in types}
    assert [spec.type for spec in REGISTRY if spec.type not in bound] == []


def test_the_vhost_is_chosen_when_generating():
    doc = definitions(DEMO, vhost="kampus-test")
    for section in ("permissions", "topic_permissions", "exchanges", "queues", "bindings", "policies"):
        assert {e["vhost"] for e in doc[section]} == {"kampus-test"}, section
    assert doc["vhosts"] == [{"name": "kampus-test"}]


def password_of(user: dict, password: str) -> bool:
    raw = base64.b64decode(user["password_hash"])
    return raw[4:] == hashlib.sha256(raw[:4] + password.encode()).digest()


def test_passwords_come_from_the_environment_or_a_secrets_file(monkeypatch, tmp_path):
    runner = CliRunner()
    network_file = str(ROOT / "deploy" / "network.yaml")
    for name in SERVICE_USERS + OPERATORS:
        monkeypatch.delenv(password_variable(name), raising=False)
    missing = runner.invoke(main, ["rabbitmq", "definitions", "--network", network_file, "--passwords-from-env"])
    assert missing.exit_code == 2 and "AMQP_PASSWORD_" in missing.output
    for name in SERVICE_USERS + OPERATORS:
        monkeypatch.setenv(password_variable(name), "env-" + name)
    result = runner.invoke(main, ["rabbitmq", "definitions", "--network", network_file, "--passwords-from-env",
                                  "--vhost", "other"])
    assert result.exit_code == 0, result.output
    users = {u["name"]: u for u in json.loads(result.output)["users"]}
    assert password_of(users["sataedu.intake"], "env-sataedu.intake")
    assert password_variable("sataedu.operator") == "AMQP_PASSWORD_SATAEDU_OPERATOR"

    secrets = tmp_path / ".env"
    secrets.write_text("# compose's .env\n" + "".join(f"{password_variable(n)}=file-{n}\n"
                                                       for n in SERVICE_USERS + OPERATORS), encoding="utf-8")
    result = runner.invoke(main, ["rabbitmq", "definitions", "--network", network_file, "--secrets-file", str(secrets)])
    assert result.exit_code == 0, result.output
    users = {u["name"]: u for u in json.loads(result.output)["users"]}
    assert password_of(users["samk.operator"], "file-samk.operator")
    assert not password_of(users["samk.operator"], "env-samk.operator")
    secrets.write_text(f"{password_variable('samk.intake')}=only-one\n", encoding="utf-8")
    partial = runner.invoke(main, ["rabbitmq", "definitions", "--network", network_file,
                                   "--secrets-file", str(secrets)])
    assert partial.exit_code == 2 and "is not set" in partial.output


def test_development_placeholders_are_reproducible():
    first, second = definitions(DEMO), definitions(DEMO)
    assert first == second
    users = {u["name"]: u for u in first["users"]}
    assert password_of(users["sataedu.intake"], "sataedu.intake-change-me")


@pytest.mark.parametrize("args", [["--passwords-from-env", "--secrets-file", "x"], ["--network", "nowhere.yaml"]])
def test_the_command_refuses_conflicting_or_missing_inputs(args):
    result = CliRunner().invoke(main, ["rabbitmq", "definitions", *args])
    assert result.exit_code == 2


def test_declaring_needs_an_administrators_url(monkeypatch):
    monkeypatch.delenv("AMQP_ADMIN_URL", raising=False)
    result = CliRunner().invoke(main, ["rabbitmq", "declare", "--network", str(ROOT / "deploy" / "network.yaml")])
    assert result.exit_code == 2 and "AMQP_ADMIN_URL" in result.output

