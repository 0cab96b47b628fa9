"""Rights requests in the embedded network (intake, matching and reporting on SQLite, and on PostgreSQL):
the register and its deadlines, restriction and objection respected by matching and reporting, erasure
decisions per controller kind carried out only by a manager of the client's own organisation."""
from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from services.intake.db import clients
from services.intake.domain.rights import add_months
from services.intake.handlers import erasure, restrictions
from services.intake.handlers.network_export import SourceUnavailable
from services.matching.db import profiles
from services.reporting.db import clients as reporting_clients
from shared import clock
from shared.auth.principal import Principal
from shared.privacy.register import build
from tests.integration.matching.test_matching_network import inbox, publish_need, skills, taxonomy
from tests.support import network as net
from tests.support.intake_partners import record_partner
from tests.support.matching import register_client

pytestmark = pytest.mark.integration
INTAKE = "/intake/api/v1"
RIGHTS = f"{INTAKE}/rights-requests"
__all__ = ["skills", "taxonomy"]  # module fixtures used here


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def network(request, tmp_path_factory, taxonomy):
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    urls = {name: postgres.create_database() for name in ("intake", "matching", "reporting")} if postgres else {}
    network = net.build(tmp_path_factory.mktemp("rights"), database_urls=urls or None)
    yield network
    network.shutdown()
    for url in urls.values():
        postgres.drop_database(url)


@pytest.fixture(scope="module")
def partner(network):
    return record_partner(network, net.client_as(network, "manager1"), name="Konepaja Virtanen Oy", kind="company",
                          business_id="2464491-9", municipality="214", organisation="konepaja-virtanen")["id"]


@pytest.fixture(scope="module")
def manager(network):
    return net.client_as(network, "manager1")


def outbox(network, client_id):
    return [e for e in net.outbox_events(network.runtimes["intake"]) if e["payload"].get("client_id") == client_id]


