"""Partners and competence needs over the API, on SQLite and PostgreSQL: input, ownership, scoping, events."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from services.intake.db import competence_needs, need_skills, partner_contacts, partner_links, partners
from tests.support import network as net
from tests.support.intake_partners import events, link_partner, record_partner, some_skill

pytestmark = pytest.mark.integration
PARTNERS = "/intake/api/v1/partners"
NEEDS = "/intake/api/v1/competence-needs"


@pytest.fixture(scope="module")
def linked_partners(network, manager):
    """The two demo partners, recorded by sataedu and linked to their users' organisations by an administrator."""
    one = record_partner(network, manager, name="Konepaja Virtanen Oy", kind="company", business_id="2464491-9",
                         municipality="609", industry="25", organisation="konepaja-virtanen",
                         contacts=[{"name": "Kaisa Kumppani", "role": "HR", "email": "kaisa@example.fi",
                                    "phone": "+358 40 765 4321"}])
    two = record_partner(network, manager, name="Kankaanpään Nuorisoseura ry", kind="association",
                         municipality="214", organisation="nuorisoseura")
    return one, two


def need_body(**overrides) -> dict:
    body = {"title": "Hitsaaja kesäksi", "description": "MIG-hitsausta", "work_type": "summer", "hours_per_week": 30,
            "municipality": "609", "start_date": "2026-06-01", "end_date": "2026-08-31", "people": 2,
            "hidden_job": True, "languages": ["fi", "en"], "driving_licence": True, "status": "open",
            "skills": [{"uri": some_skill(0), "essential": True, "level": 3},
                       {"uri": some_skill(1), "essential": False, "level": 2}]}
    body.update(overrides)
    return body


def count(network, table) -> int:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_partner_is_stored_with_contacts_and_announced_without_them(network, linked_partners):
    partner = linked_partners[0]
    assert partner["business_id"] == "2464491-9" and partner["municipality_name"] == "Pori"
    assert partner["recorded_by_organisation"] == "sataedu"
    assert partner["contacts"][0]["email"] == "kaisa@example.fi"
    recorded, linked = [e for e in events(network.runtimes["intake"], "intake.partner.registered")
                        if e["payload"]["partner_id"] == partner["id"]]
    assert recorded["source"]["organisation"] == linked["source"]["organisation"] == "sataedu"
    assert (recorded["payload"]["organisation"], linked["payload"]["organisation"]) == (None, "konepaja-virtanen")
    for event in (recorded, linked):
        assert "Kaisa" not in repr(event) and "kaisa@example.fi" not in repr(event) and "contacts" not in event[
            "payload"]


@pytest.mark.parametrize("body, field", [
    ({"kind": "company"}, "name"),
    ({"name": "X", "kind": "cooperative"}, "kind"),
    ({"name": "X", "kind": "company", "business_id": "2464491-8"}, "business_id"),
    ({"name": "X", "kind": "company", "business_id": "123"}, "business_id"),
    ({"name": "X", "kind": "company", "municipality": "999"}, "municipality"),
    ({"name": "X", "kind": "company", "industry": "ZZ"}, "industry"),
    ({"name": "X", "kind": "company", "contacts": [{"name": "A", "email": "not-an-address"}]}, "contacts"),
    ({"name": "X", "kind": "company", "contacts": [{"role": "CEO"}]}, "contacts"),
    ({"name": "X", "kind": "company", "surprise": 1}, "surprise"),
])
def test_bad_partner_input_names_the_field_and_stores_nothing(network, manager, linked_partners, body, field):
    before = (count(network, partners), count(network, partner_contacts))
    response = manager.post(PARTNERS, json=body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]
    assert (count(network, partners), count(network, partner_contacts)) == before


def test_a_business_id_or_partner_organisation_is_recorded_once(network, manager, linked_partners):
    again = manager.post(PARTNERS, json={"name": "Toinen Oy", "kind": "company", "business_id": "24644919"})
    assert again.status_code == 409 and "business_id" in again.get_json()["error"]["fields"]
    third = manager.post(PARTNERS, json={"name": "Kolmas", "kind": "company"}).get_json()
    twice = net.client_as(network, "admin").put(f"{PARTNERS}/{third['id']}/organisation",
                                                json={"organisation": "nuorisoseura"})
    assert twice.status_code == 409 and "organisation" in twice.get_json()["error"]["fields"]
    assert manager.get(f"{PARTNERS}/{third['id']}").get_json()["organisation"] is None


