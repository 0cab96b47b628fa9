"""Student accounts (issue 17, item 6): a manager invites a client, the student takes the login into use with a
one-time code, the manager sees its state, sends a new code or disables it; the same from the client card,
the API and `kampus users invite`; the invitation e-mail through a real (local) SMTP server.

On SQLite and on PostgreSQL (the portal's identity store).
"""
from __future__ import annotations

import re
import socket
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from services.cli import main as kampus
from services.portal.db import invitations
from services.portal.handlers.identity import now
from shared import clock
from tests.support import erasure
from tests.support import network as net

pytestmark = pytest.mark.integration
API = "/api/v1/student-accounts"
HTML = {"Accept": "text/html"}
CODE = re.compile(r"[3-9A-Y]{4}-[3-9A-Y]{4}-[3-9A-Y]{4}-[3-9A-Y]{4}")


network = net.network_per_test("portal")


def register(network, manager="manager1", first="Aino", last="Virtanen", email=None) -> str:
    body = {"first_name": first, "last_name": last, "birth_date": "2004-03-01", "home_municipality": "609",
            "consents": {}}
    if email:
        body["email"] = email
    answer = net.client_as(network, manager).post("/intake/api/v1/clients", json=body)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def welcome(network, code: str, password: str | None = None):
    """The welcome page's form, posted as a browser would (with the page's CSRF token)."""
    from werkzeug.test import Client

    browser = Client(network.wsgi)
    page = browser.get("/welcome", headers=HTML)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True)).group(1)
    form = {"csrf_token": token, "code": code}
    if password is not None:
        form.update(new=password, repeat=password)
    return browser, browser.post("/welcome", data=form, headers=HTML)


def test_an_invited_student_sets_a_password_with_the_code_once_and_lands_on_their_own_page(network):
    client_id = register(network)
    manager = net.client_as(network, "manager1")
    assert manager.get(f"{API}/{client_id}").get_json()["state"] == "none"
    answer = manager.post(API, json={"client_id": client_id, "display_name": "Aino Virtanen"})
    assert answer.status_code == 201, answer.get_json()
    invited = answer.get_json()
    assert invited["state"] == "invited" and invited["username"] == "aino.virtanen" and not invited["emailed"]
    code = invited["code"]
    assert CODE.fullmatch(code)
    with network.portal.db.session() as session:  # only a keyed hash is kept
        stored = session.execute(select(invitations.c.code_hash)).scalars().all()
    assert len(stored) == 1 and code not in stored[0] and code.replace("-", "") not in stored[0]

    _browser, step = welcome(network, code.lower().replace("-", " "))  # typed from paper, any case or spacing
    assert step.status_code == 200 and "aino.virtanen" in step.get_data(as_text=True)
    browser, done = welcome(network, code, "oma-salasana-42")
    assert done.status_code == 303 and done.headers["Location"].endswith("/intake/me")
    own = browser.get("/intake/me", headers=HTML)
    assert own.status_code == 200 and "Aino" in own.get_data(as_text=True)
    user = network.identity.get("aino.virtanen")
    assert user.client_id == client_id and user.roles == ("student",) and user.organisation == "sataedu"
    assert network.identity.authenticate("aino.virtanen", "oma-salasana-42", "test") is not None
    assert manager.get(f"{API}/{client_id}").get_json() == {"state": "active", "username": "aino.virtanen",
                                                             "expires_at": None}
    _browser, again = welcome(network, code, "toinen-salasana-42")  # a code counts once
    assert again.status_code == 422
    assert network.identity.authenticate("aino.virtanen", "toinen-salasana-42", "test") is None


