"""How many SQL statements the hot requests of intake's API send (issue #18): each is a round trip and the
driver's and SQLAlchemy's work, so a change that adds one to every request shows here, not in a benchmark.
Counted on PostgreSQL with an event listener on every engine (the service's and the audit store's)."""
from __future__ import annotations

import uuid
from collections import Counter

import pytest

from services.intake.handlers import desk
from shared.auth.principal import Principal
from shared.events.envelope import utcnow
from tests.integration.intake.client_helpers import API, network_on, register, unique_client
from tests.support import network as net
from tests.support.intake_partners import some_skill
from tests.support.statements import AUDIT_APPEND, counted, round_trips, service_and_audit


@pytest.fixture(scope="module")
def network(tmp_path_factory, postgres):
    with network_on(tmp_path_factory, postgres) as built:
        yield built


def statements(network, call, *, in_transaction: bool = False,
               pipelined: list[tuple[str, bool]] | None = None) -> tuple[Counter, object]:
    """The statements `call` sends to intake's database ("service") and to its audit store ("audit"), and its
    answer. (The embedded network's portal answers the token check from its own database in the same process;
    behind gunicorn that is an HTTP call whose answer is kept for a while, so it is not counted here.)"""
    return counted(service_and_audit(network.runtimes["intake"]), call, in_transaction=in_transaction,
                   pipelined=pipelined)


def test_the_hot_reads_send_their_queries_and_one_audit_statement(network):
    manager = net.client_as(network, "manager1")
    client = register(manager)
    manager.get(f"{API}/{client['id']}")  # the first request of a process looks things up once

    card, answer = statements(network, lambda: manager.get(f"{API}/{client['id']}"))
    assert answer.status_code == 200
    # the client's row; the audit entry (kampus_audit_append, then the flush outside the chain's lock)
    assert card == {"service": 1, "audit": AUDIT_APPEND}

    listed, answer = statements(network, lambda: manager.get(f"{API}?per_page=50"))
    assert answer.status_code == 200 and answer.get_json()["items"]
    # one page of rows, each with how many match in all (a window count); one entry naming them all
    assert listed == {"service": 1, "audit": AUDIT_APPEND}

    found, answer = statements(network, lambda: manager.post(f"{API}/search", json={"q": client["first_name"]},
                                                     headers={"Idempotency-Key": "search-1"}))
    assert answer.status_code == 200 and answer.get_json()["total"] == 1
    assert found == listed  # a search is a read: no idempotency key is claimed or kept

    # each read's statements on their own: no BEGIN and COMMIT round trips around them (the audit store's append and
    # its flush are self-committing statements too)
    for call in (lambda: manager.get(f"{API}/{client['id']}"), lambda: manager.get(f"{API}?per_page=50"),
                 lambda: manager.post(f"{API}/search", json={"q": client["first_name"]})):
        in_transaction, answer = statements(network, call, in_transaction=True)
        assert answer.status_code == 200 and in_transaction == {}


def test_registering_a_client(network):
    manager = net.client_as(network, "manager1")
    register(manager)
    body = unique_client()
    counted, answer = statements(network, lambda: manager.post(API, json=body, headers={"Idempotency-Key": "r-1"}))
    assert answer.status_code == 201
    # the key claimed (one INSERT); the client inserted and its row returned by the same statement (a new client
    # has no processing restrictions to read); the event into the outbox and the relay woken (NOTIFY); the
    # answer kept under the key; the audit entries in one
    assert counted == {"service": 5, "audit": AUDIT_APPEND}
    in_transaction, answer = statements(network, lambda: manager.post(API, json=unique_client(),
                                                                      headers={"Idempotency-Key": "r-1b"}),
                                        in_transaction=True)
    # a change: the client, the outbox and NOTIFY in one transaction (the key's claim and kept answer commit alone)
    assert answer.status_code == 201 and in_transaction == {"service": 3}


