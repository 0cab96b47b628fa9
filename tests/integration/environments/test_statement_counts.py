"""How many SQL statements the manager's reminders send (issue #18): intake's desk and navigation ask for them, and
they were read environment by environment (six statements each, plus the language check of every text). Counted on
PostgreSQL with an event listener on environments' engine: the same for 3 environments as for 30."""
from __future__ import annotations

import re
import uuid
from itertools import groupby

import pytest

from tests.integration.environments.helpers import (
    API,
    HTML,
    create,
    enrol,
    move,
    network_on,
    opened,
    register_partner,
    runtime,
)
from tests.support import network as net
from tests.support.statements import counted, round_trips

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def network(tmp_path_factory, postgres):
    with network_on(tmp_path_factory, postgres) as built:
        yield built


def statements(network, call) -> tuple[int, object]:
    """The statements `call` sends to environments' database (not BEGIN/COMMIT), and its answer."""
    seen, answer = counted({runtime(network).db.engine.url.database: "service"}, call)
    return seen["service"], answer


def by_environment(reminders: list[dict]) -> dict[str, list[tuple]]:
    return {env: [(r["kind"], r["participant_id"], r["partner_id"]) for r in found]
            for env, found in groupby(reminders, key=lambda r: r["environment_id"])}


def test_the_reminders_of_30_environments_take_as_many_statements_as_those_of_3(network):
    manager = net.client_as(network, "manager1")
    draft = create(manager, name="Luonnos")  # its review is not done
    running = opened(manager, network, name="Käynnissä")
    people = [enrol(manager, running, i).get_json()["id"] for i in (0, 1)]
    assert move(manager, running["id"], "running").status_code == 200  # the students' start metrics are missing
    reviewed = opened(manager, network, name="Avattu")  # open: nothing missing
    create(net.client_as(network, "manager2"), name="Toisen organisaation")  # not Sataedu's: not in its list
    manager.get(f"{API}/reminders")  # the first request of a process looks things up once

    few, answer = statements(network, lambda: manager.get(f"{API}/reminders"))
    assert answer.status_code == 200
    found = by_environment(answer.get_json())
    assert found == {draft["id"]: [("review", None, None)],
                     running["id"]: [("start_metrics", people[0], None), ("start_metrics", people[1], None)]}
    assert reviewed["id"] not in found
    for environment_id, reminders in found.items():  # the same as each environment's own reminders
        own = manager.get(f"{API}/environments/{environment_id}/reminders").get_json()
        assert [(r["kind"], r["participant_id"], r["partner_id"]) for r in own] == reminders

    more = [create(manager, name=f"Luonnos {i:02d}")["id"] for i in range(27)]
    many, answer = statements(network, lambda: manager.get(f"{API}/reminders"))
    assert answer.status_code == 200
    found = by_environment(answer.get_json())
    assert len(found) == 29 and all(found[i] == [("review", None, None)] for i in more)
    # the environments; their roles, partners and review (not their needs, which no reminder reads); their
    # participants, assessments, surveys, personal metrics and outcomes: one statement each, whatever their number
    assert many == few == 9


