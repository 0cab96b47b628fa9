"""A known history run through the services as their users would, every published figure worked out by hand.

Sataedu (manager1), SAMK (manager2) and WinNova (manager3) register thirteen clients in 2026; Aino Jaettu is
a client of both Sataedu and SAMK (one person). Women unless marked (m):
  sataedu  A0 A1 A2(m) A3(m) A4=Aino   entered 2026-02-02   A0 left 2026-06-30, A1 2026-07-31 (back-dated)
  samk     B0 B1 B2(m) B3=Aino         entered 2026-03-02   B0 left 2026-05-15, B3 2026-06-15 (back-dated)
  winnova  C0 C1 C2 C3(m)              entered 2026-04-01   C0 is erased
Each is long-term unemployed, 21 at entry (born 2004-05-17: under 25) and at ISCED level 3.
Environments (fields 04 and 06: multidisciplinary): E1 of Sataedu with A2, A3 and A4, running, a thesis topic
and a project recorded without a participant; E2 of Sataedu, cancelled; E3 of SAMK with B1 and B2, running, a
new order recorded without a participant; and a new order of Sataedu with its partner Konepaja outside any
environment (2026-05-04). Then C0 is erased and reporting rebuilt; the figures stay.
"""
from __future__ import annotations

import re

from services.reporting.handlers.rebuild import rebuild
from shared import clock
from tests.integration.environments.helpers import API as ENVIRONMENTS
from tests.integration.environments.helpers import enrol, move, opened
from tests.integration.intake.client_helpers import API, register
from tests.integration.reporting.reporting_helpers import cells
from tests.support import erasure
from tests.support import network as net
from tests.support.intake_partners import browser_as, csrf_of
from tests.support.recovery import recovered

PERIOD = {"start": "2026-01-01"}  # to today: every fact of the history falls in it
AINO = {"first_name": "Aino", "last_name": "Jaettu", "birth_date": "2004-05-17"}
FACTS = {"employment_status": "long_term_unemployed", "education_level": 3, "disadvantaged": False,
         "birth_date": "2004-05-17"}
ESF_ZERO = ("long_term_unemployed", "unemployed", "under_25", "isced_3_4")  # every person's entry figures


def client(api, day: str, gender: str = "woman", **more) -> str:
    return register(api, entered_on=day, gender=gender, **{**FACTS, **more})["id"]


def close(api, client_id: str, day: str) -> None:
    closed = api.post(f"{API}/{client_id}/close", json={"closed_on": day})
    assert closed.status_code == 200, closed.get_json()


def partner(api, name: str) -> str:
    made = api.post("/intake/api/v1/partners", json={"name": name, "kind": "company"})
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def outcome(api, environment: dict, partner_id: str, kind: str) -> None:
    recorded = api.post(f"{ENVIRONMENTS}/environments/{environment['id']}/outcomes", json={
        "kind": kind, "partner_id": partner_id, "started_on": clock.today().isoformat()})
    assert recorded.status_code == 201, recorded.get_json()


def history(network) -> dict:
    sataedu, samk, winnova = (net.client_as(network, u) for u in ("manager1", "manager2", "manager3"))
    a = [client(sataedu, "2026-02-02"), client(sataedu, "2026-02-02"), client(sataedu, "2026-02-02", "man"),
         client(sataedu, "2026-02-02", "man"), client(sataedu, "2026-02-02", **AINO)]
    b = [client(samk, "2026-03-02"), client(samk, "2026-03-02"), client(samk, "2026-03-02", "man"),
         client(samk, "2026-03-02", **{**AINO, "first_name": " AINO "})]  # the name normalised: the same person
    c = [client(winnova, "2026-04-01"), client(winnova, "2026-04-01"), client(winnova, "2026-04-01"),
         client(winnova, "2026-04-01", "man")]
    close(sataedu, a[0], "2026-06-30")
    close(sataedu, a[1], "2026-07-31")
    close(samk, b[0], "2026-05-15")
    close(samk, b[3], "2026-06-15")  # Aino is still Sataedu's client: she has not left the project
    network.settle()
    konepaja, verkko = partner(sataedu, "Konepaja Testi Oy"), partner(samk, "Verkkokauppa Testi Oy")
    network.settle()
    e1 = opened(sataedu, network, partner_ids=[konepaja], name="Kyläkauppa")
    e2 = opened(sataedu, network, partner_ids=[konepaja], name="Tapahtuma")
    e3 = opened(samk, network, partner_ids=[verkko], name="Verkkokauppa")
    for api, environment, people in ((sataedu, e1, a[2:5]), (samk, e3, b[1:3])):
        for seat, person in enumerate(people):  # two roles of two seats each
            enrolled = enrol(api, environment, seat % 2, client_id=person, known=False)
            assert enrolled.status_code == 201, enrolled.get_json()
        assert move(api, environment["id"], "running").status_code == 200
    assert move(sataedu, e2["id"], "cancelled", reason="Kumppani vetäytyi.").status_code == 200
    outcome(sataedu, e1, konepaja, "thesis")  # a thesis topic: nobody named
    outcome(sataedu, e1, konepaja, "project")
    outcome(samk, e3, verkko, "order")
    ordered = sataedu.post(f"/intake/api/v1/partners/{konepaja}/cooperation",
                           json={"kind": "order", "started_on": "2026-05-04"})
    assert ordered.status_code == 201, ordered.get_json()
    network.settle()
    return {"a": a, "b": b, "c": c}