def test_the_recording_organisation_changes_the_partner_and_replaces_its_contacts(network, manager, linked_partners):
    partner = linked_partners[1]
    changed = manager.put(f"{PARTNERS}/{partner['id']}", json={
        "name": "Kankaanpään Nuorisoseura ry", "kind": "association", "municipality": "214", "industry": "S",
        "organisation": "nuorisoseura", "contacts": [{"name": "Niko Järjestö", "role": "puheenjohtaja"}]})
    assert changed.status_code == 200
    assert changed.get_json()["industry"] == "S" and [c["name"] for c in changed.get_json()["contacts"]] == [
        "Niko Järjestö"]
    assert changed.get_json()["recorded_by_organisation"] == "sataedu"
    assert changed.get_json()["organisation"] == "nuorisoseura", "the link is not the manager's to change"


def partner_state(network, partner_id: str) -> tuple:
    with network.runtimes["intake"].db.session() as session:
        row = session.execute(select(partners).where(partners.c.id == partner_id)).one()
        contacts = session.execute(select(partner_contacts.c.name).where(
            partner_contacts.c.partner_id == partner_id).order_by(partner_contacts.c.name)).scalars().all()
    return row.name, row.industry, row.organisation, tuple(contacts)


def test_a_manager_of_another_organisation_reads_the_partner_but_does_not_change_it(network, linked_partners):
    other_manager = net.client_as(network, "manager2")
    partner = linked_partners[0]
    before = partner_state(network, partner["id"])
    assert other_manager.get(f"{PARTNERS}/{partner['id']}").status_code == 200
    assert partner["id"] in {p["id"] for p in other_manager.get(PARTNERS).get_json()}
    taken = other_manager.put(f"{PARTNERS}/{partner['id']}", json={
        "name": "Kaapattu Oy", "kind": "company", "organisation": "konepaja-virtanen", "contacts": []})
    assert taken.status_code == 403 and taken.get_json()["error"]["code"] == "forbidden"
    contacts = other_manager.put(f"{PARTNERS}/{partner['id']}/contacts", json={"contacts": [{"name": "Hyökkääjä"}]})
    assert contacts.status_code == 403
    relinked = other_manager.put(f"{PARTNERS}/{partner['id']}/organisation", json={"organisation": "nuorisoseura"})
    assert relinked.status_code == 403
    assert partner_state(network, partner["id"]) == before


def test_only_an_administrator_links_a_partner_to_a_login_organisation_and_it_is_recorded(network, manager):
    created = manager.post(PARTNERS, json={"name": "Linkitettävä Oy", "kind": "company",
                                           "organisation": "linkitettava"})
    assert created.status_code == 403 and "organisation" in created.get_json()["error"]["fields"]
    assert count_named(network, "Linkitettävä Oy") == 0, "nothing stored half-way"
    partner = manager.post(PARTNERS, json={"name": "Linkitettävä Oy", "kind": "company"}).get_json()
    assert partner["organisation"] is None
    body = {"name": "Linkitettävä Oy", "kind": "company", "contacts": []}
    relink = manager.put(f"{PARTNERS}/{partner['id']}", json={**body, "organisation": "linkitettava"})
    assert relink.status_code == 403 and "organisation" in relink.get_json()["error"]["fields"]
    for who in ("manager1", "coordinator", "partner1", "student1"):
        attempt = net.client_as(network, who).put(f"{PARTNERS}/{partner['id']}/organisation",
                                                  json={"organisation": "linkitettava"})
        assert attempt.status_code == 403, who
    assert partner_state(network, partner["id"])[2] is None

    admin = net.client_as(network, "admin")
    bad = admin.put(f"{PARTNERS}/{partner['id']}/organisation", json={"organisation": "Not A Slug"})
    assert bad.status_code == 422 and "organisation" in bad.get_json()["error"]["fields"]
    link_partner(network, partner["id"], "linkitettava")
    unlinked = link_partner(network, partner["id"], None)
    assert unlinked["organisation"] is None
    assert [(c["old_organisation"], c["new_organisation"], c["actor_username"]) for c in unlinked["changes"]] == [
        ("linkitettava", None, "admin"), (None, "linkitettava", "admin")]
    admin_id = network.identity.get("admin").principal().user_id
    with network.runtimes["intake"].db.session() as session:
        recorded = session.execute(select(partner_links).where(partner_links.c.partner_id == partner["id"])
                                   .order_by(partner_links.c.id)).all()
    assert [(r.actor, r.actor_organisation, r.old_organisation, r.new_organisation) for r in recorded] == [
        (admin_id, "verkosto", None, "linkitettava"), (admin_id, "verkosto", "linkitettava", None)]
    assert all(r.at is not None for r in recorded)
    unchanged = manager.put(f"{PARTNERS}/{partner['id']}", json={**body, "organisation": None, "industry": "25"})
    assert unchanged.status_code == 200 and unchanged.get_json()["industry"] == "25"