def test_the_partners_assessments_page_takes_as_many_statements_for_6_environments_as_for_3(network):
    """The partner's "my assessments" page read each environment, its access and its reminders one by one; now
    the environments' parts and reminders are read for all of them at once."""
    manager, partner = net.client_as(network, "manager1"), net.client_as(network, "partner1")
    ours = register_partner(network, "Konepaja Laskuri Oy", organisation="konepaja-virtanen")  # partner1's
    theirs = register_partner(network, "Nuorisoseura Laskuri", organisation="nuorisoseura", kind="association")

    def completed(name: str) -> dict:  # one enrolled participant: ours has them and the team to assess
        environment = opened(manager, network, partner_ids=[ours, theirs], name=name)
        enrol(manager, environment, 0)
        assert move(manager, environment["id"], "running").status_code == 200
        assert move(manager, environment["id"], "completed").status_code == 200
        return environment

    def listed() -> tuple[int, str]:
        partner.get("/environments/my/assessments", headers=HTML)  # a process's first request looks things up
        seen, answer = statements(network, lambda: partner.get("/environments/my/assessments", headers=HTML))
        assert answer.status_code == 200
        return seen, " ".join(answer.get_data(as_text=True).split())

    first = [create(manager, [ours], name="Laskurin luonnos"), completed("Laskurin valmis"),
             opened(manager, network, partner_ids=[ours], name="Laskurin avoin")]
    create(manager, [theirs], name="Toisen kumppanin")  # not partner1's: not listed
    few, html = listed()
    assert all(e["name"] in html for e in first) and "Toisen kumppanin" not in html
    # the completed one: its participant's assessment and the overall one, ours only (not the other partner's)
    assert html.count("arviointia antamatta") == 1 and "2 arviointia antamatta" in html
    more = [completed(f"Laskurin valmis {i}") for i in (2, 3)] + [create(manager, [ours], name="Laskurin luonnos 2")]
    many, html = listed()
    assert all(e["name"] in html for e in first + more) and html.count("2 arviointia antamatta") == 3
    # the environments; the partner's own partners there; the participants and assessments of those completed or
    # evaluated (a partner is reminded only of its assessments): one statement each, whatever the number (it was
    # twelve: the seats, the conversations' keepers, every part, the surveys, metrics and outcomes, which the page
    # does not show)
    assert many == few == 4


def test_the_environment_list_reads_what_it_shows_in_four_statements_whatever_their_number(network):
    """The list read the whole rows and every part (roles with their skills, partners, needs, review) for a summary
    that shows none of the texts, needs or review: six statements; now what the summary shows, in four."""
    manager = net.client_as(network, "manager1")
    partner = register_partner(network, "Konepaja Listaaja Oy", organisation="konepaja-listaaja")
    create(manager, [partner], name="Listan ensimmäinen")
    manager.get(f"{API}/environments")  # the first request of a process looks things up once

    def listed(texts: list[str]) -> tuple[int, list[dict]]:
        seen, answer = counted({runtime(network).db.engine.url.database: "service"},
                               lambda: manager.get(f"{API}/environments"), texts=texts)
        assert answer.status_code == 200
        return seen["service"], answer.get_json()

    few_texts: list[str] = []
    few, found = listed(few_texts)
    first = next(e for e in found if e["name"] == "Listan ensimmäinen")
    assert [p["name"] for p in first["partners"]] == ["Konepaja Listaaja Oy"]
    for i in range(10):
        create(manager, [partner], name=f"Listan {i:02d}")
    many_texts: list[str] = []
    many, found = listed(many_texts)
    assert len(found) >= 11 and sum(e["name"].startswith("Listan ") for e in found) == 11
    # the environments; the seats taken; the roles' fields of education; the partners
    assert many == few == 4
    # the listed environments' ids in one array parameter: the same statements for 11 more environments (an IN list
    # had a placeholder per environment)
    assert many_texts == few_texts
    # each on its own: no BEGIN and ROLLBACK round trips around them
    in_transaction, answer = counted({runtime(network).db.engine.url.database: "service"},
                                     lambda: manager.get(f"{API}/environments"), in_transaction=True)
    assert answer.status_code == 200 and in_transaction == {}


SIGNED = re.compile(r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}")  # a CSRF token, signed anew each second


