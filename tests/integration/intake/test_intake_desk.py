"""The manager's desk, case notes and meetings (issue 17 items 1, 3, 4), on SQLite and PostgreSQL.

The desk's items appear from the scenario and disappear when done; notes are audited, exported, erased and
past their retention deleted; meetings are checked field by field, offered as .ics and in a revocable feed.
"""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select, update
from werkzeug.test import Client

from demo.identity import PASSWORD
from services.intake.db import client_notes, clients, path_step_history, path_steps
from services.intake.domain.meetings import HELSINKI
from services.intake.handlers import desk
from services.intake.handlers.retention import record_types
from shared import clock
from shared.auth.principal import Principal
from shared.privacy import retention
from shared.privacy.register import build
from tests.integration.environments.helpers import create as create_environment
from tests.integration.environments.helpers import pass_review
from tests.integration.intake.personal_helpers import HTML, as_student, field_errors, register, rows, token
from tests.support import erasure
from tests.support import network as net

pytestmark = pytest.mark.integration

TODAY = clock.today()
INTAKE = "/intake/api/v1/clients"


def page(api, url, status=200):
    response = api.get(url, headers=HTML)
    assert response.status_code == status, response.text[-500:]
    return response.text


def desk_text(manager) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page(manager, "/intake/desk")).split())