def new_request(manager, client_id, kind, purpose=None, received_on=None):
    body = {"client_id": client_id, "kind": kind, "received_on": (received_on or clock.today()).isoformat()}
    if purpose:
        body["purpose"] = purpose
    response = manager.post(RIGHTS, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_restriction_of_matching_takes_the_profile_out_until_it_is_lifted(network, manager, partner, skills):
    client = register_client(manager, {skills[5]: 5})
    need_id = publish_need(network, [(skills[5], True, 2)])
    assert network.settle(timeout=60)
    assert [i["client_id"] for i in inbox(network, "manager1", need_id=need_id, status="new")] == [client]

    request = new_request(manager, client, "restriction", "matching")
    decided = manager.post(f"{RIGHTS}/{request['id']}/restriction", json={"reason": "accuracy contested"})
    assert decided.status_code == 200, decided.get_json()
    assert decided.get_json() == {"kind": "restriction", "purpose": "matching", "decision": "restricted"}
    assert network.settle(timeout=60)
    assert inbox(network, "manager1", need_id=need_id, status="new") == []
    [withdrawn] = inbox(network, "manager1", need_id=need_id)
    assert withdrawn["withdrawn_reason"] == "processing_restricted"
    with network.runtimes["matching"].db.session() as session:
        assert session.execute(select(profiles.c.status).where(profiles.c.client_id == client)).scalar() == \
            "restricted"
    event = outbox(network, client)[-1]
    assert event["type"] == "intake.processing.restricted" and event["payload"]["purposes"] == ["matching"]

    # a change of the profile is not shared while matching is restricted
    before = len(outbox(network, client))
    response = manager.post(f"{INTAKE}/clients/{client}/profile/skills",
                            json={"skill_uri": skills[6], "level": 3, "evidence": "self"})
    assert response.status_code == 201
    assert [e["type"] for e in outbox(network, client)[before:]] == []
    assert manager.get(f"{RIGHTS}/{request['id']}").get_json()["state"] == "done"

    principal = Principal(user_id=str(uuid.uuid4()), organisation="sataedu", roles=frozenset({"manager"}))
    with network.runtimes["intake"].work() as work:
        [held] = restrictions.restrictions_of(work.session, client)
        restrictions.lift(work, principal, client, held["id"])
    assert network.settle(timeout=60)
    assert [e["type"] for e in outbox(network, client)[-2:]] == ["intake.processing.restricted",
                                                                 "intake.profile.shared"]
    assert [i["client_id"] for i in inbox(network, "manager1", need_id=need_id, status="new")] == [client]


def test_an_upheld_objection_to_statistics_leaves_the_client_out_of_the_figures(network, manager):
    response = manager.post(f"{INTAKE}/clients", json={
        "first_name": "Eino" + uuid.uuid4().hex[:6], "last_name": "Lahti", "birth_date": "2003-03-03",
        "home_municipality": "214", "gender": "man", "consents": {"service": True, "statistics": True}})
    client = response.get_json()["id"]
    assert network.settle(timeout=60)

    def counted():
        with network.runtimes["reporting"].db.session() as session:
            row = session.execute(select(reporting_clients.c.counted, reporting_clients.c.restricted)
                                  .where(reporting_clients.c.client_id == client)).one()
        return tuple(row)

    assert counted() == (True, False)
    request = new_request(manager, client, "objection", "statistics")
    rejected = manager.post(f"{RIGHTS}/{request['id']}/restriction",
                            json={"upheld": False, "reason": "ESF reporting is a legal obligation"})
    assert rejected.get_json()["decision"] == "rejected"
    assert manager.get(f"{RIGHTS}/{request['id']}").get_json()["state"] == "refused"
    assert network.settle(timeout=60) and counted() == (True, False)

    request = new_request(manager, client, "objection", "statistics")
    upheld = manager.post(f"{RIGHTS}/{request['id']}/restriction", json={"upheld": True, "reason": "particular "
                                                                                                    "situation"})
    assert upheld.get_json()["decision"] == "upheld"
    assert network.settle(timeout=60) and counted() == (False, True)


def test_the_register_puts_overdue_and_near_requests_first_with_their_deadlines(network, manager):
    client = register_client(manager, {}, sharing=False)
    today = clock.today()
    late = new_request(manager, client, "access", received_on=today - timedelta(days=40))
    near = new_request(manager, client, "portability", received_on=today - timedelta(days=27))
    fresh = new_request(manager, client, "rectification", received_on=today)
    assert late["due_on"] == add_months(today - timedelta(days=40), 1).isoformat()
    assert (late["urgency"], near["urgency"], fresh["urgency"]) == ("overdue", "near", "in_time")
    listed = [r["id"] for r in manager.get(RIGHTS).get_json() if r["client_id"] == client]
    assert listed == [late["id"], near["id"], fresh["id"]]
    assert manager.get(RIGHTS).get_json()[0]["urgency"] == "overdue"

    extended = manager.post(f"{RIGHTS}/{late['id']}/extension", json={"extension_reason": "many requests"})
    received = date.fromisoformat(late["received_on"])
    assert extended.get_json()["extended_to"] == add_months(received, 3).isoformat()
    assert extended.get_json()["state"] == "extended"
    again = manager.post(f"{RIGHTS}/{late['id']}/extension", json={"extension_reason": "more"})
    assert again.status_code == 422 and "extension_reason" in again.get_json()["error"]["fields"]
    answered = manager.post(f"{RIGHTS}/{fresh['id']}/answer", json={"state": "done", "decision": "corrected"})
    assert answered.get_json()["urgency"] == "answered"

    bad = manager.post(RIGHTS, json={"client_id": client, "kind": "restriction",
                                     "received_on": (today + timedelta(days=1)).isoformat()})
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"purpose", "received_on"}
    assert net.client_as(network, "manager3").get(f"{RIGHTS}/{late['id']}").status_code == 404