def test_registering_a_client_with_the_optional_consents(network):
    """bench/api.py's registration: under the default register profile sharing, contact and overlap are asked
    (service and statistics rest on a public task, so their decisions are not recorded)."""
    manager = net.client_as(network, "manager1")
    register(manager)
    body = unique_client(consents={"service": True, "profile_sharing": True, "contact_to_partner": False,
                                   "statistics": True, "overlap": False})
    sent: list[tuple[str, bool]] = []
    counted, answer = statements(network, lambda: manager.post(API, json=body, headers={"Idempotency-Key": "r-2"}),
                                 pipelined=sent)
    assert answer.status_code == 201
    # the key claimed; the client inserted, returning its row; the 3 decisions asked in one executemany (psycopg
    # sends its rows in one pipeline); the events (registered, person key, consent given, profile shared,
    # statistics) into the outbox in one INSERT and the relay woken; the answer kept. Nothing is read back: the
    # new client has no consent, restriction, profile, skill or disclosure question yet. Before issue #18's sixth
    # round: 18 (an INSERT per decision and a consent look-up before each, the profile's restrictions, consent,
    # availability and skills, the disclosure questions of a contact refusal, the statistics' restrictions, the
    # client read back).
    assert counted == {"service": 6, "audit": AUDIT_APPEND}
    # issue #18's tenth round: the decisions, the events and NOTIFY go with the COMMIT, one round trip where they
    # were four (the key's claim and kept answer commit on their own)
    assert [(words, True) for words in ("INSERT INTO consents", "INSERT INTO outbox", "NOTIFY")] == [
        (words, piped) for words, piped in sent if piped]
    # the audit store's two statements before the COMMIT, the answer kept after it
    assert [words for words, piped in sent if not piped] == [
        "INSERT INTO idempotency_keys", "INSERT INTO clients", "SELECT", "SELECT", "UPDATE"]
    # the answer is built from the INSERT's row and dumped by the compiled dumper: the card reads the same
    assert answer.get_json() == manager.get(f"{API}/{answer.get_json()['id']}").get_json()
    stored = manager.get(f"{API}/{answer.get_json()['id']}/consents").get_json()
    # the decisions asked (profile sharing, contact, overlap) stored by the one statement; newest first
    assert [(d["purpose"], d["given"]) for d in stored["history"]] == [
        ("overlap", False), ("contact_to_partner", False), ("profile_sharing", True)]


def test_recording_a_competence_need(network):
    manager = net.client_as(network, "manager1")
    partner = manager.post("/intake/api/v1/partners", json={"name": "Laskuri Oy", "kind": "company"})
    assert partner.status_code == 201, partner.get_json()
    body = {"partner_id": partner.get_json()["id"], "title": "Kuormitustarve", "work_type": "part_time",
            "skills": [{"uri": some_skill(0), "essential": True, "level": 2}]}
    # the first request of a process looks things up (another title: the same open need is refused twice)
    manager.post("/intake/api/v1/competence-needs", json={**body, "title": "Ensimmäinen tarve"})
    body["skills"].insert(0, {"uri": some_skill(1), "essential": False, "level": 3})
    sent: list[tuple[str, bool]] = []
    counted, answer = statements(network, lambda: manager.post("/intake/api/v1/competence-needs", json=body,
                                                               headers={"Idempotency-Key": "n-1"}), pipelined=sent)
    assert answer.status_code == 201 and answer.get_json()["partner_name"] == "Laskuri Oy"
    # the key claimed; the partner read (the rights to its needs); the partner's open needs read (one need is not
    # recorded twice); the need inserted, returning its row; its skill inserted; the event into the outbox and
    # the relay woken; the answer kept. The answer is built from what was written: before issue #18's sixth
    # round the need, its skills and its partner's name were read back (10). Nothing personal, so no audit entry.
    assert counted == {"service": 8}
    # the skills, the event and NOTIFY go with the COMMIT (the tenth round), one round trip where they were four
    assert sent == [("INSERT INTO idempotency_keys", False), ("SELECT", False), ("SELECT", False),
                    ("INSERT INTO competence_needs", False),
                    ("INSERT INTO need_skills", True), ("INSERT INTO outbox", True), ("NOTIFY", True),
                    ("UPDATE", False)]
    stored = manager.get(f"/intake/api/v1/competence-needs/{answer.get_json()['id']}").get_json()
    assert [s["uri"] for s in stored["skills"]] == [some_skill(0), some_skill(1)]  # essential first
    assert stored == answer.get_json()


def test_the_navigation_counts_the_desk_in_one_statement(network):
    """Every intake page's navigation shows how many items the manager's desk has: one statement of counts
    (no names read, so no audit entry); the desk page itself reads the items with the names and audits them."""
    manager = net.client_as(network, "manager1")
    client = register(manager)
    due = manager.post(f"{API}/{client['id']}/path/steps", json={
        "kind": "visit_company", "title": "Vierailu", "owner": "client", "due_date": "2026-01-05"})
    assert due.status_code == 201, due.get_json()  # overdue: on the desk with the client's name
    principal = Principal(user_id=str(uuid.uuid4()), username="manager1", organisation="sataedu",
                          roles=frozenset({"manager"}))
    today = desk.Today(now=utcnow())
    runtime = network.runtimes["intake"]

    def counted():
        with runtime.work() as work:
            return desk.count(work, principal, today)

    def collected():
        with runtime.work() as work:
            return desk.collect(work, principal, today)

    counts, answer = statements(network, counted)
    listed, items = round_trips(service_and_audit(runtime), collected)
    assert counts == {"service": 1}
    # meetings, steps, referrals, shared clients, suggestions, the quiet clients (one query with their names: no
    # client is quiet, so no last contact is read), the environments needing action (intake's own projection of
    # environments' announcements), sent together in one round trip (psycopg's pipeline; in a unit of work's
    # transaction its BEGIN is a round trip before them and its COMMIT one after); the audit entry naming the client
    # shown. Before issue #18's seventh round: 9 statements (the quiet rule read every active client's four kinds of
    # contact) and the environments service asked over HTTP; before the eleventh, 9 round trips
    assert listed == {"service": 3, "audit": AUDIT_APPEND}
    assert answer.count == items.count >= 1 and answer.count_of("steps") == items.count_of("steps") >= 1


