"""Notifications: stored from the network's events for the users they concern, counted, listed in the
reader's language, marked read one by one and all at once; another user's are out of reach. The portal's
database on SQLite and on PostgreSQL."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.portal.db import notifications
from shared import clock
from shared.events.envelope import utcnow
from tests.support import network as net
from tests.support.intake_partners import add_client, record_service

pytestmark = [pytest.mark.integration, pytest.mark.bases(guidance="consent")]
SATAEDU = "Sataedu (demo)"  # the sending organisation's name in the portal (demo/identity.py)

@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def network(request, tmp_path_factory):
    """The embedded network, with the portal's database (the notifications) on SQLite or PostgreSQL."""
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    urls = {"portal": postgres.create_database()} if postgres else {}
    built = net.build(tmp_path_factory.mktemp("notify"), database_urls=urls)
    yield built
    built.shutdown()
    if postgres:
        postgres.drop_database(urls["portal"])


@pytest.fixture(scope="module")
def service(managers):
    return record_service(managers["samk"], "Opintoihin valmentava ohjaus")["id"]


def kinds_of(network, username: str) -> list[str]:
    user = network.identity.get(username)
    with network.portal.db.session() as session:
        return list(session.execute(select(notifications.c.kind).where(notifications.c.user_id == user.id)
                                    .order_by(notifications.c.id)).scalars())


def refer(network, managers, service) -> str:
    client = add_client(network.runtimes["intake"], "sataedu", "Joel", "Salonen")
    response = managers["sataedu"].post("/intake/api/v1/referrals", json={
        "client_id": client, "to_organisation": "samk", "service_id": service, "client_agreed": True})
    assert response.status_code == 201, response.get_json()
    assert network.settle()
    return response.get_json()["id"]


def test_a_referral_notifies_the_receiving_managers_only_and_its_answer_the_senders(network, managers, service):
    before = {name: len(kinds_of(network, name)) for name in ("manager1", "manager2", "manager3")}
    referral = refer(network, managers, service)
    assert kinds_of(network, "manager2")[before["manager2"]:] == ["referral_received"]
    assert len(kinds_of(network, "manager1")) == before["manager1"]  # the sender is not told of their own
    response = managers["samk"].post(f"/intake/api/v1/referrals/{referral}/accept", json={})
    assert response.status_code == 200, response.get_json()
    assert network.settle()
    assert kinds_of(network, "manager1")[before["manager1"]:] == ["referral_answered"]
    assert kinds_of(network, "manager2")[before["manager2"]:] == ["referral_received"]
    assert len(kinds_of(network, "manager3")) == before["manager3"]  # winnova is no party


