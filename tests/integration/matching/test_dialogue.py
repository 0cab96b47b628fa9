"""The recruitment channel as a dialogue (issue 16), through the APIs of the embedded network.

A partner's need is suggested to a student, who sees it explained and says they are interested; the partner
sees the candidate without identity and asks for an introduction; the manager introduces; the partner tells
what happened, and a hire becomes an outcome on the student's path and fills the need (an acceptance does not).
"""
from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from services.matching.db import feedback_reminders
from services.matching.handlers.dialogue import remind
from shared.events.envelope import utcnow
from shared.reference import esco
from tests.support import network as net
from tests.support.intake_partners import record_partner
from tests.support.matching import register_client, unrelated_skills

pytestmark = pytest.mark.integration
INTAKE, MATCHING = "/intake/api/v1", "/matching/api/v1"


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    network = net.build(tmp_path_factory.mktemp("dialogue"))
    yield network
    network.shutdown()


@pytest.fixture(scope="module")
def skills():
    return unrelated_skills(esco.load_taxonomy(), 4)


@pytest.fixture(scope="module")
def partner(network):
    return record_partner(network, net.client_as(network, "manager1"), name="Konepaja Virtanen Oy", kind="company",
                          business_id="2464491-9", municipality="214", organisation="konepaja-virtanen")["id"]


def register(network, skills: dict[str, int], sharing: bool = True) -> str:
    return register_client(net.client_as(network, "manager1"), skills, sharing, email="aino@example.fi",
                           field_of_education="071",
                           consents={"service": True, "profile_sharing": sharing, "contact_to_partner": True,
                                     "statistics": True})