def test_the_desk_page_reads_its_items_once_and_asks_no_other_service(network, monkeypatch):
    """The desk page (GET /intake/desk): its items as `desk.collect` reads them and one audit entry; its navigation's
    counts are the items just read (no count statement), and no other service is asked over HTTP."""
    import urllib.request

    manager = net.client_as(network, "manager1")
    client = register(manager)
    due = manager.post(f"{API}/{client['id']}/path/steps", json={
        "kind": "visit_company", "title": "Vierailu", "owner": "client", "due_date": "2026-01-05"})
    assert due.status_code == 201, due.get_json()
    asked = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: asked.append(a) or (_ for _ in ()).throw(
        OSError("no other service in this test")))
    manager.get("/intake/desk", headers={"Accept": "text/html"})  # the first request of a process looks things up
    desk_page, answer = statements(network, lambda: manager.get("/intake/desk", headers={"Accept": "text/html"}))
    assert answer.status_code == 200 and "Vierailu" in answer.get_data(as_text=True)
    # the seven kinds' queries and the audit entry; before the seventh round 9 + 1 for the navigation's counts + 1
    # audit entry, and an HTTP call to the environments service
    # the kinds' statements go to the driver in one pipeline, past SQLAlchemy's statement events (counted below)
    assert desk_page == {"audit": AUDIT_APPEND}
    assert asked == []
    # the seven kinds' statements in one round trip (psycopg's pipeline: shared.db.rows_together), the audit append
    # and its flush; before issue #18's eleventh round seven round trips for the kinds
    waited, answer = round_trips(service_and_audit(network.runtimes["intake"]),
                                 lambda: manager.get("/intake/desk", headers={"Accept": "text/html"}))
    assert answer.status_code == 200 and "Vierailu" in answer.get_data(as_text=True)
    assert waited == {"service": 1, "audit": AUDIT_APPEND}
    # each statement on its own: no BEGIN and COMMIT round trips around them (before issue #18's tenth round the
    # seven in a unit of work's transaction)
    in_transaction, answer = statements(network, lambda: manager.get("/intake/desk", headers={"Accept": "text/html"}),
                                        in_transaction=True)
    assert answer.status_code == 200 and in_transaction == {}


def test_a_page_of_the_list_says_how_many_match_in_all_and_past_the_end_counts_apart(network):
    manager = net.client_as(network, "manager1")
    for _ in range(3):
        register(manager)
    everyone = manager.get(f"{API}?per_page=100").get_json()
    total = everyone["total"]
    assert total == len(everyone["items"]) >= 3
    second, answer = statements(network, lambda: manager.get(f"{API}?per_page=2&page=2"))
    assert answer.get_json()["total"] == total and len(answer.get_json()["items"]) == 2
    assert [c["id"] for c in answer.get_json()["items"]] == [c["id"] for c in everyone["items"][2:4]]
    assert second == {"service": 1, "audit": AUDIT_APPEND}
    past, answer = statements(network, lambda: manager.get(f"{API}?per_page=50&page=99"))
    assert answer.get_json() == {"items": [], "total": total, "page": 99, "per_page": 50}
    assert past == {"service": 2}  # no rows: how many match is asked apart; nobody listed, nothing audited
    nobody, answer = statements(network, lambda: manager.post(f"{API}/search", json={"q": "Ketäänniminen"}))
    assert answer.get_json() == {"items": [], "total": 0, "page": 1, "per_page": 25} and nobody == {"service": 1}


def test_the_lists_statements_name_the_hidden_statuses_in_their_text_and_a_search_reads_the_clients_once(network):
    """A prepared statement's generic plan cannot see its parameters' values: with the hidden statuses as parameters
    PostgreSQL planned the list to read and sort every client of the organisation for a page (issue 18, ninth round).
    A search by name counts its matches with a window over the one scan, not a subquery scanning them again."""
    manager = net.client_as(network, "manager1")
    client = register(manager)
    for call in (lambda: manager.get(f"{API}?per_page=50&status=active"),
                 lambda: manager.post(f"{API}/search", json={"q": client["last_name"]})):
        texts: list[str] = []
        _counted, answer = counted(service_and_audit(network.runtimes["intake"]), call, texts=texts)
        assert answer.status_code == 200 and answer.get_json()["total"] >= 1
        listed = [" ".join(text.split()) for text in texts if "FROM clients" in text]
        assert len(listed) == 1 and "NOT IN ('erased', 'archived')" in listed[0]
    assert "OVER ()" in listed[0] and listed[0].count("FROM clients") == 1