def test_the_record_of_link_changes_cannot_be_edited_or_removed(network, linked_partners):
    import sqlalchemy.exc

    runtime = network.runtimes["intake"]
    for statement in (partner_links.update().values(new_organisation="joku-muu"), partner_links.delete()):
        with pytest.raises(sqlalchemy.exc.DatabaseError), runtime.db.transaction() as session:
            session.execute(statement)
    with runtime.db.session() as session:
        kept = session.execute(select(partner_links.c.new_organisation).where(
            partner_links.c.partner_id == linked_partners[0]["id"])).scalars().all()
    assert kept == ["konepaja-virtanen"]


def test_the_partners_own_users_keep_their_contact_persons(network, manager, linked_partners):
    own, other = linked_partners
    partner1 = net.client_as(network, "partner1")
    changed = partner1.put(f"{PARTNERS}/{own['id']}/contacts", json={"contacts": [
        {"name": "Kaisa Kumppani", "role": "HR", "email": "kaisa@example.fi"},
        {"name": "Ville Virtanen", "role": "toimitusjohtaja", "phone": "+358 2 123 4567"}]})
    assert changed.status_code == 200
    assert [c["name"] for c in changed.get_json()["contacts"]] == ["Kaisa Kumppani", "Ville Virtanen"]
    bad = partner1.put(f"{PARTNERS}/{own['id']}/contacts", json={"contacts": [{"name": "X", "email": "nope"}]})
    assert bad.status_code == 422 and "contacts" in bad.get_json()["error"]["fields"]
    assert partner1.put(f"{PARTNERS}/{own['id']}", json={"name": "Uusi nimi", "kind": "company"}).status_code == 403
    assert partner1.put(f"{PARTNERS}/{other['id']}/contacts", json={"contacts": []}).status_code == 404
    assert partner_state(network, own["id"])[3] == ("Kaisa Kumppani", "Ville Virtanen")
    assert partner_state(network, own["id"])[0] == "Konepaja Virtanen Oy"


def count_named(network, name: str) -> int:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(func.count()).select_from(partners).where(partners.c.name == name)).scalar_one()


def test_partner_users_see_only_their_own_partner_and_no_list(network, linked_partners):
    partner1 = net.client_as(network, "partner1")
    assert partner1.get(f"{PARTNERS}/{linked_partners[0]['id']}").status_code == 200
    assert partner1.get(f"{PARTNERS}/{linked_partners[1]['id']}").status_code == 404
    assert partner1.get(PARTNERS).status_code == 403
    assert partner1.post(PARTNERS, json={"name": "X", "kind": "company"}).status_code == 403
    assert net.client_as(network, "student1").get(f"{PARTNERS}/{linked_partners[0]['id']}").status_code == 403


def test_a_manager_records_a_need_for_a_partner_their_organisation_recorded_and_it_is_published(
        network, manager, linked_partners):
    response = manager.post(NEEDS, json=need_body(partner_id=linked_partners[0]["id"]))
    assert response.status_code == 201, response.get_json()
    need = response.get_json()
    assert need["partner_name"] == "Konepaja Virtanen Oy" and need["hidden_job"] is True
    assert [s["essential"] for s in need["skills"]] == [True, False] and need["skills"][0]["label"]
    [event] = [e for e in events(network.runtimes["intake"], "intake.need.published")
               if e["payload"]["need_id"] == need["id"]]
    assert event["source"]["organisation"] == "sataedu"
    payload = event["payload"]
    assert payload["skills"] == [{"uri": some_skill(0), "essential": True, "level": 3},
                                 {"uri": some_skill(1), "essential": False, "level": 2}]
    assert (payload["start_date"], payload["end_date"], payload["people"]) == ("2026-06-01", "2026-08-31", 2)
    assert payload["languages"] == ["fi", "en"] and payload["status"] == "open"