def step(manager, client_id, **body):
    response = manager.post(f"{INTAKE}/{client_id}/path/steps", json={
        "kind": "guidance_meeting", "title": "Ohjauskeskustelu", "owner": "manager", **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_note_is_recorded_audited_exported_and_refused_to_others(manager, network):
    client = register(manager, first_name="Kirsi", last_name="Kirjattava")
    url = f"{INTAKE}/{client['id']}/notes"
    future = manager.post(url, json={"noted_on": (TODAY + timedelta(days=1)).isoformat(), "kind": "phone",
                                     "text": "Soitto"})
    assert future.status_code == 422 and "noted_on" in future.get_json()["error"]["fields"]
    blank = manager.post(url, json={"noted_on": TODAY.isoformat(), "kind": "phone", "text": "   "})
    assert blank.status_code == 422 and "text" in blank.get_json()["error"]["fields"]
    assert rows(network, client_notes, client_id=client["id"]) == 0
    made = manager.post(url, json={"noted_on": TODAY.isoformat(), "kind": "phone", "text": "Sovittiin vierailu"})
    assert made.status_code == 201, made.get_json()
    listed = manager.get(url).get_json()
    assert [(n["kind"], n["text"], n["noted_on"]) for n in listed] == [("phone", "Sovittiin vierailu",
                                                                       TODAY.isoformat())]
    trail = manager.get(f"{INTAKE}/{client['id']}/audit").get_json()
    assert {("create", "case_notes"), ("read", "case_notes")} <= {(e["action"], e["object_type"]) for e in trail}
    exported = manager.get(f"{INTAKE}/{client['id']}/export").get_json()
    assert [n["text"] for n in exported["data"]["client_notes"]] == ["Sovittiin vierailu"]
    for other in (net.client_as(network, "manager2"), as_student(network, client["id"]),
                  net.client_as(network, "partner1")):
        assert other.get(url).status_code in (403, 404)
        assert other.post(url, json={"noted_on": TODAY.isoformat(), "kind": "other", "text": "x"}).status_code \
            in (403, 404)
    assert rows(network, client_notes, client_id=client["id"]) == 1
    erased = erasure.erase(erasure.via(manager), client['id'])  # the request's erasure decision, carried out
    assert erased.status_code == 200, erased.get_json()
    assert rows(network, client_notes, client_id=client["id"]) == 0


def test_the_note_page_shows_errors_beside_the_field_and_lists_the_note(manager, network):
    client = register(manager)
    url = f"/intake/clients/{client['id']}/notes"
    form = page(manager, url)
    csrf = token(form)
    # The note's text and the type "Message" are told apart (both were "Viesti").
    labels = dict(re.findall(r'<label class="field__label" for="([^"]+)">([^<]+)</label>', form))
    assert labels["text"] == "Kirjaus" and labels["kind"] == "Tyyppi"
    assert re.findall(r"<option[^>]*>([^<]+)</option>", form) == ["Tapaaminen", "Puhelu", "Viesti", "Muu"]
    refused = manager.post(url, data={"csrf_token": csrf, "noted_on": (TODAY + timedelta(days=3)).isoformat(),
                                      "kind": "meeting", "text": "Tapaaminen"}, headers=HTML)
    assert refused.status_code == 422
    assert field_errors(refused.text) == {"noted_on": "Virhe: Yhteydenoton päivä ei voi olla tulevaisuudessa."}
    saved = manager.post(url, data={"csrf_token": csrf, "noted_on": TODAY.isoformat(), "kind": "meeting",
                                    "text": "Tapaaminen koululla"}, headers=HTML)
    assert saved.status_code == 303
    assert "Tapaaminen koululla" in page(manager, url)
    assert "Tapaaminen koululla" in page(manager, f"/intake/clients/{client['id']}")  # on the client card


def test_retention_deletes_notes_past_the_configured_period_only(manager, network):
    client = register(manager)
    url = f"{INTAKE}/{client['id']}/notes"
    for day in (TODAY - timedelta(days=40), TODAY - timedelta(days=5)):
        assert manager.post(url, json={"noted_on": day.isoformat(), "kind": "other", "text": f"{day}"}
                            ).status_code == 201
    runtime = network.runtimes["intake"]
    kinds = [k for k in record_types(runtime) if k.name == "client_notes"]
    block = {"retention": {"client_notes": {"after": "noted", "days": 30, "then": "delete"}}}
    report = retention.apply(runtime, kinds, registers=lambda org: build(org, block))
    assert sum(o.done for o in report.outcomes) >= 1
    assert [n["noted_on"] for n in manager.get(url).get_json()] == [(TODAY - timedelta(days=5)).isoformat()]


def test_a_meeting_is_checked_field_by_field(manager, network):
    client = register(manager)
    start = datetime(2030, 3, 4, 8, 0, tzinfo=UTC)
    cases = [({"starts_at": start.isoformat(), "ends_at": start.isoformat(), "place": "Pori"}, "ends_at"),
             ({"starts_at": start.isoformat()}, "place"),
             ({"starts_at": start.isoformat(), "video_link": "javascript:alert(1)"}, "video_link"),
             ({"place": "Pori"}, "starts_at")]
    for body, field in cases:
        answer = manager.post(f"{INTAKE}/{client['id']}/path/steps", json={
            "kind": "guidance_meeting", "title": "Tapaaminen", "owner": "manager", **body})
        assert answer.status_code == 422 and field in answer.get_json()["error"]["fields"], (body, answer.get_json())
    made = step(manager, client["id"], starts_at=start.isoformat(),
                ends_at=(start + timedelta(hours=1)).isoformat(), video_link="https://meet.example/abc",
                participants="Opinto-ohjaaja")
    assert made["due_date"] == "2030-03-04"  # the meeting's day in Helsinki


def test_the_meeting_form_takes_helsinki_time_and_shows_errors_beside_the_fields(manager, network):
    client = register(manager)
    made = step(manager, client["id"])
    url = f"/intake/clients/{client['id']}/path/steps/{made['id']}"
    csrf = token(page(manager, url))
    refused = manager.post(f"{url}/meeting", data={"csrf_token": csrf, "meeting_date": "2030-06-10",
                                                   "start_time": "14:00", "end_time": "13:00", "place": ""},
                           headers=HTML)
    assert refused.status_code == 422
    assert field_errors(refused.text) == {"end_time": "Virhe: Tapaamisen täytyy päättyä alkamisen jälkeen.",
                                          "place": "Virhe: Anna paikka tai videolinkki."}
    saved = manager.post(f"{url}/meeting", data={"csrf_token": csrf, "meeting_date": "2030-06-10",
                                                 "start_time": "14:00", "end_time": "15:30", "place": "Koulu"},
                         headers=HTML)
    assert saved.status_code == 303
    stored = manager.get(f"{INTAKE}/{client['id']}/path").get_json()["steps"][0]
    assert datetime.fromisoformat(stored["starts_at"]) == datetime(2030, 6, 10, 11, 0, tzinfo=UTC)  # EEST +3
    ics = manager.get(f"{url}/meeting.ics")
    assert ics.status_code == 200 and ics.headers["Content-Type"].startswith("text/calendar")
    event = next(c for c in Calendar.from_ical(ics.data).walk("VEVENT"))
    assert event.decoded("dtstart") == datetime(2030, 6, 10, 11, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2030, 6, 10, 12, 30, tzinfo=UTC)
    assert str(event["location"]) == "Koulu"


def test_the_student_sees_their_own_meeting_and_the_feed_is_private_and_revocable(manager, network):
    client = register(manager, first_name="Siiri", last_name="Opiskelija")
    start = datetime.now(UTC) + timedelta(days=3)
    made = step(manager, client["id"], title="Tapaaminen koululla", owner="client", starts_at=start.isoformat(),
                place="Koulu, huone 12")
    student = as_student(network, client["id"])
    mine = page(student, "/intake/me/path")
    assert "Tapaaminen koululla" in mine and "Koulu, huone 12" in mine
    assert "Tapaaminen koululla" in page(student, "/intake/me")  # on their own page too
    assert student.get(f"/intake/me/meetings/{made['id']}.ics").status_code == 200
    settings = page(manager, "/intake/meetings")
    assert "Siiri Opiskelija" in settings
    made_feed = manager.post("/intake/meetings/feed", data={"csrf_token": token(settings)}, headers=HTML)
    feed_url = re.search(r'<code class="feed-url">([^<]+)</code>', made_feed.text).group(1)
    path = feed_url[feed_url.index("/intake/"):]
    anonymous = Client(network.wsgi)
    answer = anonymous.get(path)
    assert answer.status_code == 200
    summaries = [str(e["summary"]) for e in Calendar.from_ical(answer.data).walk("VEVENT")]
    assert "Tapaaminen koululla – Siiri O." in summaries
    assert "Opiskelija" not in answer.data.decode()  # the surname stays in the network
    manager.post("/intake/meetings/feed/revoke", data={"csrf_token": token(page(manager, "/intake/meetings"))},
                 headers=HTML)
    assert anonymous.get(path).status_code == 404


def test_the_desk_lists_the_days_work_by_name_and_each_item_goes_when_done(manager, network):
    client = register(manager, first_name="Daniel", last_name="Deskinen")
    overdue = step(manager, client["id"], kind="visit_company", title="Vierailu konepajalle", owner="client",
                   due_date=(TODAY - timedelta(days=2)).isoformat())
    text = desk_text(manager)
    assert "Daniel Deskinen" in text and "Vierailu konepajalle" in text
    assert client["id"] not in text  # names, never ids, in what people read (links may carry them)
    listed = len(re.findall(r'<li class="desk-item[ "]', page(manager, "/intake/desk")))
    count = re.search(r'<span class="site-nav__count">(\d+)', page(manager, "/intake/clients"))
    assert count is not None and int(count.group(1)) == listed  # the navigation counts the desk's items
    manager.patch(f"{INTAKE}/{client['id']}/path/steps/{overdue['id']}", json={"status": "done"})
    assert "Vierailu konepajalle" not in desk_text(manager)
    assert net.client_as(network, "manager2").get("/intake/desk", headers=HTML).status_code == 200
    assert "Daniel Deskinen" not in page(net.client_as(network, "manager2"), "/intake/desk")
    assert as_student(network, client["id"]).get("/intake/desk", headers=HTML).status_code == 403


def _lists(html: str) -> list[str]:
    return re.findall(r'<ul class="desk-list">.*?</ul>', html, re.S)


def test_each_desk_entry_is_rendered_once_per_language_and_anew_when_it_changes(manager, network, monkeypatch):
    """The desk page keeps each item's list entry (web/desk.py `rendered`): the same desk again renders no entry, the
    same items in another language are rendered in it, and an item that changed shows its new text."""
    from services.intake.web import desk as web

    client = register(manager, first_name="Reija", last_name="Renderöity")
    due = TODAY - timedelta(days=2)
    made = step(manager, client["id"], kind="visit_company", title="Käynti valimolla", owner="client",
                due_date=due.isoformat())
    made_now: list[str] = []
    real = web._shown_item
    monkeypatch.setattr(web, "_shown_item", lambda item, *given: made_now.append(item.kind) or real(item, *given))
    first = page(manager, "/intake/desk")
    assert f"<strong>Reija Renderöity</strong>: Käynti valimolla, määräpäivä {due.day}.{due.month}.{due.year}" \
        in first and "myöhässä</span>" in first
    made_now.clear()
    again = page(manager, "/intake/desk")
    assert made_now == [] and _lists(again) == _lists(first)  # every entry kept, the lists the same
    english = manager.get("/intake/desk", headers={**HTML, "Accept-Language": "en"}).text
    assert "<strong>Reija Renderöity</strong>: Käynti valimolla, due " in english and "overdue</span>" in english
    assert "steps" in made_now and "määräpäivä" not in english
    made_now.clear()
    renamed = manager.patch(f"{INTAKE}/{client['id']}/path/steps/{made['id']}", json={"title": "Käynti konepajalla"})
    assert renamed.status_code == 200, renamed.get_json()
    changed = page(manager, "/intake/desk")
    assert made_now == ["steps"]  # only the changed item rendered anew
    assert f"Käynti konepajalla, määräpäivä {due.day}.{due.month}.{due.year}" in changed
    assert "Käynti valimolla" not in changed


def test_an_environment_needing_its_review_is_on_the_desk_until_reviewed(manager, network):
    """The environments service announces what an environment misses; intake keeps it and the desk lists it (the
    page asks no other service): a new draft misses its review until it is reviewed."""
    environment = create_environment(manager, name="Pelipaja Deskin testi")
    assert "Pelipaja Deskin testi" not in desk_text(manager)  # not yet heard of
    assert network.settle()
    text = desk_text(manager)
    assert "Pelipaja Deskin testi: sukupuolineutraaliuden tarkistus kesken" in text
    assert f"/environments/environments/{environment['id']}" in page(manager, "/intake/desk")
    assert "Pelipaja Deskin testi" not in desk_text(net.client_as(network, "manager2"))  # Samk hosts none of it
    pass_review(manager, environment["id"])
    assert network.settle()
    assert "Pelipaja Deskin testi" not in desk_text(manager)


@pytest.mark.parametrize(("username", "lands_on"), [("manager1", "/intake/desk"), ("student1", "/"),
                                                   ("coordinator", "/")])
def test_a_manager_lands_on_the_desk_after_login_and_others_on_the_front_page(network, username, lands_on):
    browser = Client(network.wsgi)
    login = browser.get("/login")
    csrf = token(login.text)
    answer = browser.post("/login", data={"csrf_token": csrf, "username": username, "password": PASSWORD,
                                          "next": ""})
    assert answer.status_code in (302, 303), answer.text[-300:]
    assert answer.headers["Location"] == lands_on
    again = Client(network.wsgi)
    asked = again.post("/login", data={"csrf_token": token(again.get("/login").text), "username": username,
                                       "password": PASSWORD, "next": "/intake/clients"})
    assert asked.headers["Location"] == "/intake/clients"  # an address asked for wins


def test_a_client_not_heard_from_for_the_quiet_days_is_listed_until_a_contact_is_recorded(manager, network):
    long_ago = TODAY - timedelta(days=45)
    client = register(manager, first_name="Hilja", last_name="Hiljainen", entered_on=long_ago.isoformat())
    with network.runtimes["intake"].db.session() as session, session.begin():  # registered 45 days ago
        session.execute(update(clients).where(clients.c.id == client["id"]).values(
            created_at=datetime.combine(long_ago, datetime.min.time(), UTC)))
    text = desk_text(manager)
    assert "Hilja Hiljainen" in text
    assert f"/intake/clients/{client['id']}/notes" in page(manager, "/intake/desk")  # where a contact is recorded
    assert manager.post(f"{INTAKE}/{client['id']}/notes", json={
        "noted_on": TODAY.isoformat(), "kind": "phone", "text": "Soitin, kuulumiset hyvät"}).status_code == 201
    assert "Hilja Hiljainen" not in desk_text(manager)


def test_the_navigation_counts_the_environments_needing_action_as_the_desk_lists_them(manager, network):
    """The navigation's count beside the desk includes the environments needing action, counted in SQL from what
    intake keeps of environments' announcements, and equals the items the desk page lists."""
    def shown_count() -> int:
        found = re.search(r'<span class="site-nav__count">(\d+)', page(manager, "/intake/clients"))
        return int(found.group(1)) if found else 0

    assert network.settle()
    before = shown_count()
    create_environment(manager, name="Pelipaja Navigaation testi")
    assert network.settle()
    assert shown_count() == before + 1
    desk_page = page(manager, "/intake/desk")
    assert len(re.findall(r'<li class="desk-item[ "]', desk_page)) == before + 1
    assert 'data-kind="environments"' in desk_page


def _manager_of(organisation: str) -> Principal:
    return Principal(user_id=str(uuid.uuid4()), username=f"manager-{organisation}", organisation=organisation,
                     roles=frozenset({"manager"}))


def _counted_and_listed(network, organisation: str) -> tuple[dict[str, int], dict[str, int]]:
    """The desk's counts (SQL, for the navigation) and its items per kind (as the desk page lists them)."""
    today = desk.Today(now=datetime.now(UTC), quiet_days=30)
    principal = _manager_of(organisation)
    with network.runtimes["intake"].work() as work:
        counted = dict(desk.count(work, principal, today).by_kind)
        listed = {kind.key: len(items) for kind, items in desk.collect(work, principal, today).sections}
    return counted, listed


def _backdate(network, client_id: str, *, registered=None, history=None, status=None) -> None:
    """Move a client's registration and entry day, and its steps' history, into the past (or close it)."""
    with network.runtimes["intake"].db.session() as session, session.begin():
        if registered is not None:
            session.execute(update(clients).where(clients.c.id == client_id).values(
                entered_on=registered.date(), created_at=registered))
        if history is not None:
            steps = select(path_steps.c.id).where(path_steps.c.client_id == client_id)
            session.execute(update(path_step_history).where(path_step_history.c.step_id.in_(steps))
                            .values(at=history))
        if status is not None:
            session.execute(update(clients).where(clients.c.id == client_id).values(status=status))


def test_the_navigation_counts_in_sql_exactly_the_items_the_desk_lists(manager, network):
    """The navigation's numbers (desk.count: one statement of counts, no names) equal the items the desk page
    lists, kind by kind, on a scenario whose changes are counted by hand; another organisation's clients and
    the quiet-client rule's edges (days in Helsinki, cancelled and future meetings, notes on the limit)."""
    now = datetime.now(UTC)
    today = now.astimezone(HELSINKI).date()
    limit = today - timedelta(days=30)  # the last quiet day: a contact on it or before leaves a client quiet
    long_ago = now - timedelta(days=45)

    def at_helsinki(day, hour: int, minute: int = 0) -> datetime:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)

    before = {org: _counted_and_listed(network, org) for org in ("sataedu", "samk")}
    for counted, listed in before.values():
        assert counted == listed

    # Sataedu: meetings today and to close (+2), a step overdue (+1); none of it quiet (registered today)
    busy = register(manager, first_name="Aila", last_name="Ajankohtainen")
    step(manager, busy["id"], starts_at=at_helsinki(today, 23, 30).isoformat(), place="Koulu")  # today: +1
    step(manager, busy["id"], starts_at=at_helsinki(today - timedelta(days=3), 10).isoformat(),
         place="Koulu")  # past, neither done nor cancelled: +1
    cancelled = step(manager, busy["id"], starts_at=at_helsinki(today - timedelta(days=3), 12).isoformat(),
                     place="Koulu")
    manager.patch(f"{INTAKE}/{busy['id']}/path/steps/{cancelled['id']}", json={"status": "cancelled"})
    step(manager, busy["id"], starts_at=at_helsinki(today + timedelta(days=1), 0, 30).isoformat(),
         place="Koulu")  # tomorrow
    step(manager, busy["id"], kind="visit_company", title="Vierailu", owner="client",
         due_date=(today - timedelta(days=2)).isoformat())  # overdue: +1
    step(manager, busy["id"], kind="visit_company", title="Huomenna", owner="client",
         due_date=(today + timedelta(days=1)).isoformat())
    done = step(manager, busy["id"], kind="visit_company", title="Tehty", owner="client",
                due_date=(today - timedelta(days=2)).isoformat())
    manager.patch(f"{INTAKE}/{busy['id']}/path/steps/{done['id']}", json={"status": "done"})

    def old_client(name: str, **backdated) -> dict:
        made = register(manager, first_name=name, last_name="Hiljainen")
        _backdate(network, made["id"], registered=long_ago, **backdated)
        return made

    old_client("Q1")  # nothing since registering 45 days ago: quiet +1
    noted = old_client("Q2")
    manager.post(f"{INTAKE}/{noted['id']}/notes", json={"noted_on": (today - timedelta(days=10)).isoformat(),
                                                        "kind": "phone", "text": "Soitto"})  # heard from
    on_limit = old_client("Q3")
    manager.post(f"{INTAKE}/{on_limit['id']}/notes", json={"noted_on": limit.isoformat(), "kind": "phone",
                                                           "text": "Soitto"})  # a note on the limit: quiet +1
    late_evening = old_client("Q4")
    step(manager, late_evening["id"], kind="visit_company", title="Tuleva", owner="client",
         due_date=(today + timedelta(days=5)).isoformat())
    _backdate(network, late_evening["id"], history=at_helsinki(limit, 23, 30))  # on the limit in Helsinki: +1
    after_midnight = old_client("Q5")
    step(manager, after_midnight["id"], kind="visit_company", title="Tuleva", owner="client",
         due_date=(today + timedelta(days=5)).isoformat())
    # the day after the limit in Helsinki (still the limit in UTC): heard from
    _backdate(network, after_midnight["id"], history=at_helsinki(limit + timedelta(days=1), 0, 30))
    met = old_client("Q6")
    held = step(manager, met["id"], starts_at=at_helsinki(today - timedelta(days=3), 9).isoformat(), place="Koulu")
    manager.patch(f"{INTAKE}/{met['id']}/path/steps/{held['id']}", json={"status": "done"})
    _backdate(network, met["id"], history=long_ago)  # a meeting held three days ago: heard from
    called_off = old_client("Q7")
    off = step(manager, called_off["id"], starts_at=at_helsinki(today - timedelta(days=3), 9).isoformat(),
               place="Koulu")
    manager.patch(f"{INTAKE}/{called_off['id']}/path/steps/{off['id']}", json={"status": "cancelled"})
    _backdate(network, called_off["id"], history=long_ago)  # a cancelled meeting is no contact: +1
    coming = old_client("Q8")
    step(manager, coming["id"], starts_at=at_helsinki(today + timedelta(days=5), 9).isoformat(), place="Koulu")
    _backdate(network, coming["id"], history=long_ago)  # a meeting not yet held is no contact: +1
    old_client("Q9", status="closed")  # closed: not on the desk

    # Samk: one quiet client with an overdue step, its change long ago; not Sataedu's
    other = net.client_as(network, "manager2")
    theirs = register(other, first_name="Toisen", last_name="Organisaation")
    step(other, theirs["id"], kind="visit_company", title="Myöhässä", owner="client",
         due_date=(today - timedelta(days=1)).isoformat())
    _backdate(network, theirs["id"], registered=long_ago, history=long_ago)

    expected = {"sataedu": {"meetings": 2, "steps": 1, "quiet": 5}, "samk": {"steps": 1, "quiet": 1}}
    for organisation, (counted_before, _listed) in before.items():
        counted, listed = _counted_and_listed(network, organisation)
        assert counted == listed, organisation
        grown = {key: n - counted_before[key] for key, n in counted.items() if n != counted_before[key]}
        assert grown == expected[organisation], organisation

    for organisation in ("sataedu", "samk"):  # the quiet clients found in SQL are those of the rule in Python
        moment = desk.Today(now=datetime.now(UTC), quiet_days=30)
        with network.runtimes["intake"].work() as work:
            by_rule = {client_id: day for client_id, day in
                       desk.last_contacts(work, organisation, moment.now).items() if day <= limit}
            found = desk.collect(work, _manager_of(organisation), moment, kinds=("quiet",)).sections[0][1]
        assert {i.client_id: i.when for i in found} == by_rule and by_rule, organisation

    listed_on_page = len(re.findall(r'<li class="desk-item[ "]', page(manager, "/intake/desk")))
    shown = re.search(r'<span class="site-nav__count">(\d+)', page(manager, "/intake/clients"))
    assert shown is not None and int(shown.group(1)) == listed_on_page


def test_the_kinds_read_together_list_what_each_read_on_its_own_lists_and_only_the_organisations_own(
        manager, network, monkeypatch):
    """The desk's seven statements sent together (shared.db.rows_together: one round trip on PostgreSQL, issue #18's
    eleventh round) list the same items in the same order as each statement sent on its own (the tenth round's
    reading); of a scenario made here, the items by hand: each organisation's desk lists its own clients only."""
    now = datetime.now(UTC)
    today = now.astimezone(HELSINKI).date()
    at_nine = datetime(today.year, today.month, today.day, 9, tzinfo=HELSINKI).astimezone(UTC)
    ours = register(manager, first_name="Yhteinen", last_name="Lukukerta")
    step(manager, ours["id"], starts_at=(at_nine + timedelta(days=-2)).isoformat(), place="Koulu")  # to close
    step(manager, ours["id"], kind="visit_company", title="Myöhässä oleva", owner="client",
         due_date=(today - timedelta(days=1)).isoformat())
    step(manager, ours["id"], kind="visit_company", title="Tänään", owner="client", due_date=today.isoformat())
    quiet = register(manager, first_name="Hiljainen", last_name="Lukukerta")
    _backdate(network, quiet["id"], registered=now - timedelta(days=45))
    other = net.client_as(network, "manager2")
    theirs = register(other, first_name="Toinen", last_name="Lukukerta")
    step(other, theirs["id"], kind="visit_company", title="Toisen askel", owner="client",
         due_date=(today - timedelta(days=1)).isoformat())  # a step made today: heard from, not quiet
    moment = desk.Today(now=now, quiet_days=30)

    def desks() -> dict[str, list[tuple]]:
        found = {}
        for organisation in ("sataedu", "samk"):
            with network.runtimes["intake"].reading() as work:
                found[organisation] = [(kind.key, i.message, dict(i.values), i.link, i.client_id, i.client_name,
                                        i.when, i.overdue)
                                       for kind, items in desk.collect(work, _manager_of(organisation),
                                                                       moment).sections for i in items]
        return found

    together = desks()
    monkeypatch.setattr(desk, "rows_together", lambda connection, sent: [
        statement.execute(connection, fresh).mappings().all() for statement, fresh in sent])
    assert desks() == together

    def made_here(items: list[tuple]) -> list[tuple]:
        return [(kind, values.get("title"), name, overdue)
                for kind, _message, values, _link, _client, name, _when, overdue in items
                if name is not None and name.endswith("Lukukerta")]

    assert made_here(together["sataedu"]) == [
        ("meetings", "Ohjauskeskustelu", "Yhteinen Lukukerta", True),
        ("steps", "Myöhässä oleva", "Yhteinen Lukukerta", True), ("steps", "Tänään", "Yhteinen Lukukerta", False),
        ("quiet", None, "Hiljainen Lukukerta", True)]
    assert made_here(together["samk"]) == [("steps", "Toisen askel", "Toinen Lukukerta", True)]


def test_the_count_statement_is_built_once_a_day_and_counts_each_moment_anew(manager, network, monkeypatch):
    """The navigation's count statement is built once per person and day and sent again with each request's
    moment: a meeting at 13:00 today makes its long-quiet client heard from at 14:00 but not at 12:00."""
    today = datetime.now(UTC).astimezone(HELSINKI).date()

    def at_helsinki(hour: int) -> datetime:
        return datetime(today.year, today.month, today.day, hour, tzinfo=HELSINKI).astimezone(UTC)

    made = register(manager, first_name="Kello", last_name="Kolmetoista")
    step(manager, made["id"], starts_at=at_helsinki(13).isoformat(), place="Koulu")
    long_ago = datetime.now(UTC) - timedelta(days=45)
    _backdate(network, made["id"], registered=long_ago, history=long_ago)
    built = []
    monkeypatch.setitem(desk.COUNTS, "quiet", lambda p, t: built.append(t.now) or desk.count_quiet_clients(p, t))
    principal = _manager_of("sataedu")

    def counted_and_listed(hour: int) -> tuple[dict[str, int], dict[str, int]]:
        moment = desk.Today(now=at_helsinki(hour), quiet_days=30)
        with network.runtimes["intake"].work() as work:
            return (dict(desk.count(work, principal, moment).by_kind),
                    {kind.key: len(items) for kind, items in desk.collect(work, principal, moment).sections})

    (noon, noon_listed), (later, later_listed) = counted_and_listed(12), counted_and_listed(14)
    assert noon == noon_listed and later == later_listed
    assert noon["quiet"] - later["quiet"] == 1  # the meeting held between the two moments
    assert built == [at_helsinki(12)]  # built for the first moment, sent again with the second
    monkeypatch.setattr(desk, "KEEP_BUILT", 1)  # past the bound, the kept statements are dropped, not grown
    principal = _manager_of("sataedu")
    assert counted_and_listed(14) == (later, later_listed) and len(desk._built) == 1


def test_a_new_suggestion_on_the_desk_shows_its_fit_as_the_suggestions_list_does(manager, network):
    """One fit, one way: 0.874 is "87 %" on the desk as on matching's list (`percentformat`), not "87/100"."""
    from sqlalchemy import insert

    from services.intake.db import suggestions

    client = register(manager, first_name="Sofia", last_name="Sopivainen")
    with network.runtimes["intake"].db.transaction() as session:  # as matching.suggestion.made leaves it
        session.execute(insert(suggestions).values(
            id=str(uuid.uuid4()), client_id=client["id"], target_kind="need", target_id=str(uuid.uuid4()),
            score=874, explanation={}, status="new", received_at=datetime.now(UTC)))
    text = desk_text(manager)
    assert "Sofia Sopivainen" in text
    assert "Ehdotus, sopivuus 87 %" in text  # the no-break space of "87 %" is a space once the text is split
    assert "/100" not in text and "pisteet" not in text
