"""Issue 4's story in the demo network, end to end, and no personal data in any message on the bus.

A manager registers a client with consents and skills and records a partner's need; another
organisation registers the same person and both see a shared-client notice; the client is
referred, an outcome recorded, the data exported and erased. Every event every service published
on the way is then read, and none carries the client's name, birth date or contact details.
"""
from __future__ import annotations

import json

import pytest

from tests.support import network as net
from tests.support.erasure import erase, via
from tests.support.intake_partners import link_partner, some_skill

pytestmark = pytest.mark.e2e

PERSON = {"first_name": "Ilona", "last_name": "Mäkelä-Saarinen", "birth_date": "2003-08-19",
          "email": "ilona.ms@example.fi", "phone": "+358 44 555 0199", "home_municipality": "214",
          "gender": "woman", "mother_tongue": "fi", "education_status": "graduated", "field_of_education": "071",
          "employment_status": "unemployed", "education_level": 3}
SECRETS = ("Ilona", "Mäkelä", "Saarinen", "2003-08-19", "ilona.ms@example.fi", "555 0199",
           "Kaisa Kumppani", "kaisa@example.fi", "765 4321")  # the client, and the partner's contact person
CONSENTS = {"service": True, "profile_sharing": True, "contact_to_partner": False, "statistics": True,
            "overlap": True}  # consent to overlap detection: the shared client below is found


def all_messages(network) -> list[dict]:
    messages = []
    for runtime in network.runtimes.values():
        with runtime.db.session() as session:
            messages += [json.loads(body) for body in session.execute(runtime.tables.outbox.select()
                                                                      .with_only_columns(runtime.tables.outbox.c.body))
                         .scalars()]
    return messages


def test_the_managers_story_and_no_personal_data_on_the_bus(tmp_path):
    network = net.build(tmp_path)
    try:
        sataedu, samk = net.client_as(network, "manager1"), net.client_as(network, "manager2")
        created = sataedu.post("/intake/api/v1/clients", json={**PERSON, "consents": CONSENTS})
        assert created.status_code == 201, created.get_json()
        client_id = created.get_json()["id"]
        skill = sataedu.post(f"/intake/api/v1/clients/{client_id}/profile/skills",
                             json={"skill_uri": some_skill(0), "level": 4, "evidence": "work",
                                   "evidence_ref": "Kesätyö konepajassa"})
        assert skill.status_code == 201, skill.get_json()
        partner = sataedu.post("/intake/api/v1/partners", json={
            "name": "Konepaja Virtanen Oy", "kind": "company", "business_id": "2464491-9", "municipality": "609",
            "contacts": [{"name": "Kaisa Kumppani", "email": "kaisa@example.fi", "phone": "+358 40 765 4321"}]})
        assert partner.status_code == 201, partner.get_json()
        link_partner(network, partner.get_json()["id"], "konepaja-virtanen")
        need = sataedu.post("/intake/api/v1/competence-needs", json={
            "partner_id": partner.get_json()["id"], "title": "Hitsaaja", "work_type": "part_time", "people": 1,
            "hidden_job": True, "languages": ["fi"], "driving_licence": False, "status": "open",
            "skills": [{"uri": some_skill(0), "essential": True, "level": 3}]})
        assert need.status_code == 201, need.get_json()

        again = samk.post("/intake/api/v1/clients", json={**PERSON, "consents": {"service": True, "overlap": True}})
        assert again.status_code == 201
        assert network.settle()
        notices = sataedu.get("/intake/api/v1/overlap/notices").get_json()
        items = notices["items"] if isinstance(notices, dict) else notices
        assert [n["other_organisation"] for n in items] == ["samk"]
        theirs = samk.get("/intake/api/v1/overlap/notices").get_json()
        assert [n["other_organisation"] for n in (theirs["items"] if isinstance(theirs, dict) else theirs)] == \
            ["sataedu"]

        service = samk.post("/intake/api/v1/services", json={"name": "Opintoihin valmentava ohjaus"})
        assert service.status_code == 201
        referral = sataedu.post("/intake/api/v1/referrals", json={
            "client_id": client_id, "to_organisation": "samk", "service_id": service.get_json()["id"],
            "note": "Haluaa ammattikorkeakouluun", "client_agreed": True})
        assert referral.status_code == 201, referral.get_json()
        assert samk.post(f"/intake/api/v1/referrals/{referral.get_json()['id']}/accept", json={}).status_code == 200
        outcome = sataedu.post(f"/intake/api/v1/clients/{client_id}/outcomes", json={
            "kind": "work", "work_form": "part_time", "hidden_job": True, "description": "Hitsaaja",
            "started_on": "2026-10-01"})
        assert outcome.status_code == 201, outcome.get_json()

        export = sataedu.get(f"/intake/api/v1/clients/{client_id}/export")
        assert export.status_code == 200 and "Ilona" in export.get_data(as_text=True)
        erased = erase(via(sataedu), client_id)  # the erasure request, its decision carried out
        assert erased.status_code == 200, erased.get_data(as_text=True)
        assert sataedu.get(f"/intake/api/v1/clients/{client_id}").status_code == 404
        assert network.settle()

        messages = all_messages(network)
        types = {m["type"] for m in messages}
        assert {"intake.client.registered", "intake.person_key.published", "intake.profile.shared",
                "intake.need.published", "intake.referral.sent", "intake.referral.updated",
                "intake.outcome.recorded", "intake.client.erased"} <= types
        for message in messages:
            text = json.dumps(message, ensure_ascii=False)
            leaked = [s for s in SECRETS if s in text]
            assert not leaked, f"{message['type']} carries personal data: {leaked}"
        assert all("gender" not in m["payload"] for m in messages if m["type"] == "intake.profile.shared")
    finally:
        network.shutdown()