def test_the_environment_page_is_the_same_with_its_statements_kept_and_reads_each_part_once(network, monkeypatch):
    """The environment page's statements are kept compiled on PostgreSQL (handlers/kept.py), its participants,
    assessments and outcomes read once for all its sections, and its reads after the environment and the reader's
    access sent together (`Kept.ahead`): every role's page the same with each read sent when its section asks and
    with the statements built by SQLAlchemy each time, in every language; the host manager's in 12 statements (18
    when each section read its own), in 4 round trips for every reader but those whose access is read (14 for the
    host manager when each statement waited for its answer)."""
    from services.environments.handlers.kept import KEPT
    from services.environments.web import environments as pages

    manager, partner = net.client_as(network, "manager1"), net.client_as(network, "partner1")
    ours = register_partner(network, "Konepaja Sivu Oy", organisation="konepaja-virtanen")  # partner1's
    environment = opened(manager, network, partner_ids=[ours], name="Sivun ympäristö")
    students = [str(uuid.uuid4()) for _ in range(2)]
    people = [enrol(manager, environment, 0, client_id=s, team_name=f"Tiimi {i}").get_json()["id"]
              for i, s in enumerate(students)]
    enrol(net.client_as(network, "manager2"), environment, 1, organisation="samk")  # another member's client
    assert move(manager, environment["id"], "running").status_code == 200
    scores = {k: 4 for k in ("competence_matched_needs", "working_life_skills", "initiative", "teamwork",
                             "would_recruit")}
    assert partner.post(f"{API}/environments/{environment['id']}/assessments",
                        json={"participant_id": people[0], "scores": scores}).status_code == 201
    assert partner.post(f"{API}/environments/{environment['id']}/outcomes",
                        json={"kind": "part_time", "participant_id": people[0],
                              "started_on": "2026-06-01"}).status_code == 201
    viewers = {name: net.client_as(network, name) for name in ("manager1", "manager2", "partner1", "coordinator")}
    viewers["student"] = net.student_client(network, students[1])
    second = opened(manager, network, partner_ids=[ours], name="Toinen sivu")  # no one in it
    path = f"/environments/environments/{environment['id']}"

    def shown(client, language: str, at: str = path) -> tuple[int, str]:
        answer = client.get(at, headers={**HTML, "Accept-Language": language})
        return answer.status_code, SIGNED.sub("<token>", answer.get_data(as_text=True))

    databases = {runtime(network).db.engine.url.database: "service"}
    waited = {}
    for name, client in viewers.items():
        for _ in range(6):  # a statement is kept at its first execution, prepared by psycopg at its fifth
            shown(client, "fi")
        waited[name], answer = round_trips(databases, lambda client=client: client.get(path, headers=HTML))
        assert answer.status_code == 200
    # BEGIN, the environment, the reads together, COMMIT; the partner's partners there and whether the student takes
    # part are read between the environment and the rest, one round trip more
    assert waited == {"manager1": {"service": 4}, "manager2": {"service": 4}, "partner1": {"service": 5},
                      "coordinator": {"service": 4}, "student": {"service": 5}}
    with monkeypatch.context() as each_read:
        each_read.setattr(pages, "ahead", lambda *_args: None)
        each, _answer = round_trips(databases, lambda: viewers["manager1"].get(path, headers=HTML))
    assert each == {"service": 14}

    pages_of = {}
    for mode in ("ahead", "each", "built"):
        monkeypatch.setattr(KEPT, "on", mode != "built")
        monkeypatch.setattr(pages, "ahead", KEPT.ahead if mode == "ahead" else lambda *_args: None)
        for name, client in viewers.items():
            for language in ("fi", "sv", "en"):
                shown(client, language)
                pages_of[mode, name, language] = shown(client, language)
            if name != "student":
                pages_of[mode, name, "second"] = shown(client, "fi", f"/environments/environments/{second['id']}")
    for (mode, name, language), page in pages_of.items():
        assert page == pages_of["ahead", name, language], (mode, name, language)
    assert {page[0] for page in pages_of.values()} == {200}
    host = pages_of["ahead", "manager1", "fi"][1]
    assert "Tiimi 0" in host and "Tiimi 1" in host and "Osa-aikainen työ" in host
    assert "Sivun ympäristö" in pages_of["ahead", "partner1", "en"][1]
    assert "Toinen sivu" in pages_of["ahead", "partner1", "second"][1]
    assert "Tiimi 0" not in pages_of["ahead", "manager1", "second"][1]
    # the next moves' forms (the running environment's: complete, cancel) for the host's managers only
    moves = {(name, language): re.findall(r'class="form move move--(\w+)"', page[1])
             for (mode, name, language), page in pages_of.items() if mode == "ahead"}
    assert moves.pop(("manager1", "fi")) == ["completed", "cancelled"]
    assert moves.pop(("manager1", "second")) == ["running", "cancelled"]  # open: start or cancel
    assert all(found == [] for (name, _language), found in moves.items() if name != "manager1")
    seen, answer = statements(network, lambda: viewers["manager1"].get(path, headers=HTML))
    assert answer.status_code == 200
    # the environment; its roles, partners, needs and review; its participants, assessments and outcomes; refusals;
    # the reminders' surveys and personal metrics; the survey averages
    assert seen == 12