def figures(api, **more) -> dict:
    response = api.get("/reporting/api/v1/indicators", query_string={**PERIOD, **more})
    assert response.status_code == 200, response.get_json()
    return {**cells(response.get_json()), "cards": {c["key"]: c for c in response.get_json()["cards"]}}


def check_exact(t: dict) -> None:
    """The coordinator's exact figures after C0's erasure (the dashboard's data and the funder's report)."""
    # Persons by the organisation they came to first: sataedu A0–A4 = 5; samk B0–B2 = 3 (B3 is A4);
    # winnova C1–C3 = 3 (C0 erased). 5 + 3 + 3 = 11 persons of 12 records left.
    reach = t["reach"]
    assert {k: v for k, v in reach.items() if k[1] in ("clients_served", "new_clients")} == {
        ("sataedu", "clients_served"): 5, ("samk", "clients_served"): 3, ("winnova", "clients_served"): 3,
        ("total", "clients_served"): 11, ("sataedu", "new_clients"): 5, ("samk", "new_clients"): 3,
        ("winnova", "new_clients"): 3, ("total", "new_clients"): 11}
    # Participants: E1 A2, A3, A4 (sataedu 3), E3 B1, B2 (samk 2); 5 in all; nobody completed.
    assert (reach[("sataedu", "participants")], reach[("samk", "participants")], reach[("total", "participants")]) \
        == (3, 2, 5)
    assert reach[("total", "completed")] == 0
    assert t["funnel"] == {("clients_served", "persons"): 11, ("participants", "persons"): 5,
                           ("in_work", "persons"): 0}
    # Aino became a client of a second organisation on 2026-03-02: one shared client, at sataedu.
    assert t["referrals"][("sataedu", "shared_found")] == 1 and t["referrals"][("total", "shared_found")] == 1
    # Environments active in the period: sataedu E1 running, E2 cancelled (2, both multidisciplinary); samk E3
    # running (1); in all running 2, cancelled 1, total 3, multidisciplinary 3.
    env = t["environments"]
    assert (env[("sataedu", "running")], env[("sataedu", "cancelled")], env[("sataedu", "total")]) == (1, 1, 2)
    assert (env[("samk", "running")], env[("samk", "total")]) == (1, 1)
    assert (env[("total", "running")], env[("total", "cancelled")], env[("total", "total")],
            env[("total", "multidisciplinary")]) == (2, 1, 3, 3)
    # Started multidisciplinary environments, running or completed: E1 and E3 = 2 of the target 20.
    assert t["cards"]["target"] == {"key": "target", "value": 2, "of": 20}
    # Cooperation opportunities (events): sataedu a thesis topic and a project in E1 and an order with Konepaja
    # (3), samk an order in E3 (1); orders 1 + 1 = 2; 3 + 1 = 4 in all.
    assert t["cooperation"] == {
        ("sataedu", "order"): 1, ("sataedu", "project"): 1, ("sataedu", "thesis"): 1, ("sataedu", "total"): 3,
        ("samk", "order"): 1, ("samk", "project"): 0, ("samk", "thesis"): 0, ("samk", "total"): 1,
        ("total", "order"): 2, ("total", "project"): 1, ("total", "thesis"): 1, ("total", "total"): 4}
    assert t["cards"]["cooperation"]["value"] == 4 and t["cards"]["jobs"]["value"] == 0
    # ESF entry, each person once: women A0, A1, A4 (Aino), B0, B1, C1, C2 = 7; men A2, A3, B2, C3 = 4.
    entry = t["esf_entry"]
    for row in ("participants", *ESF_ZERO):
        assert (entry[(row, "woman")], entry[(row, "man")], entry[(row, "total")]) == (7, 4, 11), row
    assert entry[("disadvantaged", "total")] == 0 and entry[("employed", "total")] == 0
    # ESF exit, at the person's last exit: A0 (30 June), A1 (31 July), B0 (15 May), all women; Aino has not left
    # (her Sataedu record is open). Nobody in education or work within four weeks.
    leaving = t["esf_exit"]
    assert (leaving[("leavers", "woman")], leaving[("leavers", "total")]) == (3, 3)
    assert leaving[("in_employment", "total")] == 0 and leaving[("in_education", "total")] == 0