def test_the_count_the_page_in_the_readers_language_and_marking_read(network, managers, service):
    refer(network, managers, service)
    samk = managers["samk"]
    state = samk.get("/notifications/unread").get_json()
    assert state["unread"] >= 1
    page = samk.get("/notifications", headers={"Accept": "text/html", "Accept-Language": "fi"})
    assert page.status_code == 200
    assert f"Organisaatioosi saapui ohjaus. Lähettäjä: {SATAEDU}." in page.get_data(as_text=True)
    page = samk.get("/notifications", headers={"Accept": "text/html", "Accept-Language": "sv"})
    assert f"En hänvisning från {SATAEDU} till din organisation har kommit." in page.get_data(as_text=True)
    newest = state["latest"]
    response = samk.post(f"/notifications/{newest}", headers={"Accept": "text/html"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/intake/referrals")
    assert samk.get("/notifications/unread").get_json()["unread"] == state["unread"] - 1
    samk.post("/notifications/read", headers={"Accept": "text/html"})
    assert samk.get("/notifications/unread").get_json()["unread"] == 0


def test_another_users_notification_is_not_found_and_stays_unread(network, managers, service):
    refer(network, managers, service)
    newest = managers["samk"].get("/notifications/unread").get_json()["latest"]
    response = managers["winnova"].post(f"/notifications/{newest}", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert managers["samk"].get("/notifications/unread").get_json()["unread"] >= 1


def test_the_counter_after_an_id_lists_the_newer_ones_with_their_text(network, managers, service):
    samk = managers["samk"]
    seen = samk.get("/notifications/unread").get_json()["latest"]
    refer(network, managers, service)
    state = samk.get(f"/notifications/unread?after={seen}", headers={"Accept-Language": "en"}).get_json()
    assert [n["text"] for n in state["new"]] == [f"A referral from {SATAEDU} to your organisation arrived."]
    assert state["new"][0]["href"].endswith("/intake/referrals")


def test_the_enrolled_student_and_the_host_are_told_which_environment_in_their_language(network):
    from tests.integration.environments.helpers import create, enrol, move, pass_review

    manager = net.client_as(network, "manager1")
    environment = create(manager, name="Kylätalon kotisivut")
    pass_review(manager, environment["id"])
    assert move(manager, environment["id"], "open").status_code == 200
    client_id = str(uuid.uuid4())
    student = net.student_client(network, client_id, user_id=str(uuid.uuid4()))
    enrolled = enrol(manager, environment, 0, client_id=client_id)
    assert enrolled.status_code == 201, enrolled.get_json()
    assert network.settle()

    page = student.get("/notifications", headers={"Accept": "text/html", "Accept-Language": "fi"})
    text = page.get_data(as_text=True)
    assert "Sinut lisättiin oppimisympäristöön ”Kylätalon kotisivut”. Avaa tästä, niin voit kirjoittaa, mitä " \
           "haluat oppia." in text
    state = student.get("/notifications/unread?after=0", headers={"Accept-Language": "sv"}).get_json()
    assert [n["text"] for n in state["new"]] == [
        "Du har lagts till i lärmiljön ”Kylätalon kotisivut”. Öppna här för att skriva vad du vill lära dig."]
    assert state["new"][0]["href"].endswith(f"/environments/participants/{enrolled.get_json()['id']}")

    seen = manager.get("/notifications/unread").get_json()["latest"]
    assert move(manager, environment["id"], "running").status_code == 200
    assert move(manager, environment["id"], "completed").status_code == 200
    assert network.settle()
    state = manager.get(f"/notifications/unread?after={seen}", headers={"Accept-Language": "en"}).get_json()
    assert [n["text"] for n in state["new"]] == [
        "The environment “Kylätalon kotisivut” was completed: record its assessments and outcomes."]
    assert state["new"][0]["href"].endswith(f"/environments/environments/{environment['id']}")


def texts_after(api, seen: int, lang: str) -> list[str]:
    """The texts of the notifications newer than `seen`, oldest first, in `lang`."""
    state = api.get(f"/notifications/unread?after={seen}", headers={"Accept-Language": lang}).get_json()
    return [n["text"] for n in reversed(state["new"])]


def test_matchings_notifications_name_the_need_or_the_role_and_a_message_its_conversation(network):
    from shared.reference import esco
    from tests.integration.environments.helpers import create, move, pass_review
    from tests.support.intake_partners import record_partner
    from tests.support.matching import register_client, unrelated_skills

    [welder] = unrelated_skills(esco.load_taxonomy(), 1)
    manager, partner = net.client_as(network, "manager1"), net.client_as(network, "partner1")
    record_partner(network, manager, name="Konepaja Virtanen Oy", kind="company", business_id="2464491-9",
                   municipality="214", organisation="konepaja-virtanen")
    client_id = register_client(manager, {welder: 4}, True, email="aino@example.fi", field_of_education="071",
                                consents={"service": True, "profile_sharing": True, "contact_to_partner": True,
                                          "statistics": True})
    assert network.settle()
    seen = manager.get("/notifications/unread").get_json()["latest"]
    need = partner.post("/intake/api/v1/competence-needs", json={
        "title": "Hitsaaja osa-aikaiseksi", "work_type": "part_time", "municipality": "214", "people": 1,
        "languages": ["fi"], "skills": [{"uri": welder, "essential": True, "level": 2}]})
    assert need.status_code == 201, need.get_json()
    assert network.settle()
    assert texts_after(manager, seen, "fi") == ["Uusi ehdotus asiakkaallesi: ”Hitsaaja osa-aikaiseksi”."]

    student = net.student_client(network, client_id)
    [suggestion] = [s for s in student.get("/matching/api/v1/my/suggestions").get_json()["items"]
                    if s["target_id"] == need.get_json()["id"]]
    seen = manager.get("/notifications/unread").get_json()["latest"]
    assert student.post(f"/matching/api/v1/my/suggestions/{suggestion['id']}/answer",
                        json={"answer": "interested"}).status_code == 200
    assert partner.post(f"/matching/api/v1/partner/candidates/{suggestion['id']}/introduction").status_code == 200
    assert network.settle()
    assert texts_after(manager, seen, "sv") == [
        "En studerande svarade på förslaget ”Hitsaaja osa-aikaiseksi”.",
        "Kompetensbehovet ”Hitsaaja osa-aikaiseksi”: en partner ber om en presentation av en kandidat."]

    assert manager.post(f"/matching/api/v1/suggestions/{suggestion['id']}/decision",
                        json={"decision": "accept"}).status_code == 200
    assert network.settle()
    seen_by_student = student.get("/notifications/unread").get_json()["latest"]
    thread = f"/intake/api/v1/conversations/introduction/{suggestion['id']}/messages"
    assert manager.post(thread, json={"body": "Tervetuloa haastatteluun!"}).status_code == 201
    assert network.settle()
    assert texts_after(student, seen_by_student, "fi") == [
        "Uusi viesti keskustelussa aiheesta ”Hitsaaja osa-aikaiseksi”."]
    seen = manager.get("/notifications/unread").get_json()["latest"]
    assert partner.post(f"/matching/api/v1/partner/candidates/{suggestion['id']}/feedback",
                        json={"stage": "interviewed"}).status_code == 201
    environment = create(manager, name="Kylätalon kotisivut")  # its first role: Ohjelmoija
    pass_review(manager, environment["id"])
    assert move(manager, environment["id"], "open").status_code == 200
    assert network.settle()
    assert student.post("/matching/api/v1/my/interests", json={
        "target_kind": "environment_role", "target_id": environment["roles"][0]["id"]}).status_code == 202
    assert network.settle()
    told = texts_after(manager, seen, "en")  # (other clients of the network may be suggested for the roles too)
    assert told[0] == "The competence need “Hitsaaja osa-aikaiseksi”: a partner told what happened with a candidate."
    assert told.index("A student is interested in the opportunity “Ohjelmoija · Kylätalon kotisivut”.") < told.index(
        "A new suggestion for your client: “Ohjelmoija · Kylätalon kotisivut”.")  # the interest made it a suggestion


def test_a_notification_stored_before_names_travelled_is_told_the_plain_way(network):
    user = network.identity.get("manager2")
    with network.portal.db.transaction() as session:
        session.execute(notifications.insert().values(
            user_id=user.id, kind="environment_task", service="environments", path="/environments/e-1",
            event_id=str(uuid.uuid4()), created_at=utcnow()))
    page = net.client_as(network, "manager2").get("/notifications", headers={"Accept": "text/html",
                                                                             "Accept-Language": "fi"})
    assert "Oppimisympäristö päättyi: kirjaa sen arvioinnit ja tulokset." in page.get_data(as_text=True)


def test_a_step_due_today_notifies_its_clients_managers_once_with_a_link_to_the_path(network, managers):
    from datetime import timedelta

    from services.intake.handlers.steps_due import announce

    client = add_client(network.runtimes["intake"], "sataedu", "Aino", "Askel")
    today = clock.today()
    for title, due in (("Tänään", today), ("Huomenna", today + timedelta(days=1))):
        response = managers["sataedu"].post(f"/intake/api/v1/clients/{client}/path/steps", json={
            "kind": "visit_company", "title": title, "owner": "client", "due_date": due.isoformat()})
        assert response.status_code == 201, response.get_json()
    before = {name: len(kinds_of(network, name)) for name in ("manager1", "manager2")}
    assert announce(network.runtimes["intake"], today) >= 1
    assert network.settle()
    user = network.identity.get("manager1")
    with network.portal.db.session() as session:
        paths = list(session.execute(select(notifications.c.path).where(
            notifications.c.user_id == user.id, notifications.c.kind == "step_due")).scalars())
    assert paths.count(f"/clients/{client}/path") == 1  # the step due tomorrow is not announced today
    assert kinds_of(network, "manager1")[before["manager1"]:].count("step_due") >= 1
    assert len(kinds_of(network, "manager2")) == before["manager2"]  # SAMK's managers are not told


def test_the_streams_are_bounded_keep_alive_end_and_a_refused_page_is_told_to_poll(network, managers):
    import threading
    from dataclasses import replace

    root = network.root
    settings, slots = root.extensions["portal_settings"], root.extensions["portal_push_slots"]
    root.extensions["portal_settings"] = replace(settings, push=replace(settings.push, stream_seconds=2,
                                                                       keepalive_seconds=1))
    root.extensions["portal_push_slots"] = threading.BoundedSemaphore(1)
    try:
        samk = managers["samk"]
        first = samk.get("/notifications/stream", buffered=False)
        assert first.status_code == 200 and first.mimetype == "text/event-stream"
        busy = samk.get("/notifications/stream")
        assert busy.status_code == 503 and busy.headers["Retry-After"] == "20"
        assert busy.get_json()["poll_seconds"] == 20 and busy.get_json()["error"]["code"] == "busy"
        first.close()  # the browser left before reading anything: its stream is free again
        second = samk.get("/notifications/stream")  # read to its end: the stream ends by itself
        body = second.get_data(as_text=True)
        unread = samk.get("/notifications/unread").get_json()["unread"]
        assert body.startswith("retry: 1000\n\n") and f'"unread": {unread}' in body
        assert ": keep-alive\n\n" in body
        second.close()  # as the WSGI server does once the stream ended
        assert samk.get("/notifications/stream", buffered=False).status_code == 200
    finally:
        root.extensions["portal_settings"], root.extensions["portal_push_slots"] = settings, slots