def test_a_public_bodys_erasure_decision_archives_the_record_and_only_its_own_manager_carries_it_out(
        network, manager):
    client = register_client(manager, {}, sharing=False)
    request = new_request(manager, client, "erasure")
    decision = manager.get(f"{RIGHTS}/{request['id']}/erasure-decision").get_json()
    actions = {i["record_type"]: i["action"] for i in decision["items"]}
    assert decision["controller_kind"] == "public_body" and decision["state"] == "proposed"
    assert actions == {"client_record": "archive", "case_notes": "archive", "matching": "erase",
                       "statistics": "keep", "environments": "keep", "audit_log": "keep", "consents": "keep",
                       "rights_requests": "keep"}

    other = net.client_as(network, "manager3")  # another organisation's manager
    assert other.post(f"{RIGHTS}/{request['id']}/erasure-decision").status_code == 404
    student = net.student_client(network, client)
    assert student.post(f"{RIGHTS}/{request['id']}/erasure-decision").status_code == 403
    done = manager.post(f"{RIGHTS}/{request['id']}/erasure-decision")
    assert done.status_code == 200 and done.get_json()["result"] == "archived"
    assert manager.post(f"{RIGHTS}/{request['id']}/erasure-decision").status_code == 409

    with network.runtimes["intake"].db.session() as session:
        row = session.execute(select(clients).where(clients.c.id == client)).one()
    assert row.status == "archived" and row.first_name is not None and row.archived_at is not None
    assert manager.get(f"{INTAKE}/clients/{client}").status_code == 404  # out of daily work
    listed = manager.get(f"{INTAKE}/clients", query_string={"per_page": 100}).get_json()
    assert client not in [c["id"] for c in listed["items"]] and listed["total"] < 100
    types = [e["type"] for e in outbox(network, client)]
    assert "intake.client.erased" not in types and types[-2:] == ["intake.client.closed",
                                                                 "intake.processing.restricted"]
    assert outbox(network, client)[-1]["payload"]["purposes"] == ["contact_sharing", "guidance", "matching",
                                                                  "statistics"]
    assert manager.get(f"{RIGHTS}/{request['id']}").get_json()["state"] == "done"


def test_a_companys_erasure_decision_erases(network, manager, monkeypatch):
    monkeypatch.setattr(erasure, "for_organisation",
                        lambda config, org: build(org, {"controller_kind": "company"}))
    client = register_client(manager, {}, sharing=False)
    request = new_request(manager, client, "erasure")
    decision = manager.get(f"{RIGHTS}/{request['id']}/erasure-decision").get_json()
    actions = {i["record_type"]: i["action"] for i in decision["items"]}
    assert decision["controller_kind"] == "company"
    assert actions == {"client_record": "erase", "case_notes": "erase", "matching": "erase", "statistics": "erase",
                       "environments": "erase", "audit_log": "keep", "consents": "keep", "rights_requests": "keep"}
    assert manager.post(f"{RIGHTS}/{request['id']}/erasure-decision").get_json()["result"] == "erased"
    assert outbox(network, client)[-1]["type"] == "intake.client.erased"
    answered = manager.get(f"{RIGHTS}/{request['id']}").get_json()  # the request stays, without the name
    assert (answered["state"], answered["client_name"], answered["urgency"]) == ("done", None, "answered")
    assert manager.get(f"/intake/rights/{request['id']}").status_code == 200
    with network.runtimes["intake"].db.session() as session:
        assert session.execute(select(clients.c.status, clients.c.first_name)
                               .where(clients.c.id == client)).one() == ("erased", None)


@pytest.mark.parametrize(("language", "heading", "overdue"), [
    ("fi", "Oikeuspyynnöt", "Myöhässä"), ("sv", "Begäranden om rättigheter", "Försenad"),
    ("en", "Rights requests", "Overdue")])
def test_the_register_page_in_each_language(network, manager, language, heading, overdue):
    client = register_client(manager, {}, sharing=False)
    new_request(manager, client, "access", received_on=clock.today() - timedelta(days=45))
    page = manager.get("/intake/rights", headers={"Accept-Language": language})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert heading in text and overdue in text


class WsgiSources:
    """The network services' subjects API through the network's own WSGI app, as the manager (the HTTP client's
    interface, without sockets)."""

    def __init__(self, network, username: str) -> None:
        self.client = net.client_as(network, username)

    def holdings(self, service: str, client_id: str) -> dict:
        prefix = "" if service == "portal" else f"/{service}"  # the portal is the network's root
        response = self.client.get(f"{prefix}/api/v1/subjects/{client_id}")
        if response.status_code != 200:
            raise SourceUnavailable(service)
        return response.get_json()["sections"]