def test_a_new_code_voids_the_old_one_an_expired_code_is_refused_and_disabling_stops_the_login(network):
    client_id = register(network)
    manager = net.client_as(network, "manager1")
    first = manager.post(API, json={"client_id": client_id, "display_name": "Aino Virtanen"}).get_json()["code"]
    assert manager.post(API, json={"client_id": client_id, "display_name": "Aino V"}).status_code == 409
    second = manager.post(f"{API}/{client_id}/resend").get_json()["code"]
    assert second != first
    assert welcome(network, first, "oma-salasana-42")[1].status_code == 422
    with network.portal.db.transaction() as session:
        session.execute(update(invitations).values(expires_at=now() - timedelta(minutes=1)))
    assert welcome(network, second, "oma-salasana-42")[1].status_code == 422
    third = manager.post(f"{API}/{client_id}/resend").get_json()["code"]
    assert welcome(network, third, "oma-salasana-42")[1].status_code == 303
    assert manager.post(f"{API}/{client_id}/resend").status_code == 409  # in use: no new code
    disabled = manager.post(f"{API}/{client_id}/disable")
    assert disabled.status_code == 200 and disabled.get_json()["state"] == "disabled"
    assert network.identity.authenticate("aino.virtanen", "oma-salasana-42", "test") is None


def test_only_the_clients_own_organisations_managers_see_or_change_its_login(network):
    client_id = register(network)
    manager = net.client_as(network, "manager1")
    manager.post(API, json={"client_id": client_id, "display_name": "Aino Virtanen"})
    other = net.client_as(network, "manager3")  # WinNova's manager
    assert other.post(API, json={"client_id": client_id, "display_name": "Aino Virtanen"}).status_code == 404
    assert other.get(f"{API}/{client_id}").get_json()["state"] == "none"
    assert other.post(f"{API}/{client_id}/resend").status_code == 404
    assert other.post(f"{API}/{client_id}/disable").status_code == 404
    for username in ("student1", "partner1", "coordinator", "admin"):
        someone = net.client_as(network, username)
        assert someone.get(f"{API}/{client_id}").status_code == 403, username
        assert someone.post(API, json={"client_id": client_id, "display_name": "X"}).status_code == 403, username
    assert manager.get(f"{API}/{client_id}").get_json()["state"] == "invited"


def test_wrong_codes_are_limited_per_address(network):
    for _ in range(30):
        assert welcome(network, "AAAA-BBBB-CCCC-DDDD")[1].status_code == 422
    assert welcome(network, "AAAA-BBBB-CCCC-DDDD")[1].status_code == 429


def test_the_client_card_invites_and_shows_a_printable_code_once(network):
    from werkzeug.test import Client

    client_id = register(network)
    token = net.token_for(network, "manager1")
    browser = Client(network.wsgi)
    browser.set_cookie("kampus_token", token)
    card = browser.get(f"/intake/clients/{client_id}", headers=HTML).get_data(as_text=True)
    assert "account-title" in card and "/account/invite" in card
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', card).group(1)
    letter = browser.post(f"/intake/clients/{client_id}/account/invite", data={"csrf_token": csrf}, headers=HTML)
    text = letter.get_data(as_text=True)
    assert letter.status_code == 200
    code = CODE.search(text).group(0)
    assert "aino.virtanen" in text and "/welcome" in text
    card = browser.get(f"/intake/clients/{client_id}", headers=HTML).get_data(as_text=True)
    assert "/account/resend" in card and code not in card
    assert welcome(network, code, "oma-salasana-42")[1].status_code == 303


def test_the_command_line_prints_a_code_for_a_client_without_e_mail(tmp_path, monkeypatch):
    (tmp_path / "net").mkdir()
    network = net.build(tmp_path / "net")  # SQLite: the command opens the store of the environment's settings
    try:
        command_line_invitation(network, tmp_path, monkeypatch)
    finally:
        network.shutdown()


