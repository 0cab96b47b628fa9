"""The demo network a newcomer gets from `make dev`: logins, clients, the student's own record, and the
network's story — partners and their needs, environments at every stage with their participants, surveys,
assessments and outcomes — visible through the services' APIs and in the coordinator's indicators."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from werkzeug.test import Client

from demo import cast
from demo import clients as demo_clients
from demo.story import DIALOGUE
from services.matching.db import profiles
from shared import clock
from shared.privacy import register
from tests.support import network as net
from tests.support.intake_partners import browser_as

pytestmark = pytest.mark.e2e

ENV_API, INTAKE_API = "/environments/api/v1", "/intake/api/v1"
MANAGERS = [f"manager{i}" for i in range(1, 6)]
JOBS = ("part_time", "short", "fixed_term")


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    built = net.build(tmp_path_factory.mktemp("demo"))
    try:
        assert demo_clients.seed(built) is True
        assert built.settle()
        yield built
    finally:
        built.shutdown()


def api(network, username: str):
    return net.client_as(network, username)


def environments(network) -> dict[str, dict]:
    """Every environment by name, as the coordinator lists them."""
    listed = api(network, "coordinator").get(f"{ENV_API}/environments")
    assert listed.status_code == 200
    return {e["name"]: e for e in listed.get_json()}


def story(status: str) -> cast.Environment:
    """The story's environment at a stage of the lifecycle (the network's first, larger one apart)."""
    return next(e for e in cast.ENVIRONMENTS if e.status == status and e is not cast.GENERATIONS)


def people() -> dict[str, cast.Person]:
    return {p.key: p for p in cast.people()}


def indicators(network) -> dict:
    response = api(network, "coordinator").get("/reporting/api/v1/indicators")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def table(report: dict, key: str) -> dict:
    return next(t for t in report["tables"] if t["key"] == key)


def total_row(report: dict, key: str) -> dict:
    return next(r["cells"] for r in table(report, key)["rows"] if r["key"] == "total")


def snapshot(network) -> dict:
    """What the demo consists of, counted through the APIs and the identity store."""
    coordinator = api(network, "coordinator")
    listed = environments(network)
    found = {"environments": sorted((e["name"], e["status"], e["participants"]) for e in listed.values()),
             "users": sorted(u.username for u in network.identity.list_users())}
    for name, env in listed.items():
        url = f"{ENV_API}/environments/{env['id']}"
        given = coordinator.get(f"{url}/assessments/summary").get_json()
        found[f"assessments:{name}"] = given["participants"]["count"] + given["team"]["count"]
        found[f"outcomes:{name}"] = len(coordinator.get(f"{url}/outcomes").get_json())
        found[f"team:{name}"] = sorted(p["status"] for p in coordinator.get(f"{url}/participants").get_json())
    manager = api(network, "manager1")
    found["partners"] = sorted(p["name"] for p in manager.get(f"{INTAKE_API}/partners").get_json())
    found["needs"] = sorted(n["title"] for n in manager.get(f"{INTAKE_API}/competence-needs").get_json())
    found["services"] = sorted(s["name"] for s in manager.get(f"{INTAKE_API}/services").get_json())
    for username in MANAGERS:
        found[f"clients:{username}"] = api(network, username).get(f"{INTAKE_API}/clients").get_json()["total"]
        found[f"referrals:{username}"] = len(api(network, username).get(f"{INTAKE_API}/referrals").get_json())
        found[f"suggestions:{username}"] = sorted(
            s["status"] for s in api(network, username).get("/matching/api/v1/suggestions",
                                                            query_string={"per_page": 100}).get_json()["items"])
    report = indicators(network)
    found["indicators"] = (report["cards"], report["tables"])
    return found


def test_demo_content_is_entered_once_and_the_student_sees_only_their_own_record(network):
    client = Client(network.wsgi)
    token = client.post("/auth/token", json={"username": "student1", "password": "demo"}).get_json()
    me = client.get("/intake/api/v1/clients/me",
                    headers={"Authorization": f"Bearer {token['access_token']}", "Accept": "application/json"})
    assert me.status_code == 200
    assert me.get_json()["first_name"] == "Opiskelija"
    manager = net.client_as(network, "manager1")
    listed = manager.get("/intake/api/v1/clients").get_json()
    names = {c["first_name"] for c in listed["items"]} if "items" in listed else set()
    assert {"Aino", "Eetu", "Opiskelija"} <= names
    other = net.client_as(network, "manager2").get(f"/intake/api/v1/clients/{me.get_json()['id']}")
    assert other.status_code == 404, "another organisation's manager does not see the client"


def test_the_story_students_printed_by_kampus_dev_can_log_in(network):
    from demo.story import story_logins

    logins = story_logins()
    assert logins == [f"student{i}" for i in range(2, 9)]
    for username in logins:
        user = network.identity.get(username)
        assert user is not None and "student" in user.principal().roles and user.client_id


def test_seeding_again_enters_nothing(network):
    before = snapshot(network)
    assert demo_clients.seed(network) is False, "seeded once"
    assert network.settle()
    assert snapshot(network) == before


def test_partners_tell_their_competence_needs(network):
    partners = {p["name"]: p for p in api(network, "manager1").get(f"{INTAKE_API}/partners").get_json()}
    assert {p.name for p in cast.PARTNERS} <= set(partners)
    assert {p["kind"] for p in partners.values()} >= {"company", "association"}
    assert all(p["business_id"] for p in partners.values()), "every partner has a (checksum-valid) Y-tunnus"
    own = api(network, "partner1").get(f"{INTAKE_API}/competence-needs").get_json()
    assert {n["title"] for n in own} == {n.title for n in cast.NEEDS if n.partner == "konepaja"}
    assert any(n["hidden_job"] for n in own) and all(n["skills"] for n in own)
    choices = {p["name"]: p for p in api(network, "manager2").get(f"{ENV_API}/partners").get_json()}
    assert len(choices["Loimijoen Logistiikka Oy"]["needs"]) == 2, "environments knows the partners' open needs"


def test_environments_are_at_every_stage_of_their_lifecycle(network):
    found = environments(network)
    assert {e["status"] for e in found.values()} == {"draft", "open", "running", "completed", "evaluated"}
    assert all(e["multidisciplinary"]["value"] for e in found.values())
    assert found[story("running").name]["participants"] == len(story("running").team) - len(story("running").withdrawn)
    assert found[story("open").name]["participants"] >= len(story("open").team)
    progress = api(network, "coordinator").get(f"{ENV_API}/environments/progress").get_json()
    # running, the two completed and evaluated have started (all multidisciplinary); draft and open have not.
    assert (progress["started"], progress["multidisciplinary"], progress["target"]) == (4, 4, 20)


def team_page(network, username: str, environment_id: str, lang: str = "fi") -> str:
    browser = browser_as(network, username)
    browser.set_cookie("kampus_lang", lang)
    response = browser.get(f"/matching/environments/{environment_id}?build=1&min_fields=2&min_institutions=1",
                           headers={"Accept": "text/html"})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_the_planned_environment_has_an_optimal_multidisciplinary_team_shown_on_its_page(network):
    spec = story("draft")
    env = environments(network)[spec.name]
    team = api(network, spec.host).get(f"/matching/api/v1/environments/{env['id']}/team").get_json()
    assert (team["status"], team["optimal"], team["feasible"]) == ("optimal", True, True)
    assert len(team["members"]) >= 2 and len(team["fields"]) >= 2 and team["proposal"] is None
    html = team_page(network, spec.host, env["id"])
    assert "todistetusti optimaalinen" in html and "Tuotesuunnittelija" in html and "Liiketoiminnan kehittäjä" in html


def test_a_mix_the_running_environment_cannot_have_is_explained_with_a_relaxed_proposal(network):
    spec = story("running")
    env = environments(network)[spec.name]
    team = api(network, spec.host).get(f"/matching/api/v1/environments/{env['id']}/team",
                                       query_string={"min_fields": 2}).get_json()
    assert (team["status"], team["optimal"], team["members"]) == ("infeasible", False, [])
    assert {s["constraint"] for s in team["shortfalls"]} == {"fields"}
    assert team["proposal"]["label"] == "relaxed" and team["proposal"]["members"]
    fields, organisations = team["proposal"]["min_fields"], team["proposal"]["min_institutions"]
    texts = {"fi": ("Mikään tiimi ei täytä", "Koulutusalat: ehdokkailla on 1", "väljennetyllä kokoonpanolla",
                    f"koulutusaloja vähintään {fields}, organisaatioita vähintään {organisations}"),  # not "1 -alaa"
             "sv": ("Inget team uppfyller", "Utbildningsområden: kandidaterna har 1", "lättade krav",
                    f"utbildningsområden minst {fields}, organisationer minst {organisations}"),
             "en": ("No team meets every constraint", "Fields of education: the candidates have 1", "relaxed mix",
                    f"fields of education at least {fields}, organisations at least {organisations}")}
    for lang, expected in texts.items():
        html = team_page(network, spec.host, env["id"], lang)
        assert all(text in html for text in expected), lang
        assert "todistetusti optimaalinen" not in html


def test_the_evaluated_environment_has_a_mixed_team_surveys_assessments_and_outcomes(network):
    spec = story("evaluated")
    env = environments(network)[spec.name]
    assert env["participants"] == len(spec.team) >= 5
    coordinator = api(network, "coordinator")
    team = coordinator.get(f"{ENV_API}/environments/{env['id']}/participants").get_json()
    assert len({p["client_organisation"] for p in team}) >= 3, "students of several member organisations"
    assert {p["status"] for p in team} == {"completed"}
    genders = set()
    for manager in MANAGERS:  # each manager sees their own clients' gender (the full level)
        genders |= {p["gender"] for p in api(network, manager).get(
            f"{ENV_API}/environments/{env['id']}/participants").get_json() if p["level"] == "full"}
    assert {"woman", "man"} <= genders

    assessments = api(network, spec.host).get(f"{ENV_API}/environments/{env['id']}/assessments").get_json()
    assert len([a for a in assessments if a["participant_id"]]) == len(spec.team)
    assert [a for a in assessments if a["participant_id"] is None], "the partner's overall assessment"
    assert coordinator.get(f"{ENV_API}/environments/{env['id']}/assessments").status_code == 403
    summary = coordinator.get(f"{ENV_API}/environments/{env['id']}/assessments/summary").get_json()
    assert summary["participants"]["count"] == len(spec.assessments) >= 5, "the coordinator gets the aggregate"
    # The story's seven assessments by criterion: 30, 30, 27, 30 and 30 points over seven.
    assert summary["participants"]["averages"] == {"competence_matched_needs": 4.3, "working_life_skills": 4.3,
                                                   "initiative": 3.9, "teamwork": 4.3, "would_recruit": 4.3}
    outcomes = coordinator.get(f"{ENV_API}/environments/{env['id']}/outcomes").get_json()
    kinds = {o["kind"] for o in outcomes}
    assert {"part_time", "project"} <= kinds
    assert any(o["hidden_job"] for o in outcomes) and any(o["cooperation"] for o in outcomes)
    reminders = coordinator.get(f"{ENV_API}/environments/{env['id']}/reminders").get_json()
    assert not [r for r in reminders if r["kind"] in ("overall_assessment", "assessment")]

    student = people()[next(iter(spec.surveys))]
    mine = api(network, student.login).get(f"{ENV_API}/participants/mine").get_json()
    assert [p["survey_answered"] for p in mine if p["environment_id"] == env["id"]] == [True]


def test_the_completed_environment_waits_for_its_evaluation(network):
    spec = story("completed")
    env = environments(network)[spec.name]
    partner = api(network, "partner2")
    assert len(partner.get(f"{ENV_API}/environments/{env['id']}/assessments").get_json()) == len(spec.assessments)
    assert len(partner.get(f"{ENV_API}/environments/{env['id']}/outcomes").get_json()) == len(spec.outcomes)
    kinds = {r["kind"] for r in api(network, spec.host).get(f"{ENV_API}/environments/{env['id']}/reminders").get_json()}
    assert {"survey", "assessment", "overall_assessment"} <= kinds
    # The demo student's own survey is left for a newcomer to answer.
    mine = api(network, "student1").get(f"{ENV_API}/participants/mine").get_json()
    own = [p for p in mine if p["environment_id"] == env["id"]]
    assert [(p["status"], p["survey_answered"]) for p in own] == [("completed", False)]
    assert len(mine) == 2, "the student also has a seat in the open environment"


def test_consents_decide_what_travels(network):
    spec, who = story("evaluated"), people()
    unconsented = [k for k, _ in spec.team if not who[k].statistics]
    assert unconsented, "the story has a participant without the statistics consent"
    person = who[unconsented[0]]
    env = environments(network)[spec.name]
    seen = api(network, person.manager).get(f"{ENV_API}/environments/{env['id']}/participants").get_json()
    own = [p for p in seen if p["level"] == "full" and p["team_name"] == person.first]
    assert len(own) == 1 and own[0]["gender"] is None, "no gender without the statistics consent"
    with network.runtimes["matching"].db.session() as session:
        shared = session.execute(select(profiles.c.client_id).where(profiles.c.client_id == own[0]["client_id"]))
        assert shared.first() is None, "a profile that was not shared never reaches matching"


def test_the_coordinators_indicators_show_the_network(network):
    report = indicators(network)
    statuses = total_row(report, "environments")
    assert statuses["total"] == len(cast.ENVIRONMENTS) == 6
    assert [statuses[s] for s in ("draft", "open", "running", "completed", "evaluated")] == [1, 1, 1, 2, 1]

    who = people()
    started = [e for e in cast.ENVIRONMENTS if e.status in ("running", "completed", "evaluated")]
    # The demo has no network file: statistics rest on a public task (DEFAULT_PRIVACY), so every client
    # counts; under a register that bases them on consent only the consenting ones would.
    on_consent = register.for_organisation(None, "sataedu").needs_consent("statistics")
    counts = {k: not on_consent or who[k].statistics for k in who}
    counted = {k for e in started for k, _ in e.team if counts[k]}
    assert len(counted) >= 5
    assert total_row(report, "reach")["participants"] == len(counted), "clients on the statistics basis"

    jobs = [o for e in started for o in e.outcomes if o.kind in JOBS and counts[o.person]]
    hires = [title for title, plans in DIALOGUE.items() for plan in plans if "hired" in plan]  # the loop's (issue 16)
    cards = {c["key"]: c for c in report["cards"]}
    # The demo's jobs of environments and the loop's hire: the coordinator sees exact figures (issue 15).
    assert len(jobs) >= 5 and len(hires) == 1 and cards["jobs"]["value"] == len(jobs) + len(hires)
    assert isinstance(cards["cooperation"]["value"], int) and cards["cooperation"]["value"] >= 5
    surveys = sum(len(e.surveys) for e in started)
    assert cards["experience"]["of"] == surveys and 1 <= cards["experience"]["value"] <= 5
    assert isinstance(cards["fit"]["of"], int) and cards["fit"]["of"] >= 5 and 1 <= cards["fit"]["value"] <= 5
    assert cards["target"]["value"] == len(started), "multidisciplinary environments realised"
    referrals = total_row(report, "referrals")
    assert referrals["referrals_sent"] != 0 and referrals["shared_found"] != 0 and referrals["overlaps_removed"] != 0


def reach_by_environment(network, gender: str, view: str) -> dict:
    """Participants per environment (by id) of one gender, as the coordinator's report shows them in `view`."""
    response = api(network, "coordinator").get("/reporting/api/v1/indicators", query_string={
        "breakdown": "environment", "gender": gender, "view": view})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {r["key"]: r["cells"]["participants"] for r in table(response.get_json(), "reach")["rows"]}


