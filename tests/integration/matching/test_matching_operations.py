"""`kampus matching ...` on the embedded network's database: the digest through a local SMTP server,
rebuild, evaluate and the fairness report."""
from __future__ import annotations

import email
import re
import socketserver
import threading
import uuid
from email import policy

import pytest
from click.testing import CliRunner

from services.cli import main
from shared.reference import esco
from tests.support import network as net

pytestmark = pytest.mark.integration
INTAKE, MATCHING = "/intake/api/v1", "/matching/api/v1"


class _SmtpSession(socketserver.StreamRequestHandler):
    """Just enough SMTP to receive messages: every command is OK, DATA is stored."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 sink ESMTP")
        while line := self.rfile.readline():
            command = line[:4].upper()
            if command in (b"EHLO", b"HELO"):
                self.reply("250 sink")
            elif command == b"DATA":
                self.reply("354 end with .")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    body.append(data[1:] if data.startswith(b"..") else data)
                self.server.messages.append(email.message_from_bytes(b"".join(body), policy=policy.default))
                self.reply("250 queued")
            elif command == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpSession)
        self.messages: list = []


@pytest.fixture
def smtp():
    server = SmtpSink()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


network = net.module_network("operations")


@pytest.fixture
def kampus(network, monkeypatch):
    """Run `kampus ...` against the network's matching database."""
    monkeypatch.setenv("MATCHING_DATABASE_URL", network.runtimes["matching"].config.database_url)

    def run(*args: str):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return run


UUID_PART = re.compile(r"\b[0-9a-f]{8}\b|[0-9a-f]{8}-[0-9a-f]{4}-")


def register_and_publish(network, skill: str, title: str) -> str:
    manager = net.client_as(network, "manager1")
    client = manager.post(f"{INTAKE}/clients", json={
        "first_name": "Saara" + uuid.uuid4().hex[:6], "last_name": "Salo", "birth_date": "2001-01-01",
        "home_municipality": "214", "consents": {"service": True, "profile_sharing": True}}).get_json()["id"]
    manager.put(f"{INTAKE}/clients/{client}/profile", json={"municipalities": ["214"], "languages": ["fi"],
                                                            "service_areas": ["pohjois-satakunta"]})
    manager.post(f"{INTAKE}/clients/{client}/profile/skills", json={"skill_uri": skill, "level": 4, "evidence": "self"})
    partner = manager.post(f"{INTAKE}/partners", json={"name": "Kankaanpään Kone Oy", "kind": "company",
                                                        "municipality": "214"}).get_json()["id"]
    need = manager.post(f"{INTAKE}/competence-needs", json={
        "partner_id": partner, "title": title, "work_type": "part_time", "municipality": "214",
        "languages": ["fi"], "skills": [{"uri": skill, "essential": True, "level": 3}]})
    assert need.status_code == 201, need.get_json()
    assert network.settle()
    return client


def test_the_daily_digest_goes_to_the_managers_who_asked_and_names_no_one(network, smtp, kampus, monkeypatch):
    manager = net.client_as(network, "manager1")
    assert manager.put(f"{MATCHING}/digest", json={"email": "manageri@example.fi", "locale": "fi"}).status_code == 200
    other = net.client_as(network, "manager3")
    assert other.put(f"{MATCHING}/digest", json={"email": "m3@example.fi"}).status_code == 200
    client = register_and_publish(network, esco.load_taxonomy().uris[1234], "Varastotyöntekijä")
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp.server_address[1]))
    monkeypatch.setenv("SMTP_FROM", "kampus@example.fi")

    output = kampus("matching", "digest")
    assert "1 digests sent" in output
    [message] = smtp.messages
    assert message["To"] == "manageri@example.fi" and message["From"] == "kampus@example.fi"
    assert message["Subject"] == "Sosiaalinen kampus: uusia ehdotuksia (1)"
    body = message.get_content()
    assert "Varastotyöntekijä (Kankaanpään Kone Oy): 1 uusi ehdotus, paras sopivuus" in body, body
    assert "/suggestions" in body and "Saara" not in body
    # no one is named by an id or a pseudonym: not the client's, not the need's
    assert client[:8] not in body and not UUID_PART.search(body), body

    assert "0 digests sent" in kampus("matching", "digest")  # nothing new since
    assert len(smtp.messages) == 1
    assert manager.delete(f"{MATCHING}/digest").get_json()["subscribed"] is False


def test_rebuild_evaluate_and_fairness_from_the_command_line(network, kampus):
    manager = net.client_as(network, "manager1")
    uris = esco.load_taxonomy().uris
    register_and_publish(network, uris[2345], "Kokki")
    register_and_publish(network, uris[3456], "Siivooja")
    items = manager.get(f"{MATCHING}/suggestions", query_string={"status": "new"}).get_json()["items"]
    decided = {}
    for item in items[:2]:
        decision = {"decision": "accept"} if not decided else {"decision": "decline", "reason": "Ei nyt"}
        assert manager.post(f"{MATCHING}/suggestions/{item['id']}/decision", json=decision).status_code == 200
        decided[item["id"]] = decision["decision"]
    assert network.settle()

    output = kampus("matching", "evaluate", "--k", "3")
    assert "needs with decisions      2" in output and "precision@3" in output and "NDCG@10" in output
    assert "suggestions made 0" in kampus("matching", "rebuild")
    report = kampus("matching", "fairness")
    assert "pohjois-satakunta" in report and "<5" in report
    fairness = net.client_as(network, "coordinator").get(f"{MATCHING}/fairness").get_json()
    assert fairness["history"] and fairness["history"][0]["group_kind"] == "service_area"