def command_line_invitation(network, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_DATABASE_URL", network.portal.config.database_url)
    monkeypatch.setenv("KAMPUS_DATA_DIR", str(tmp_path / "cli"))
    monkeypatch.setenv("SECRET_KEY", network.portal.config.secret_key)  # the codes' hashes are keyed with it
    client_id = register(network)
    result = CliRunner().invoke(kampus, ["users", "invite", client_id, "--org", "sataedu", "--name", "Aino Virtanen"])
    assert result.exit_code == 0, result.output
    code = CODE.search(result.output).group(0)
    assert "aino.virtanen" in result.output
    again = CliRunner().invoke(kampus, ["users", "invite", client_id, "--org", "sataedu", "--name", "Aino Virtanen"])
    assert again.exit_code != 0
    assert welcome(network, code, "oma-salasana-42")[1].status_code == 303
    assert net.client_as(network, "manager1").get(f"{API}/{client_id}").get_json()["state"] == "active"


def test_with_a_mail_server_the_link_goes_by_e_mail_and_the_code_is_not_shown(tmp_path, capsys):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(message)

    with socket.socket() as probe:  # a free port (aiosmtpd's controller cannot take port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Controller(Keep(), hostname="127.0.0.1", port=port)
    server.start()
    try:
        from demo import identity as demo
        from shared import embedded

        configs = net.configs(tmp_path)
        configs["portal"] = configs["portal"].with_(smtp_host="127.0.0.1", smtp_port=str(port),
                                                    portal_url="https://kampus.example/")
        network = embedded.build(configs)
        demo.seed(network.identity)
        try:
            client_id = register(network, email="aino@example.fi")
            manager = net.client_as(network, "manager1")
            answer = manager.post(API, json={"client_id": client_id, "display_name": "Aino Virtanen",
                                             "email": "aino@example.fi", "locale": "fi"}).get_json()
            assert answer["emailed"] is True and answer["code"] is None and answer["username"] == "aino@example.fi"
            for _ in range(50):
                if received:
                    break
                time.sleep(0.05)
            assert len(received) == 1 and received[0]["To"] == "aino@example.fi"
            body = received[0].get_payload(decode=True).decode()
            link = re.search(r"https://kampus\.example/welcome#code=(\S+)", body)
            assert link is not None and CODE.fullmatch(link.group(1))
            assert link.group(1) not in capsys.readouterr().out  # never in the logs
            assert welcome(network, link.group(1), "oma-salasana-42")[1].status_code == 303
        finally:
            network.shutdown()
    finally:
        server.stop()


def test_erasing_the_client_removes_their_login(network):
    client_id = register(network)
    manager = net.client_as(network, "manager1")
    code = manager.post(API, json={"client_id": client_id}).get_json()["code"]  # the name from the record
    assert welcome(network, code, "oma-salasana-42")[1].status_code == 303
    erased = erasure.erase(erasure.via(manager), client_id)  # the request's erasure decision, carried out
    assert erased.status_code == 200 and erased.get_json()["result"] == "erased", erased.get_json()
    assert network.identity.get("aino.virtanen") is None
    assert manager.get(f"{API}/{client_id}").get_json()["state"] == "none"


@pytest.fixture(params=["sqlite", "postgresql"])
def intake_and_portal(request, tmp_path):
    """The network with intake and the portal on SQLite, or both on PostgreSQL."""
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    urls = {name: postgres.create_database() for name in ("intake", "portal")} if postgres else {}
    built = net.build(tmp_path, database_urls=urls or None)
    try:
        yield built
    finally:
        built.shutdown()
        for url in urls.values():
            postgres.drop_database(url)


def test_the_retention_jobs_anonymisation_removes_the_clients_login_too(intake_and_portal):

    from services.intake.handlers.gdpr import anonymise_closed
    from tests.support.factories import audit_entries

    network = intake_and_portal
    client_id, kept_id = register(network), register(network, first="Eero", last="Laine")
    manager = net.client_as(network, "manager1")
    for who in (client_id, kept_id):
        code = manager.post(API, json={"client_id": who}).get_json()["code"]
        assert welcome(network, code, "oma-salasana-42")[1].status_code == 303
    closed = manager.post(f"/intake/api/v1/clients/{client_id}/close", json={})  # closed today
    assert closed.status_code == 200, closed.get_json()
    network.settle()
    assert network.identity.get("aino.virtanen") is not None  # closing alone keeps the login

    # the job runs without a request or a token: the event carries the erasure to the portal
    assert anonymise_closed(network.runtimes["intake"], 30, today=clock.today() + timedelta(days=31)) == 1
    assert network.settle()
    assert network.identity.get("aino.virtanen") is None
    assert manager.get(f"{API}/{client_id}").get_json()["state"] == "none"
    assert network.identity.get("eero.laine") is not None  # the other client's login stays
    removal = [e for e in audit_entries(network.portal, client_id) if e["object_type"] == "user_account"][-1]
    assert (removal["action"], removal["purpose"], removal["actor"]) == ("erase", "erasure", None)