def test_the_largest_environment_shows_its_gender_balance_on_its_page_and_in_the_indicators(network):
    spec, found = cast.GENERATIONS, environments(network)
    env = found[spec.name]
    assert spec.status == "completed" and env["participants"] == len(spec.team) == 11
    assert len({people()[k].field[:2] for k, _ in spec.team}) == 7, "students of seven (broad) fields"
    # By hand from demo/cast.py: Ella, Helmi, Iida, Emilia, Aada and Aino are women, Elias, Rasmus, Onni, Joona and
    # Leo men; each consented to statistics, so their managers recorded the gender, and no group is under five.
    balance = {"woman": 6, "man": 5, "other_or_undisclosed": 0}
    for username in (spec.host, "coordinator"):
        described = api(network, username).get(f"{ENV_API}/environments/{env['id']}").get_json()
        assert described["gender_balance"] == balance, username
    assert "Naisia 6, miehiä 5, muu tai ei kertonut 0." in page(network, spec.host, f"/environments/environments/"
                                                                                    f"{env['id']}")
    # Each other started environment has a group of one to four (the evaluated one: women 3, men 2, not told 1).
    for other in ("evaluated", "completed", "running"):
        described = api(network, spec.host).get(f"{ENV_API}/environments/{found[story(other).name]['id']}")
        assert described.get_json()["gender_balance"] is None, other

    # The indicators by environment for women and for men: its 6 and 5 are shown to the coordinator exactly and
    # also as partners and the public see them; the evaluated environment's 3 women (Aino, Iida, Emilia) are not.
    evaluated = found[story("evaluated").name]["id"]
    for view in ("exact", "protected"):
        women, men = reach_by_environment(network, "woman", view), reach_by_environment(network, "man", view)
        assert (women[env["id"]], men[env["id"]]) == (6, 5), view
        assert women[evaluated] == (3 if view == "exact" else "<5"), view
    # The dashboard (and the funder's report, made of the same tables) names the environment beside its figures, for
    # a period from the environment's start (the page's default, the year so far, misses it in the year's first half).
    start = (clock.today() + timedelta(days=spec.starts)).isoformat()
    html = page(network, "coordinator", f"/reporting/?start={start}&breakdown=environment&gender=woman&view=protected")
    reach = html[html.index('id="table-reach"'):]
    assert re.search(rf'<th scope="row">{spec.name}</th>\s*<td class="report-table__number">6</td>', reach)


