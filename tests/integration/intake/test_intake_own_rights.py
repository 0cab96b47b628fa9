"""A young person files their rights requests themselves, on their page and through the API: each lands in
their organisation's register with the one-month deadline; they see its state and the decision."""
from __future__ import annotations

import pytest

from services.intake.domain.rights import add_months
from shared import clock
from tests.integration.intake.client_helpers import as_student, browser, csrf_of, intake, register
from tests.integration.intake.test_intake_minors import born
from tests.support import network as net
from tests.support.factories import audit_entries

pytestmark = pytest.mark.integration
OWN = "/intake/api/v1/me/rights-requests"
RIGHTS = "/intake/api/v1/rights-requests"


def young(manager) -> str:
    return register(manager, birth_date=born(16), consents={"service": True})["id"]


def test_a_young_persons_own_requests_land_in_the_register_with_the_deadline(network, manager):
    client_id = young(manager)
    student = as_student(network, client_id)
    today = clock.today()
    access = student.post(OWN, json={"kind": "access"})
    assert access.status_code == 201, access.get_json()
    filed = access.get_json()
    assert (filed["kind"], filed["state"], filed["received_on"], filed["deadline"]) == (
        "access", "open", today.isoformat(), add_months(today, 1).isoformat())
    assert student.post(OWN, json={"kind": "access"}).get_json()["id"] == filed["id"]  # not filed twice

    for body, field in (({"kind": "objection"}, "purpose"), ({"kind": "forgetting"}, "kind"),
                        ({"kind": "access", "purpose": "matching"}, "purpose"),
                        ({"kind": "restriction", "purpose": "everything"}, "purpose"), ({}, "kind")):
        refused = student.post(OWN, json=body)
        assert refused.status_code == 422 and field in refused.get_json()["error"]["fields"], (body, refused.json)
    objection = student.post(OWN, json={"kind": "objection", "purpose": "matching"}).get_json()
    assert objection["purpose"] == "matching"
    assert [r["id"] for r in student.get(OWN).get_json()] == [objection["id"], filed["id"]]  # newest first

    register_ = {r["id"]: r for r in manager.get(RIGHTS).get_json() if r["client_id"] == client_id}
    assert set(register_) == {filed["id"], objection["id"]}
    assert register_[filed["id"]]["due_on"] == add_months(today, 1).isoformat()
    assert register_[filed["id"]]["client_name"].endswith(" Äijälä")
    assert filed["id"] not in {r["id"] for r in net.client_as(network, "manager3").get(RIGHTS).get_json()}
    assert as_student(network, young(manager)).get(OWN).get_json() == []  # another young person sees none

    answered = manager.post(f"{RIGHTS}/{filed['id']}/answer", json={"state": "done", "decision": "Sähköpostissa."})
    assert answered.status_code == 200
    seen = {r["id"]: r for r in student.get(OWN).get_json()}[filed["id"]]
    assert (seen["state"], seen["decision"]) == ("done", "Sähköpostissa.")
    reads = [(e["action"], e["object_type"], e["actor_role"]) for e in audit_entries(intake(network), client_id)]
    assert ("read", "rights_request", "student") in reads


def test_her_erasure_request_shows_the_decision_before_and_after_it_is_carried_out(network, manager):
    client_id = young(manager)
    student = as_student(network, client_id)
    made = student.post(OWN, json={"kind": "erasure"}).get_json()
    actions = {i["record_type"]: i["action"] for i in made["erasure_decision"]["items"]}
    assert made["erasure_decision"]["state"] == "proposed"
    assert (actions["client_record"], actions["matching"], actions["audit_log"]) == ("archive", "erase", "keep")
    assert manager.post(f"{RIGHTS}/{made['id']}/erasure-decision").get_json()["result"] == "archived"
    [after] = student.get(OWN).get_json()
    assert (after["state"], after["erasure_decision"]["state"]) == ("done", "executed")
    assert student.post(OWN, json={"kind": "access"}).status_code == 404  # an archived record takes no new ones


@pytest.mark.parametrize("language, heading, erase, waiting", [
    ("fi", "Oikeuteni", "Poista tietoni", "Odottaa vastausta"),
    ("sv", "Mina rättigheter", "Radera mina uppgifter", "Väntar på svar"),
    ("en", "My rights", "Erase my data", "Waiting for an answer")])
def test_the_page_in_each_language(network, manager, language, heading, erase, waiting):
    client_id = young(manager)
    page = browser(as_student(network, client_id))
    headers = {"Accept-Language": language}
    empty = page.get("/intake/me/rights", headers=headers).get_data(as_text=True)
    assert heading in empty and erase in empty and waiting not in empty
    token = csrf_of(empty)
    missing = page.post("/intake/me/rights", headers=headers, data={"csrf_token": token, "kind": "restriction",
                                                                   "purpose": ""})
    assert missing.status_code == 422 and 'id="purpose-error"' in missing.get_data(as_text=True)
    assert as_student(network, client_id).get(OWN).get_json() == []  # nothing stored
    sent = page.post("/intake/me/rights", headers=headers, data={"csrf_token": token, "kind": "erasure",
                                                                "purpose": ""})
    assert sent.status_code == 303
    shown = page.get("/intake/me/rights", headers=headers).get_data(as_text=True)
    assert waiting in shown and erase in shown


def test_her_erasure_decision_is_told_in_plain_words_with_the_law_as_a_reference(network, manager):
    """The young person's page names the data and the reasons plainly (the article stays as a small reference);
    the purposes she may pick are hers to understand, not the register's terms."""
    client_id = young(manager)
    student = as_student(network, client_id)
    made = student.post(OWN, json={"kind": "erasure"})
    assert made.status_code == 201
    page = browser(student).get("/intake/me/rights", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    shown = " ".join(page.split())
    for jargon in ("Kohdentaminen", "ESR-raportointi", "Kohdentamisen", "Raportoinnin tilastot",
                   "Viranomaisen asiakirja:", "(tietosuoja-asetuksen 17 artiklan"):
        assert jargon not in shown, jargon
    assert "Sinulle ehdotettavat työt ja projektit" in shown and "Raportit hankkeen rahoittajille" in shown
    assert ("Perustietosi</td><td>Arkistoidaan</td> <td>Nämä ovat viranomaisen asiakirjoja. Laki vaatii säilyttämään "
            "ne arkistossa, jossa vain arkiston henkilökunta voi lukea niitä. <small class=\"meta\">(tietosuoja-asetus "
            "17 art. 3 k. b al.; arkistolaki 831/1994; tiedonhallintalaki 906/2019)</small>") in shown
    managers = browser(manager).get(f"/intake/rights/{made.get_json()['id']}", headers={"Accept-Language": "fi"})
    assert "(tietosuoja-asetuksen 17 artiklan 3 kohdan b alakohta)" in " ".join(managers.get_data(as_text=True).split())
