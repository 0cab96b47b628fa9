"""Every service logs reads of a client's personal data, exports and user administration in its own audit store
(the demo network: its clients, environments, suggestions and reports)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from demo import clients as demo_clients
from services.intake.db import competence_needs
from services.intake.handlers import partners
from services.intake.handlers.contacts import keep_contact
from tests.support import network as net
from tests.support.factories import audit_entries

HTML = {"Accept": "text/html"}
CLIENT = "7d1f2c1e-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    built = net.build(tmp_path_factory.mktemp("audit-reads"))
    try:
        assert demo_clients.seed(built)
        assert built.settle()
        yield built
    finally:
        built.shutdown()


def user_id(network, username: str) -> str:
    return network.identity.get(username).id


def runtime(network, service: str):
    return network.portal if service == "portal" else network.runtimes[service]


def last_seq(network, service: str) -> int:
    return max((e["seq"] for e in audit_entries(runtime(network, service))), default=0)


def logged(network, service: str, username: str, object_type: str, action: str = "read", after: int = 0) -> list:
    """The entries of `username`'s action on `object_type` in the service's store (after entry `after`)."""
    return [e for e in audit_entries(runtime(network, service)) if e["actor"] == user_id(network, username)
            and e["object_type"] == object_type and e["action"] == action and e["seq"] > after]


def test_the_client_card_in_intake(network):
    manager = net.client_as(network, "manager1")
    before = last_seq(network, "intake")
    listed_page = manager.get("/intake/api/v1/clients?per_page=5").get_json()["items"]
    client = listed_page[0]
    assert manager.get(f"/intake/clients/{client['id']}", headers=HTML).status_code == 200
    [card] = logged(network, "intake", "manager1", "client_card", after=before)
    assert (card["subject_ids"], card["purpose"], card["organisation"]) == ([client["id"]], "guidance", "sataedu")
    [listed] = logged(network, "intake", "manager1", "client_list", after=before)  # one entry for the page
    assert listed["subject_ids"] == [c["id"] for c in listed_page]


@pytest.mark.parametrize("language, shown, absent", [
    ("fi", ["palveluohjaus", "asiakaskortti", "luettu"], ["service guidance", "viewing the client card"]),
    ("sv", ["servicehandledning", "klientkort", "läst"], ["service guidance", "palveluohjaus"]),
    ("en", ["service guidance", "client card"], ["palveluohjaus"])])
def test_the_card_names_the_trails_codes_in_the_readers_language(network, language, shown, absent):
    manager = net.client_as(network, "manager1")
    client = manager.get("/intake/api/v1/clients?per_page=1").get_json()["items"][0]
    page = manager.get(f"/intake/clients/{client['id']}", headers={**HTML, "Accept-Language": language})
    text = page.get_data(as_text=True)
    trail = text[text.index('id="audit-title"'):]
    assert all(word in trail for word in shown), shown
    assert not any(word in trail for word in absent)


def test_an_environments_team_in_environments(network):
    manager = net.client_as(network, "manager1")
    before = last_seq(network, "environments")
    shown: set[str] = set()
    for environment in manager.get("/environments/api/v1/environments").get_json():
        team = manager.get(f"/environments/api/v1/environments/{environment['id']}").get_json()["team"]
        shown |= {p["client_id"] for p in team if p["level"] == "full"}
    assert shown, "the demo has manager1's own clients in environments"
    entries = logged(network, "environments", "manager1", "participants", after=before)
    assert shown <= {s for e in entries for s in e["subject_ids"]}
    assert {e["purpose"] for e in entries} == {"environment"}


def test_suggestions_in_matching(network):
    manager = net.client_as(network, "manager1")
    before = last_seq(network, "matching")
    items = manager.get("/matching/api/v1/suggestions?per_page=10").get_json()["items"]
    assert items
    [entry] = logged(network, "matching", "manager1", "suggestions", after=before)
    assert entry["subject_ids"] == list(dict.fromkeys(i["client_id"] for i in items))
    assert sorted(entry["object_ids"]) == sorted(i["id"] for i in items)


def test_a_report_download_in_reporting(network):
    coordinator = net.client_as(network, "coordinator")
    assert coordinator.get("/reporting/workbook.xlsx").status_code == 200
    [entry] = logged(network, "reporting", "coordinator", "report", action="export")
    assert (entry["purpose"], entry["detail"]["report"], entry["detail"]["format"]) == (
        "funder_reporting", "workbook", "xlsx")


def test_user_administration_in_the_portal(network):
    admin = net.client_as(network, "admin")
    assert admin.get("/admin/users", headers=HTML).status_code == 200
    [entry] = logged(network, "portal", "admin", "user_account")
    assert user_id(network, "manager1") in entry["object_ids"]


def test_a_partner_seeing_shared_contacts_in_intake(network):
    intake = network.runtimes["intake"]
    with intake.db.session() as session:
        partner_row = partners.partner_of_organisation(session, "konepaja-virtanen")
        need_id = session.execute(select(competence_needs.c.id).where(
            competence_needs.c.partner_id == partner_row.id)).scalars().first()
    with intake.work() as work:  # a contact shared with the partner (as intake.contact.shared brings it)
        keep_contact(work, {"need_id": need_id, "client_id": CLIENT, "partner_id": partner_row.id,
                            "name": "Aino Esimerkki", "email": None, "phone": None}, "samk")
    partner = net.client_as(network, "partner1")
    assert partner.get("/intake/my/needs", headers=HTML).status_code == 200
    entries = logged(network, "intake", "partner1", "contact_details")
    [entry] = [e for e in entries if e["organisation"] == "samk"]  # the demo's Joona, shared by Sataedu, besides
    assert (entry["subject_ids"], entry["organisation"], entry["purpose"]) == ([CLIENT], "samk", "contact_sharing")
    assert {e["organisation"] for e in entries} == {"samk", "sataedu"}


def test_every_store_verifies(network):
    for name, service in {**network.runtimes, "portal": network.portal}.items():
        result = service.audit.verify()
        assert result.ok, (name, result)