def test_the_largest_environments_personal_metrics_are_answered_once_in_intake(network):
    spec, elias = cast.GENERATIONS, people()["elias"]
    env = environments(network)[spec.name]
    kinds = {r["kind"] for r in api(network, spec.host).get(f"{ENV_API}/environments/{env['id']}/reminders").get_json()}
    assert not kinds & {"start_metrics", "end_metrics"}, "each student's answers in intake reached the environment"
    # By hand from demo/story.py _metrics: Elias is the team's fourth (index 3); at the start 2 + (3 + i) % 3 per
    # statement, at the end one more where (3 + i) % 4 is not 0 (the second statement stays at 3).
    own = api(network, elias.login).get(f"{INTAKE_API}/clients/me").get_json()
    answers = api(network, elias.login).get(f"{INTAKE_API}/clients/{own['id']}/metrics").get_json()["answers"]
    today = clock.today()
    answered = {(a["phase"], a["scale"]): a["value"] for a in answers
                if clock.day_of(datetime.fromisoformat(a["answered_at"])) in (today + timedelta(days=spec.starts),
                                                                              today + timedelta(days=spec.ends))}
    keys = cast.METRIC_KEYS
    assert answered == {**{("start", k): v for k, v in zip(keys, (2, 3, 4, 2, 3), strict=True)},
                        **{("end", k): v for k, v in zip(keys, (3, 3, 5, 3, 4), strict=True)}}