def test_the_answer_of_recording_or_replacing_a_need_is_the_need_as_read_back(manager, linked_partners):
    """The answer is built from what was written (issue #18), so it must equal a later read: essential skills
    first, the others as entered."""
    a, b, c = ({"uri": some_skill(n), "essential": n == 4, "level": n - 1} for n in (3, 4, 5))
    created = manager.post(NEEDS, json=need_body(partner_id=linked_partners[0]["id"], title="Hitsaaja syksyksi",
                                                 skills=[a, b, c]))
    assert created.status_code == 201
    need = created.get_json()
    assert [s["uri"] for s in need["skills"]] == [some_skill(4), some_skill(3), some_skill(5)]
    assert need == manager.get(f"{NEEDS}/{need['id']}").get_json()
    replaced = manager.put(f"{NEEDS}/{need['id']}", json=need_body(partner_id=linked_partners[0]["id"],
                                                                  title="Hitsaaja talveksi", skills=[c, a]))
    assert replaced.status_code == 200
    assert [s["uri"] for s in replaced.get_json()["skills"]] == [some_skill(5), some_skill(3)]
    assert replaced.get_json()["title"] == "Hitsaaja talveksi"
    assert replaced.get_json() == manager.get(f"{NEEDS}/{need['id']}").get_json()