def publish_need(network, skill: str, **overrides) -> str:
    body = {"title": "Hitsaaja osa-aikaiseksi", "work_type": "part_time", "municipality": "214", "people": 1,
            "languages": ["fi"], "skills": [{"uri": skill, "essential": True, "level": 2}], **overrides}
    response = net.client_as(network, "partner1").post(f"{INTAKE}/competence-needs", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def need_status(network, need_id: str) -> str:
    return net.client_as(network, "partner1").get(f"{INTAKE}/competence-needs/{need_id}").get_json()["status"]


def accepted_suggestion(network, skills: dict[str, int], need_skill: str, title: str) -> tuple[str, dict]:
    """A new client, a need titled `title` suggested to them, and the manager's acceptance, all settled."""
    client_id = register(network, skills)
    need_id = publish_need(network, need_skill, title=title)
    assert network.settle()
    [suggestion] = [s for s in net.student_client(network, client_id).get(f"{MATCHING}/my/suggestions")
                    .get_json()["items"] if s["target_id"] == need_id]
    assert net.client_as(network, "manager1").post(f"{MATCHING}/suggestions/{suggestion['id']}/decision",
                                                   json={"decision": "accept"}).status_code == 200
    assert network.settle()
    return client_id, suggestion


def test_the_whole_loop_from_a_need_to_a_hire(network, partner, skills):
    welder, other = skills[0], skills[1]
    client_id = register(network, {welder: 4})
    need_id = publish_need(network, welder)
    hidden_id = publish_need(network, welder, title="Piilotyö varastolla", hidden_job=True)
    other_id = publish_need(network, other, title="Kokki")
    assert network.settle()
    student = net.student_client(network, client_id)

    # The student browses: the open need is listed, the hidden job never is.
    seen = student.get(f"{MATCHING}/my/opportunities").get_json()
    titles = {n["need_id"]: n for n in seen["needs"]}
    assert seen["profile_shared"] is True and need_id in titles and other_id in titles and hidden_id not in titles
    assert titles[need_id]["suggested"] == "new" and titles[other_id]["suggested"] is None

    # Their suggestions, explained, and their answer before the manager decides.
    mine = student.get(f"{MATCHING}/my/suggestions", query_string={"lang": "fi"}).get_json()["items"]
    [suggestion] = [s for s in mine if s["target_id"] == need_id]
    [skill] = suggestion["explanation"]["skills"]
    assert skill["label"] and skill["label"] != welder and skill["via_text"] == "osaa taidon"
    assert [s["held_uri"] for s in suggestion["explanation"]["skills"]] == [welder]
    answered = student.post(f"{MATCHING}/my/suggestions/{suggestion['id']}/answer",
                            json={"answer": "interested", "reason": "Olen hitsannut kesätöissä."})
    assert answered.status_code == 200 and answered.get_json()["student_answer"] == "interested"
    assert student.post(f"{MATCHING}/my/suggestions/{suggestion['id']}/answer",
                        json={"answer": "maybe"}).get_json()["error"]["fields"].keys() == {"answer"}

    # Interest of their own: in the need they were not suggested for (it reaches the manager), never in a hidden job.
    assert student.post(f"{MATCHING}/my/interests", json={"target_kind": "need", "target_id": hidden_id}
                        ).status_code == 404
    assert student.post(f"{MATCHING}/my/interests", json={"target_kind": "need", "target_id": other_id}
                        ).status_code == 202
    assert network.settle()
    inbox = net.client_as(network, "manager1").get(f"{MATCHING}/suggestions",
                                                   query_string={"client_id": client_id}).get_json()["items"]
    by_target = {i["target_id"]: i for i in inbox}
    assert by_target[other_id]["origin"] == "student" and by_target[other_id]["status"] == "new"
    assert by_target[need_id]["student_answer"] == "interested"
    assert by_target[need_id]["student_reason"] == "Olen hitsannut kesätöissä."
    assert student.post(f"{MATCHING}/my/interests", json={"target_kind": "need", "target_id": other_id}
                        ).status_code == 409

    # The partner sees a competence summary, not the person, and asks for an introduction.
    ours = net.client_as(network, "partner1")
    listed = ours.get(f"{MATCHING}/partner/needs/{need_id}/candidates", query_string={"lang": "fi"}).get_json()
    [candidate] = listed["items"]
    assert (candidate["label"], candidate["stage"], candidate["student_interested"]) == ("A", "suggested", True)
    assert [s["uri"] for s in candidate["summary"]["skills"]] == [welder]
    body = str(listed)
    for secret in (client_id, "Aalto", "2004", "woman", "aino@example.fi", "sataedu"):
        assert secret not in body
    assert net.client_as(network, "partner2").get(f"{MATCHING}/partner/needs/{need_id}/candidates").status_code == 404
    assert ours.post(f"{MATCHING}/partner/candidates/{candidate['id']}/feedback",
                     json={"stage": "interviewed"}).status_code == 409  # not introduced yet
    assert ours.post(f"{MATCHING}/partner/candidates/{candidate['id']}/introduction").status_code == 200
    assert ours.post(f"{MATCHING}/partner/candidates/{candidate['id']}/introduction").status_code == 409
    assert net.client_as(network, "partner2").post(
        f"{MATCHING}/partner/candidates/{candidate['id']}/introduction").status_code == 404
    assert network.settle()
    one = net.client_as(network, "manager1").get(f"{MATCHING}/suggestions/{candidate['id']}").get_json()
    assert one["introduction_requested_at"] is not None

    # The manager introduces; the young person lets the contact go; an acceptance no longer fills the need.
    decided = net.client_as(network, "manager1").post(f"{MATCHING}/suggestions/{candidate['id']}/decision",
                                                      json={"decision": "accept"})
    assert decided.status_code == 200
    assert network.settle()
    # Introduced, but the contact has not gone to the partner: their page has no way to the conversation yet.
    from tests.support.intake_partners import browser_as

    link = f"conversations/introduction/{candidate['id']}"
    partner_page = browser_as(network, "partner1")
    page = partner_page.get(f"/matching/partner/needs/{need_id}", headers={"Accept-Language": "fi"})
    assert page.status_code == 200 and "Ehdokas A" in page.get_data(as_text=True)
    assert link not in page.get_data(as_text=True) and "Keskustelu ehdokkaan A kanssa" not in page.get_data(
        as_text=True)
    assert [c["conversation"] for c in ours.get(f"{MATCHING}/partner/needs/{need_id}/candidates").get_json()[
        "items"]] == [False]
    [question] = student.get(f"{INTAKE}/clients/{client_id}/disclosures").get_json()
    assert student.post(f"{INTAKE}/clients/{client_id}/disclosures/{question['id']}",
                        json={"accept": True}).status_code == 200
    assert network.settle()
    # The contact went: the candidate's card links to the introduction's conversation, in each language.
    page = partner_page.get(f"/matching/partner/needs/{need_id}", headers={"Accept-Language": "fi"})
    html = page.get_data(as_text=True)
    assert f'href="/intake/{link}"' in html and "Keskustelu ehdokkaan A kanssa" in html and client_id not in html
    assert "Konversation med kandidat A" in partner_page.get(
        f"/matching/partner/needs/{need_id}", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert [c["conversation"] for c in ours.get(f"{MATCHING}/partner/needs/{need_id}/candidates").get_json()[
        "items"]] == [True]
    assert need_status(network, need_id) == "open"
    trail = net.client_as(network, "manager1").get(f"{INTAKE}/clients/{client_id}/audit").get_json()
    [disclosed] = [e for e in trail if e["action"] == "disclose" and e["object_type"] == "contact_details"]
    assert disclosed["detail"]["recipient"] == "Konepaja Virtanen Oy"

    # The introduction has its conversation in the student's intake: the student, their manager and, the contact
    # having gone to the partner, the partner's users; the student's page and the client card link to it.
    thread = f"{INTAKE}/conversations/introduction/{candidate['id']}/messages"
    assert ours.post(thread, json={"body": "Tervetuloa haastatteluun!"}).status_code == 201
    assert [m["body"] for m in student.get(thread).get_json()] == ["Tervetuloa haastatteluun!"]
    assert net.client_as(network, "partner2").get(thread).status_code == 404
    # ... and on the page the link leads to: the partner reads and writes there, another partner finds nothing
    conversation = partner_page.get(f"/intake/{link}", headers={"Accept-Language": "fi"})
    assert conversation.status_code == 200 and "Tervetuloa haastatteluun!" in conversation.get_data(as_text=True)
    from tests.support.intake_partners import csrf_of

    written = partner_page.post(f"/intake/{link}", data={"csrf_token": csrf_of(conversation.get_data(as_text=True)),
                                                         "body": "Sopiiko tiistai klo 10?"})
    assert written.status_code == 303
    assert [m["body"] for m in student.get(thread).get_json()] == ["Tervetuloa haastatteluun!",
                                                                    "Sopiiko tiistai klo 10?"]
    assert browser_as(network, "partner2").get(f"/intake/{link}").status_code == 404
    assert net.client_as(network, "partner2").post(thread, json={"body": "Hei"}).status_code == 404
    assert link in student.get("/matching/my/suggestions", headers={"Accept": "text/html"}).get_data(as_text=True)
    card = net.client_as(network, "manager1").get(f"/matching/clients/{client_id}/suggestions",
                                                  headers={"Accept": "text/html", "HX-Request": "true"})
    assert link in card.get_data(as_text=True)

    # The partner tells what happened: an interview, then a hire (which names its kind).
    url = f"{MATCHING}/partner/candidates/{candidate['id']}/feedback"
    assert ours.post(url, json={"stage": "interviewed"}).status_code == 201
    refused = ours.post(url, json={"stage": "hired"})
    assert refused.status_code == 422 and "employment" in refused.get_json()["error"]["fields"]
    refused = ours.post(url, json={"stage": "not_suitable"})
    assert refused.status_code == 422 and "reason" in refused.get_json()["error"]["fields"]
    hired = ours.post(url, json={"stage": "hired", "employment": "part_time"})
    assert hired.status_code == 201 and hired.get_json()["need_hires"] == 1
    assert ours.post(url, json={"stage": "hired", "employment": "short"}).status_code == 409
    assert network.settle()

    [outcome] = [o for o in net.client_as(network, "manager1").get(
        f"{INTAKE}/clients/{client_id}/outcomes").get_json() if o["via_suggestion_id"] == candidate["id"]]
    assert (outcome["kind"], outcome["work_form"], outcome["hidden_job"]) == ("work", "part_time", False)
    assert need_status(network, need_id) == "filled"
    after = ours.get(f"{MATCHING}/partner/needs/{need_id}/candidates").get_json()
    assert after["hires"] == 1 and [f["stage"] for f in after["items"][0]["feedback"]] == ["interviewed", "hired"]

    # Reporting counts the loop per need (suppressed as every small figure is) and names the row by the need.
    from services.reporting.domain.filters import Filters
    from services.reporting.handlers.indicators import build

    with network.runtimes["reporting"].db.session() as session:
        report = build(session, Filters())
    table = report.table("recruitment")
    assert (table.value(need_id, "introductions"), table.value(need_id, "interviews"),
            table.value(need_id, "hires"), table.value(need_id, "median_days")) == (1, 1, 1, 0)
    assert table.cell(need_id, "hires") == "<5" and table.cell(need_id, "median_days") == "x"
    assert report.environment_names[need_id] == "Hitsaaja osa-aikaiseksi"
    assert hidden_id not in {r.key for r in table.rows} and "hidden_jobs" in {r.key for r in table.rows}


def test_without_consent_b_nothing_is_matched_and_the_student_is_told(network, partner, skills):
    client_id = register(network, {skills[2]: 3}, sharing=False)
    need_id = publish_need(network, skills[2], title="Maalari")
    assert network.settle()
    student = net.student_client(network, client_id)
    assert student.get(f"{MATCHING}/my/suggestions").get_json() == {"profile_shared": False, "items": []}
    assert student.get(f"{MATCHING}/my/opportunities").get_json()["profile_shared"] is False
    refused = student.post(f"{MATCHING}/my/interests", json={"target_kind": "need", "target_id": need_id})
    assert refused.status_code == 409 and "consent" in refused.get_json()["error"]["message"]
    for role in ("manager1", "partner1"):
        assert net.client_as(network, role).get(f"{MATCHING}/my/suggestions").status_code == 403


def test_another_students_suggestion_is_not_found(network, partner, skills):
    client_id = register(network, {skills[3]: 3})
    publish_need(network, skills[3], title="Sähköasentaja")
    assert network.settle()
    [suggestion] = net.student_client(network, client_id).get(f"{MATCHING}/my/suggestions").get_json()["items"]
    stranger = net.student_client(network, str(uuid.uuid4()))
    answer = stranger.post(f"{MATCHING}/my/suggestions/{suggestion['id']}/answer", json={"answer": "interested"})
    assert answer.status_code == 404


def test_an_introduction_without_feedback_is_reminded_once_until_the_partner_tells(network, partner, skills):
    client_id, suggestion = accepted_suggestion(network, {skills[3]: 4}, skills[3], "Putkiasentaja")
    runtime, later = network.runtimes["matching"], utcnow() + timedelta(days=8)
    with runtime.work() as work:
        too_soon = remind(work, 30, later)
    with runtime.work() as work:
        made = remind(work, 7, later)
    with runtime.work() as work:
        again = remind(work, 7, later)
    with runtime.db.session() as session:
        reminded = session.execute(select(feedback_reminders.c.suggestion_id)).scalars().all()
    assert (too_soon, made, again) == (0, 1, 0) and reminded == [suggestion["id"]]
    ours = net.client_as(network, "partner1")
    assert [r["title"] for r in ours.get(f"{MATCHING}/partner/reminders").get_json()] == ["Putkiasentaja"]
    assert net.client_as(network, "partner2").get(f"{MATCHING}/partner/reminders").get_json() == []
    assert ours.post(f"{MATCHING}/partner/candidates/{suggestion['id']}/feedback",
                     json={"stage": "contacted"}).status_code == 201
    assert ours.get(f"{MATCHING}/partner/reminders").get_json() == []


def student_browser(network, client_id: str):
    """A browser signed in as the student whose own client record is `client_id`."""
    from werkzeug.test import Client

    from shared.auth import Principal
    from shared.auth.web import TOKEN_COOKIE

    browser = Client(network.wsgi)
    principal = Principal(user_id=str(uuid.uuid4()), username="opiskelija-" + client_id[:6], name="Opiskelija",
                          organisation="sataedu", roles=frozenset({"student"}), client_id=client_id)
    browser.set_cookie(TOKEN_COOKIE, net.token_of(network, principal))
    return browser


def test_the_pages_of_the_student_and_the_partner(network, partner, skills):
    from tests.support.intake_partners import browser_as, csrf_of

    client_id = register(network, {skills[0]: 3, skills[2]: 2})
    need_id = publish_need(network, skills[2], title="Varastotyöntekijä")
    assert network.settle()
    student = student_browser(network, client_id)
    listed = student.get("/matching/my/opportunities", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "Varastotyöntekijä" in listed and "Piilotyö varastolla" not in listed

    page = student.get("/matching/my/suggestions", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "Varastotyöntekijä" in page
    [suggestion] = [s for s in net.student_client(network, client_id).get(f"{MATCHING}/my/suggestions")
                    .get_json()["items"] if s["target_id"] == need_id]
    prefix = f"s{suggestion['id'][:8]}"
    empty = student.post(f"/matching/my/suggestions/{suggestion['id']}", data={"csrf_token": csrf_of(page)})
    assert empty.status_code == 422
    sent = student.post(f"/matching/my/suggestions/{suggestion['id']}", data={
        "csrf_token": csrf_of(page), f"{prefix}-answer": "interested", f"{prefix}-reason": "Hitsaan jo kotona."})
    assert sent.status_code == 303
    answered = student.get("/matching/my/suggestions", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert re.search(rf'<input checked id="{prefix}-answer-0"[^>]*value="interested"', answered)
    assert re.search(rf'<textarea[^>]*name="{prefix}-reason"[^>]*>\s*Hitsaan jo kotona\.</textarea>', answered)

    partner_browser = browser_as(network, "partner1")
    needs_page = partner_browser.get("/matching/partner/needs").get_data(as_text=True)
    assert f"/matching/partner/needs/{need_id}" in needs_page
    page = partner_browser.get(f"/matching/partner/needs/{need_id}").get_data(as_text=True)
    assert "Ehdokas A" in page and "Opiskelija on kiinnostunut" in page and client_id not in page
    asked = partner_browser.post(f"/matching/partner/candidates/{suggestion['id']}/introduction",
                                 data={"csrf_token": csrf_of(page)})
    assert asked.status_code == 303
    assert browser_as(network, "partner2").get(f"/matching/partner/needs/{need_id}").status_code == 404


def test_the_student_reads_their_suggestion_said_to_them(network, partner, skills):
    """The notes about the person say "you" on the student's page (the partner's page keeps "the candidate"),
    and the reason's label is called optional once."""
    from tests.support.intake_partners import browser_as

    client_id = register(network, {skills[1]: 3})
    need_id = publish_need(network, skills[1], title="Kokki iltavuoroon")
    assert network.settle()
    student = student_browser(network, client_id)
    fi = student.get("/matching/my/suggestions", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "Kokki iltavuoroon" in fi
    assert "✓ Haluat tällaista työtä" in fi and "✓ Osaat pyydetyt kielet" in fi
    assert "Haluaa tällaista työtä" not in fi and "Osaa pyydetyt kielet" not in fi
    labels = re.findall(r'<label class="field__label" for="s[0-9a-f]{8}-reason">(.*?)</label>', fi)
    assert labels and all(label.count("ei pakollinen") == 1 and label.startswith("Miksi ") for label in labels)
    sv = student.get("/matching/my/suggestions", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "✓ Du vill ha sådant arbete" in sv and "✓ Du kan de efterfrågade språken" in sv
    labels = re.findall(r'<label class="field__label" for="s[0-9a-f]{8}-reason">(.*?)</label>', sv)
    assert labels and all(label.count("valfritt") == 1 and "frivilligt" not in label for label in labels)
    partners = browser_as(network, "partner1").get(f"/matching/partner/needs/{need_id}",
                                                   headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "Haluaa tällaista työtä" in partners and "Haluat tällaista työtä" not in partners


def test_without_sharing_the_student_is_told_which_consent_by_its_name(network, partner, skills):
    client_id = register(network, {skills[2]: 2}, sharing=False)
    student = student_browser(network, client_id)
    fi = student.get("/matching/my/opportunities", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "suostumuksen ”Osaamisprofiilin jakaminen”" in fi and "(b)" not in fi
    sv = student.get("/matching/my/suggestions", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "samtycket ”Delning av kompetensprofilen”" in sv and "(b)" not in sv


def test_erasure_takes_the_partners_feedback_and_the_reminders_with_it(network, partner, skills):
    from sqlalchemy import func

    from services.matching.db import candidate_feedback, suggestions

    client_id, suggestion = accepted_suggestion(network, {skills[1]: 4}, skills[1], "Kokin apulainen")
    runtime = network.runtimes["matching"]
    with runtime.work() as work:
        assert remind(work, 1, utcnow() + timedelta(days=2)) == 1
    assert net.client_as(network, "partner1").post(f"{MATCHING}/partner/candidates/{suggestion['id']}/feedback",
                                                   json={"stage": "not_suitable", "reason": "Ei hygieniapassia."}
                                                   ).status_code == 201
    export = net.client_as(network, "manager1").get(f"{MATCHING}/subjects/{client_id}").get_json()
    assert [f["reason"] for f in export["sections"]["candidate_feedback"]] == ["Ei hygieniapassia."]

    with network.runtimes["intake"].work() as work:  # intake tells the network the client was erased
        work.emit("intake.client.erased", {"client_id": client_id}, organisation="sataedu")
    assert network.settle()
    with runtime.db.session() as session:
        left = [session.execute(select(func.count()).select_from(t).where(t.c.client_id == client_id)).scalar_one()
                for t in (suggestions, candidate_feedback, feedback_reminders)]
    assert left == [0, 0, 0]