def test_the_recruitment_loop_is_shown_at_each_stage(network):
    """Students' own interests, a partner's wish to meet, introductions, and what the partners told since."""
    def candidates(user: str, title: str) -> list[dict]:
        listed = api(network, user).get("/matching/api/v1/partner/needs").get_json()
        [need] = [n for n in listed if n["title"] == title]
        return api(network, user).get(f"/matching/api/v1/partner/needs/{need['need_id']}/candidates"
                                      ).get_json()["items"]

    [welder] = candidates("partner1", "Hitsaaja kesäksi")
    assert welder["stage"] == "introduced" and [f["stage"] for f in welder["feedback"]] == [
        "contacted", "interviewed", "hired"]
    events = candidates("partner2", "Tapahtumatuottaja (osa-aikainen)")
    assert sorted((c["stage"], tuple(f["stage"] for f in c["feedback"])) for c in events) == [
        ("introduced", ("interviewed", "trial")), ("introduction_requested", ())]
    waiting = api(network, "manager3").get("/matching/api/v1/suggestions", query_string={"status": "new"}
                                           ).get_json()["items"]
    assert "Kesätyöntekijä varastoon" in {i["target_title"] for i in waiting if i["origin"] == "student"}


def page(network, username: str, path: str) -> str:
    response = browser_as(network, username).get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_the_demo_student_has_a_path_with_a_goal_steps_done_one_due_soon_and_one_overdue(network):
    student = api(network, "student1")
    me = student.get(f"{INTAKE_API}/clients/me").get_json()
    path = student.get(f"{INTAKE_API}/clients/{me['id']}/path").get_json()
    assert [g["title"] for g in path["goals"]] == [cast.OWN_GOAL.title]
    today = clock.today()
    steps = {s["title"]: s for s in path["steps"]}
    assert len(steps) == 4 and {s["goal_id"] for s in steps.values()} == {path["goals"][0]["id"]}
    assert sorted(s["status"] for s in steps.values()) == ["done", "done", "planned", "planned"]
    open_days = sorted((date.fromisoformat(s["due_date"]) - today).days for s in steps.values()
                       if s["status"] == "planned")
    assert open_days == [-2, 4], "one step overdue, one due within a week"
    assert "2/4" in page(network, "student1", "/intake/me/path")
    metrics = student.get(f"{INTAKE_API}/clients/{me['id']}/metrics").get_json()
    event_week = story("completed")  # answered on its first and last day
    days = {(a["phase"], clock.day_of(datetime.fromisoformat(a["answered_at"]))) for a in metrics["answers"]}
    assert days == {("start", today + timedelta(days=event_week.starts)),
                    ("end", today + timedelta(days=event_week.ends))}