def test_every_published_figure_of_a_known_network_history(network):
    people = history(network)
    coordinator = net.client_as(network, "coordinator")
    before = figures(coordinator)
    # Before the erasure: winnova 4, the network 12 persons (13 records, Aino once); women 8 (C0 too).
    assert before["reach"][("winnova", "clients_served")] == 4 and before["reach"][("total", "clients_served")] == 12
    assert before["esf_entry"][("participants", "woman")] == 8

    winnova = net.client_as(network, "manager3")
    erased = erasure.erase(erasure.via(winnova), people['c'][0])  # the request's decision, carried out
    assert erased.status_code == 200, erased.get_json()
    network.settle()
    check_exact(figures(coordinator))
    rebuild(network.runtimes["reporting"].db)
    check_exact(figures(coordinator))

    # The dashboard page shows the same figures: the target, and that they are exact.
    browser = browser_as(network, "coordinator")
    browser.set_cookie("kampus_lang", "en")
    page = browser.get("/reporting/", query_string=PERIOD, headers={"Accept": "text/html"}).text
    assert re.search(r"\b2 / 20\b", page) and "Exact figures" in page

    # The funder's report as frozen and sent: the same exact figures.
    token = csrf_of(page)
    frozen = browser.post("/reporting/frozen?start=2026-01-01", data={"csrf_token": token})
    assert frozen.status_code == 303, frozen.text
    listing = browser.get("/reporting/frozen", headers={"Accept": "text/html"}).text
    report_id = re.search(r"/reporting/frozen/([0-9a-f-]{36})\.json", listing).group(1)
    sent = browser.get(f"/reporting/frozen/{report_id}.json").json
    check_exact({**cells(sent), "cards": {c["key"]: c for c in sent["cards"]}})

    # A manager (Sataedu) sees the network protected: sataedu's 5 and the network's 11 shown, the other
    # organisations' rows left out; sataedu's 3 participants are "<5".
    mine = figures(net.client_as(network, "manager1"), organisation="")
    assert {k: v for k, v in mine["reach"].items() if k[1] == "clients_served"} == {
        ("sataedu", "clients_served"): 5, ("total", "clients_served"): 11}
    assert mine["reach"][("sataedu", "participants")] == "<5"

    # Open data: the 2026 first half-year, built after the erasure, reviewed and published. Its persons: the 11
    # entered by April (A1 and B0 left in it, the rest later or not at all). Every organisation (5, 3, 3) and
    # gender (7 women, 4 men) is a slice of fewer than 10 persons, hidden whole; the network's 11 is shown.
    built = browser.post("/reporting/open-data", data={"csrf_token": csrf_of(browser.get("/reporting/open-data").text),
                                                       "period": "2026-H1"})
    assert built.status_code == 303, built.text
    release = built.headers["Location"]
    for action in ("review", "publish"):
        form = browser.get(release, headers={"Accept": "text/html"}).text
        assert browser.post(f"{release}/{action}", data={"csrf_token": csrf_of(form)}).status_code == 303
    document = _anonymous(network).get("/reporting/api/v1/open-data/2026-H1").json
    published = cells(document)
    served = published["reach.organisation"]
    assert served[("total", "clients_served")] == 11
    assert all(served[(org, "clients_served")] in ("<5", "x", "..") for org in ("sataedu", "samk", "winnova"))
    assert all(published["reach.gender"][(g, "clients_served")] in ("<5", "x", "..") for g in ("woman", "man"))
    # Cooperation opportunities are events, shown as they are: in the half-year only Sataedu's order of 4 May.
    assert published["cooperation.organisation"] == {("sataedu", "order"): 1, ("sataedu", "total"): 1,
                                                     ("total", "order"): 1, ("total", "total"): 1}
    # No hidden cell can be worked out from the whole published document.
    assert recovered(document["tables"], document["links"]) == {}


def _anonymous(network):
    from werkzeug.test import Client

    return Client(network.wsgi)