def test_the_network_export_holds_what_every_service_holds(network, manager, partner, skills, monkeypatch):
    monkeypatch.setitem(network.apps["intake"].extensions, "intake_subject_sources", WsgiSources(network, "manager1"))
    response = manager.post(f"{INTAKE}/clients", json={
        "first_name": "Saara" + uuid.uuid4().hex[:6], "last_name": "Salo", "birth_date": "2004-04-04",
        "home_municipality": "214", "gender": "woman", "consents": {"service": True, "statistics": True,
                                                                     "profile_sharing": True}})
    client = response.get_json()["id"]
    manager.put(f"{INTAKE}/clients/{client}/profile", json={"hours_per_week": 20, "work_types": ["part_time"],
                                                            "municipalities": ["214"], "languages": ["fi"]})
    manager.post(f"{INTAKE}/clients/{client}/profile/skills", json={"skill_uri": skills[8], "level": 4,
                                                                    "evidence": "self"})
    invited = manager.post("/api/v1/student-accounts", json={"client_id": client, "display_name": "Saara Salo",
                                                              "email": "saara.salo@example.fi"})
    assert invited.status_code == 201
    publish_need(network, [(skills[8], True, 2)], title="Levyseppä")  # the first need is still open
    assert network.settle(timeout=60)

    other = net.client_as(network, "manager3")
    for path in ("/matching", "/environments", "/reporting", ""):
        assert other.get(f"{path}/api/v1/subjects/{client}").get_json()["sections"] == {}

    document = manager.get(f"{INTAKE}/clients/{client}/network-export").get_json()
    assert document["client"]["id"] == client and document["controller"]["organisation"] == "sataedu"
    services = document["services"]
    assert all(services[name]["available"] for name in ("matching", "environments", "reporting", "portal"))
    assert [p["client_id"] for p in services["matching"]["sections"]["profiles"]] == [client]
    assert [s["client_id"] for s in services["matching"]["sections"]["suggestions"]] == [client]
    assert [k["client_id"] for k in services["environments"]["sections"]["known_clients"]] == [client]
    assert [c["client_id"] for c in services["reporting"]["sections"]["clients"]] == [client]
    [login] = services["portal"]["sections"]["student_login"]
    assert (login["display_name"], login["email"], login["active"]) == ("Saara Salo", "saara.salo@example.fi", True)
    assert [i["used_at"] for i in services["portal"]["sections"]["invitations"]] == [None]
    assert "password_hash" not in str(services["portal"]) and "code_hash" not in str(services["portal"])
    assert {"intake.client.registered", "intake.profile.shared"} <= {
        e["type"] for e in services["reporting"]["sections"]["raw_events"]}
    assert document["intake"]["consents"] and document["purposes"]["esf_reporting"]["basis"] == "legal_obligation"

    for language, heading in (("fi", "Kohdentaminen"), ("sv", "Matchning"), ("en", "Matching")):
        page = manager.get(f"/intake/clients/{client}/network-export", headers={"Accept-Language": language})
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and f'lang="{language}"' in text and heading in text
        assert document["client"]["first_name"] in text and "known_clients" in text and "raw_events" in text
    pdf = manager.get(f"/intake/clients/{client}/network-export?format=pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Cache-Control"] == "no-store"


def test_a_service_that_does_not_answer_is_named_in_the_export(network, manager, monkeypatch):
    class Silent:
        def holdings(self, service, client_id):
            raise SourceUnavailable(service)

    monkeypatch.setitem(network.apps["intake"].extensions, "intake_subject_sources", Silent())
    client = register_client(manager, {}, sharing=False)
    document = manager.get(f"{INTAKE}/clients/{client}/network-export").get_json()
    assert {name: s["available"] for name, s in document["services"].items()} == {
        "matching": False, "environments": False, "reporting": False, "portal": False}