def test_the_first_desk_of_sataedus_manager_has_work_for_today_and_the_bell_rings_only_for_it(network):
    html = page(network, "manager1", "/intake/desk")
    assert "Hakemus Nuorisoseuran iltaohjaajan osa-aikatyöhön" in html, "the student's overdue step"
    assert "Satakunnan ammattikorkeakoulu (demo)" in html, "SAMK's referral of Vilja waits for Sataedu"
    waiting = [r for r in api(network, "manager1").get(f"{INTAKE_API}/referrals").get_json()
               if r["status"] == "sent" and r["to_organisation"] == "sataedu"]
    assert len(waiting) == 1
    bell = page(network, "manager1", "/notifications")
    assert "Sinulla on 1 lukematon ilmoitus." in bell, "the story's past is read; today's referral is new"


def test_a_partner_sees_the_contact_a_student_shared_and_another_introduction_waits_for_the_student(network):
    joona, onni = people()["joona"], people()["onni"]
    html = page(network, "partner1", "/intake/my/needs")
    assert f"{joona.first} {joona.last}" in html and joona.email in html
    own = api(network, onni.login).get(f"{INTAKE_API}/clients/me").get_json()
    asked = api(network, onni.login).get(f"{INTAKE_API}/clients/{own['id']}/disclosures").get_json()
    assert [(d["partner_name"], d["status"]) for d in asked] == [("Kankaanpään Nuorisoseura ry", "awaiting")]
    assert onni.email not in page(network, "partner2", "/intake/my/needs"), "nothing before the student says yes"
