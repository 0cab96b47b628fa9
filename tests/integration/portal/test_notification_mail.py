"""E-mail about new notifications through a real local SMTP server (aiosmtpd): at once, as a daily digest, or
not at all, as each user chose on their preferences page; the message tells how many and links to the page,
never what they are about."""
from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import update

from services.portal.config import PortalSettings, SmtpSettings
from services.portal.db import users
from services.portal.handlers.mail import send
from tests.support import network as net
from tests.support.intake_partners import add_client, browser_as, csrf_of, record_service

pytestmark = [pytest.mark.integration, pytest.mark.bases(guidance="consent")]

network = net.module_network("notify-mail")


class Inbox:
    """What the SMTP server received: (recipients, message)."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], object]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.received.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


@pytest.fixture
def smtp():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, PortalSettings(smtp=SmtpSettings(host="127.0.0.1", port=port, sender="kampus@example.fi"),
                                portal_url="https://kampus.example.fi/")
    controller.stop()


@pytest.fixture(scope="module")
def managers(network):
    with network.portal.db.transaction() as session:
        for i in (1, 2, 3):
            session.execute(update(users).where(users.c.username == f"manager{i}")
                            .values(email=f"manager{i}@example.fi"))
    return net.managers(network)


@pytest.fixture(scope="module")
def service(managers):
    return record_service(managers["samk"], "Opintojen ohjaus")["id"]


def refer_to_samk(network, managers, service) -> str:
    client = add_client(network.runtimes["intake"], "sataedu", "Joel", "Salonen")
    response = managers["sataedu"].post("/intake/api/v1/referrals", json={
        "client_id": client, "to_organisation": "samk", "service_id": service, "client_agreed": True})
    assert response.status_code == 201
    assert network.settle()
    return response.get_json()["id"]


def choose(network, username: str, mode: str):
    """Choose an e-mail preference on the page, as a signed-in browser does."""
    browser = browser_as(network, username)
    page = browser.get("/notifications/preferences", headers={"Accept": "text/html"})
    return browser.post("/notifications/preferences", data={"csrf_token": csrf_of(page.text), "email": mode},
                        headers={"Accept": "text/html", "Accept-Language": "fi"})


def test_at_once_the_count_and_the_link_only_once_each(network, managers, service, smtp):
    inbox, settings = smtp
    assert choose(network, "manager2", "immediately").status_code == 303
    assert choose(network, "manager1", "off").status_code == 303
    send(network.portal, settings, digest=False)  # what came before
    inbox.received.clear()
    refer_to_samk(network, managers, service)
    refer_to_samk(network, managers, service)
    sent = send(network.portal, settings, digest=False)
    assert [count for _user, count in sent] == [2]
    [(to, message)] = inbox.received
    assert to == ["manager2@example.fi"]
    assert message["Subject"] == "Sosiaalinen kampus: 2 uutta ilmoitusta"
    body = message.get_content()
    assert "Sinulla on 2 uutta ilmoitusta." in body and "https://kampus.example.fi/notifications" in body
    assert "Joel" not in body and "Salonen" not in body and "Opintojen" not in body
    assert send(network.portal, settings, digest=False) == []  # each notification is e-mailed once


def test_the_digest_goes_to_daily_users_and_off_means_none(network, managers, service, smtp):
    inbox, settings = smtp
    assert choose(network, "manager2", "immediately").status_code == 303
    assert choose(network, "manager1", "daily").status_code == 303
    send(network.portal, settings, digest=True)
    inbox.received.clear()
    referral = refer_to_samk(network, managers, service)
    assert managers["samk"].post(f"/intake/api/v1/referrals/{referral}/accept", json={}).status_code == 200
    assert network.settle()
    send(network.portal, settings, digest=True)
    assert [to for to, _message in inbox.received] == [["manager1@example.fi"]]  # samk's goes at once, not here
    inbox.received.clear()
    assert choose(network, "manager1", "off").status_code == 303
    referral = refer_to_samk(network, managers, service)
    managers["samk"].post(f"/intake/api/v1/referrals/{referral}/decline", json={"reason": "Ei tilaa"})
    assert network.settle()
    assert send(network.portal, settings, digest=True) == [] and inbox.received == []


def test_the_preferences_page_in_three_languages_and_a_bad_choice_named(network, managers):
    for lang, label in (("fi", "Sähköposti uusista ilmoituksista"), ("sv", "E-post om nya aviseringar"),
                        ("en", "E-mail about new notifications")):
        page = managers["winnova"].get("/notifications/preferences", headers={"Accept": "text/html",
                                                                              "Accept-Language": lang})
        assert page.status_code == 200 and label in page.get_data(as_text=True)
    refused = choose(network, "manager3", "hourly")
    assert refused.status_code == 422
    assert "Sähköposti uusista ilmoituksista: Virheellinen valinta" in refused.text