@pytest.mark.parametrize("overrides, field", [
    ({"skills": [{"uri": "http://data.europa.eu/esco/skill/no-such-skill"}]}, "skills"),
    ({"start_date": "2026-06-02", "end_date": "2026-06-01"}, "end_date"),
    ({"work_type": "forever"}, "work_type"),
    ({"title": ""}, "title"),
    ({"people": 0}, "people"),
    ({"hours_per_week": 200}, "hours_per_week"),
    ({"municipality": "000"}, "municipality"),
    ({"languages": ["xx"]}, "languages"),
    ({"status": "maybe"}, "status"),
    ({"start_date": "1.6.2026"}, "start_date"),
    ({"skills": [{"uri": "x", "level": 6}]}, "skills"),
    ({"partner_id": None}, "partner_id"),
    ({"partner_id": str(uuid.uuid4())}, "partner_id"),
])
def test_bad_need_input_names_the_field_and_stores_nothing(network, manager, linked_partners, overrides, field):
    body = need_body(partner_id=linked_partners[0]["id"])
    body.update(overrides)
    before = (count(network, competence_needs), count(network, need_skills))
    response = manager.post(NEEDS, json=body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert (count(network, competence_needs), count(network, need_skills)) == before


NO_SKILLS = "No candidates can be found for this need until it names at least one skill."


def test_an_open_need_without_skills_is_kept_with_a_notice_that_nobody_can_be_found(manager, linked_partners):
    partner_id = linked_partners[0]["id"]
    bare = manager.post(NEEDS, json=need_body(partner_id=partner_id, title="Varastotyöntekijä", skills=[]))
    assert bare.status_code == 201 and bare.get_json()["notices"] == {"skills": [NO_SKILLS]}
    assert manager.get(f"{NEEDS}/{bare.get_json()['id']}").get_json()["notices"] == {"skills": [NO_SKILLS]}
    closed = manager.patch(f"{NEEDS}/{bare.get_json()['id']}", json={"status": "closed"})
    assert closed.status_code == 200 and closed.get_json()["notices"] == {}  # nothing is matched to it anyway
    skilled = manager.post(NEEDS, json=need_body(partner_id=partner_id, title="Trukinkuljettaja"))
    assert skilled.status_code == 201 and skilled.get_json()["notices"] == {}


def test_the_same_open_need_is_not_recorded_twice(network, manager, linked_partners):
    own, other = (p["id"] for p in linked_partners)
    first = manager.post(NEEDS, json=need_body(partner_id=own, title="Maalari"))
    assert first.status_code == 201
    before = (count(network, competence_needs), count(network, need_skills))
    again = manager.post(NEEDS, json=need_body(partner_id=own, title="  maalari "))  # case and spacing aside
    assert again.status_code == 409 and list(again.get_json()["error"]["fields"]) == ["title"]
    assert again.get_json()["error"]["code"] == "duplicate_need"
    assert (count(network, competence_needs), count(network, need_skills)) == before
    assert manager.post(NEEDS, json=need_body(partner_id=other, title="Maalari")).status_code == 201  # another's
    assert manager.put(f"{NEEDS}/{first.get_json()['id']}",
                       json=need_body(partner_id=own, title="Maalari", people=3)).status_code == 200  # itself
    assert manager.patch(f"{NEEDS}/{first.get_json()['id']}", json={"status": "filled"}).status_code == 200
    second = manager.post(NEEDS, json=need_body(partner_id=own, title="Maalari"))  # the first is filled now
    assert second.status_code == 201
    reopened = manager.patch(f"{NEEDS}/{first.get_json()['id']}", json={"status": "open"})
    assert reopened.status_code == 409 and "title" in reopened.get_json()["error"]["fields"]
    assert manager.get(f"{NEEDS}/{first.get_json()['id']}").get_json()["status"] == "filled"


def test_titles_with_the_same_words_in_another_run_or_with_like_marks_are_told_apart(manager, linked_partners):
    """The database's first pass joins the words by `%`: "Kesätyö 5" must not find "Kesätyö 15", and a title's
    own `%` or `_` is a letter, not a wildcard."""
    own = linked_partners[0]["id"]
    for title in ("Kesätyö 15", "Myyjä 50 % ajasta", "Tuote_kehittäjä"):
        assert manager.post(NEEDS, json=need_body(partner_id=own, title=title)).status_code == 201
    for title in ("Kesätyö 5", "Myyjä 50 ajasta", "Tuotexkehittäjä", "Myyjä 5 % ajasta"):
        assert manager.post(NEEDS, json=need_body(partner_id=own, title=title)).status_code == 201, title
    for title in ("kesätyö  15", "myyjä 50 % AJASTA", "tuote_kehittäjä"):
        again = manager.post(NEEDS, json=need_body(partner_id=own, title=title))
        assert again.status_code == 409 and again.get_json()["error"]["code"] == "duplicate_need", title


def test_an_unknown_skill_is_named_by_its_position(manager, linked_partners):
    body = need_body(partner_id=linked_partners[0]["id"],
                     skills=[{"uri": some_skill(2)}, {"uri": "http://data.europa.eu/esco/skill/nope"}])
    fields = manager.post(NEEDS, json=body).get_json()["error"]["fields"]
    assert list(fields["skills"]) == ["1"] and "uri" in fields["skills"]["1"]


def test_partner_users_enter_list_and_edit_only_their_own_needs(network, manager, linked_partners):
    own_partner, other_partner = linked_partners
    partner1, partner2 = net.client_as(network, "partner1"), net.client_as(network, "partner2")
    created = partner1.post(NEEDS, json=need_body(title="Kokoonpanija"))
    assert created.status_code == 201, created.get_json()
    need = created.get_json()
    assert need["partner_id"] == own_partner["id"]
    [event] = [e for e in events(network.runtimes["intake"], "intake.need.published")
               if e["payload"]["need_id"] == need["id"]]
    assert event["source"]["organisation"] == "sataedu"  # the member organisation that hosts the partner
    foreign = manager.post(NEEDS, json=need_body(partner_id=other_partner["id"], title="Nuorisotyö")).get_json()

    listed = {n["id"] for n in partner1.get(NEEDS).get_json()}
    assert need["id"] in listed and foreign["id"] not in listed
    assert all(n["partner_id"] == own_partner["id"] for n in partner1.get(NEEDS).get_json())
    assert partner1.get(f"{NEEDS}/{foreign['id']}").status_code == 404
    assert partner1.patch(f"{NEEDS}/{foreign['id']}", json={"status": "closed"}).status_code == 404
    assert partner1.post(NEEDS, json=need_body(partner_id=other_partner["id"])).status_code == 422
    assert partner2.get(f"{NEEDS}/{need['id']}").status_code == 404

    filled = partner1.patch(f"{NEEDS}/{need['id']}", json={"status": "filled"})
    assert filled.status_code == 200 and filled.get_json()["status"] == "filled"
    assert filled.get_json()["title"] == "Kokoonpanija" and len(filled.get_json()["skills"]) == 2
    published = [e["payload"]["status"] for e in events(network.runtimes["intake"], "intake.need.published")
                 if e["payload"]["need_id"] == need["id"]]
    assert published == ["open", "filled"]


def test_managers_of_another_organisation_read_the_needs_but_do_not_rewrite_them(network, manager, linked_partners):
    need = manager.post(NEEDS, json=need_body(partner_id=linked_partners[0]["id"], title="Koneistaja")).get_json()
    before = (count(network, competence_needs), count(network, need_skills))
    other_manager = net.client_as(network, "manager2")
    assert other_manager.get(f"{NEEDS}/{need['id']}").get_json()["title"] == "Koneistaja"
    assert need["id"] in {n["id"] for n in other_manager.get(NEEDS).get_json()}
    new = other_manager.post(NEEDS, json=need_body(partner_id=linked_partners[0]["id"], title="Salaa lisätty"))
    assert new.status_code == 403 and "partner_id" in new.get_json()["error"]["fields"]
    assert other_manager.put(f"{NEEDS}/{need['id']}", json=need_body(title="Muutettu")).status_code == 403
    assert other_manager.patch(f"{NEEDS}/{need['id']}", json={"status": "closed"}).status_code == 403
    assert (count(network, competence_needs), count(network, need_skills)) == before
    kept = manager.get(f"{NEEDS}/{need['id']}").get_json()
    assert (kept["title"], kept["status"]) == ("Koneistaja", "open")


def test_a_partner_user_without_a_partner_record_has_no_needs(network):
    stranger = net.client_as(network, "partner1")
    other = net.token_with(network, roles=["partner"], organisation="unknown-oy")
    response = stranger.get(NEEDS, headers={"Authorization": f"Bearer {other}"})
    assert response.status_code == 200 and response.get_json() == []
    refused = stranger.post(NEEDS, json=need_body(), headers={"Authorization": f"Bearer {other}"})
    assert refused.status_code == 422 and "partner_id" in refused.get_json()["error"]["fields"]


def test_a_need_stays_with_its_partner_and_put_validates_like_post(manager, linked_partners):
    body = need_body(partner_id=linked_partners[0]["id"], title="Hitsaaja keväksi")
    need = manager.post(NEEDS, json=body).get_json()
    moved = manager.put(f"{NEEDS}/{need['id']}", json=need_body(partner_id=linked_partners[1]["id"]))
    assert moved.status_code == 422 and "partner_id" in moved.get_json()["error"]["fields"]
    backwards = manager.put(f"{NEEDS}/{need['id']}", json=need_body(start_date="2026-09-01"))
    assert backwards.status_code == 422 and "end_date" in backwards.get_json()["error"]["fields"]
    assert manager.get(f"{NEEDS}/{need['id']}").get_json()["start_date"] == "2026-06-01"


def test_the_api_document_describes_partners_and_needs(network):
    doc = network.apps["intake"].test_client().get("/api/openapi.json").get_json()
    assert "/api/v1/partners" in doc["paths"] and "/api/v1/competence-needs/{need_id}" in doc["paths"]
    assert doc["paths"]["/api/v1/partners"]["post"]["summary"].startswith("Record a partner")


def test_changes_and_queries_refuse_bad_input_too(network, manager, linked_partners):
    partner = linked_partners[0]
    bad_put = manager.put(f"{PARTNERS}/{partner['id']}", json={"name": partner["name"], "kind": "company",
                                                               "business_id": "2464491-0"})
    assert bad_put.status_code == 422 and "business_id" in bad_put.get_json()["error"]["fields"]
    assert manager.get(f"{PARTNERS}/{partner['id']}").get_json()["business_id"] == "2464491-9"
    need = manager.post(NEEDS, json=need_body(partner_id=partner["id"], title="Hitsaaja talvella")).get_json()
    for change, field in (({"status": "sold"}, "status"), ({"end_date": "2026-01-01"}, "end_date"),
                          ({"skills": [{"uri": "nope"}]}, "skills"), ({"skills": [{"level": 2}]}, "skills")):
        response = manager.patch(f"{NEEDS}/{need['id']}", json=change)
        assert response.status_code == 422 and field in response.get_json()["error"]["fields"], change
    assert manager.get(f"{NEEDS}/{need['id']}").get_json()["status"] == "open"
    assert manager.get(NEEDS, query_string={"status": "sold"}).status_code == 422
    assert manager.get(PARTNERS, query_string={"kind": "guild"}).status_code == 422
    assert manager.get(f"{NEEDS}/{uuid.uuid4()}").status_code == 404
