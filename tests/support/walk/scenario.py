"""The route walk's scenario: objects owned by one organisation (Sataedu), and the actors who try them.

Everything is entered through the services' public APIs by the person who would do it, on the embedded
network, then the events are settled so that every service holds its part. The client's personal data are
canaries: strings found nowhere else, so that the walk can tell whether an answer shows them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from demo.story import Api
from shared import clock

MEETING_AT = f"{clock.today() + timedelta(days=2)}T08:00:00+00:00"  # the client's step is a meeting
INTAKE, ENVIRONMENTS, MATCHING = "/intake/api/v1", "/environments/api/v1", "/matching/api/v1"
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
DATABASE = "http://data.europa.eu/esco/skill/29fb0fb5-dfc4-4098-ac9b-3a712000f48f"
CAD = "http://data.europa.eu/esco/skill/a2b5dcf3-5b6a-453d-876c-cff540c0faf1"  # the client lacks it
OWNER = "sataedu"

# The client's personal data, with their own words in the experience survey and the note of their referral
# (shown only to those entitled to it), and what their team knows of them: the name in the team and the
# partner's assessment. ASCII only, because JSON answers escape other letters.
FIRST, LAST = "Kanerva", "Kanarialintu"
EMAIL, PHONE = "kanerva.kanarialintu@example.fi", "+358 40 765 4321"
SURVEY_TEXT = "Kanariapalaute: opin paljon."
REFERRAL_NOTE = "Kanarian ohjaus: haluaa korkeakouluun."
TEAM_NAME, ASSESSMENT_TEXT = "Tiimikanari", "Kanaria-arvio: oma-aloitteinen."
PERSONAL = (LAST, EMAIL, PHONE, SURVEY_TEXT, REFERRAL_NOTE)
TEAM = (TEAM_NAME, ASSESSMENT_TEXT)

# Who walks: the role names of the expectation table and the user each one signs in as.
ACTORS = {
    "own": "manager1",  # a manager of Sataedu, the organisation that owns the objects
    "mgr2": "manager3",  # a manager of WinNova, whose own client was in the client's team
    "ptr": "partner1",  # a user of Konepaja Virtanen, the partner Sataedu recorded and took into its environment
    "ptr2": "partner2",  # a user of Nuorisoseura, a partner another organisation recorded
    "stu": "student1",  # the client of the objects
    "stu2": "student-walk",  # another student of Sataedu, the client's team mate in the completed environment
    "coord": "coordinator",
    "admin": "admin",
    "anon": None,
}


@dataclass
class Scenario:
    """The ids of the objects, by the names the walk's routes take them by."""

    ids: dict[str, object] = field(default_factory=dict)


def build(network, today: date | None = None) -> Scenario:
    """Enter the scenario and settle its events; the network must hold the demo users."""
    today = today or clock.today()
    api = Api(network)
    ids: dict[str, object] = {}

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    # Clients of Sataedu: ours (the student's own record), the other student's and a third without a login;
    # the same person as ours at SAMK, and a client of WinNova.
    consents = {"service": True, "profile_sharing": True, "contact_to_partner": True, "statistics": True,
                "overlap": True}
    person = {"first_name": FIRST, "last_name": LAST, "birth_date": "2004-05-06", "email": EMAIL, "phone": PHONE,
              "home_municipality": "214", "gender": "woman", "field_of_education": "061",
              "employment_status": "unemployed", "education_level": 3, "education_status": "studying",
              "mother_tongue": "fi", "languages": [{"code": "fi", "level": "native"}], "consents": consents}
    ids["client_id"] = client = api.post("manager1", f"{INTAKE}/clients", person)["id"]
    network.identity.link_client("student1", client)
    other = api.post("manager1", f"{INTAKE}/clients", {
        **person, "first_name": "Otso", "last_name": "Ohikulkija", "birth_date": "2003-01-02", "email": None,
        "phone": None})["id"]
    network.identity.create_user("student-walk", "demo", display_name="Otso Ohikulkija", organisation=OWNER,
                                 roles=["student"], client_id=other, demo=True)
    third = api.post("manager1", f"{INTAKE}/clients", {
        **person, "first_name": "Ilmari", "last_name": "Ilmanlogia", "birth_date": "2005-07-08", "email": None,
        "phone": None})["id"]
    at_samk = api.post("manager2", f"{INTAKE}/clients", person)["id"]  # the same person at SAMK: a notice
    winnova = api.post("manager3", f"{INTAKE}/clients", {
        **person, "first_name": "Wilma", "last_name": "Winnovalainen", "birth_date": "2004-02-02", "email": None,
        "phone": None})["id"]
    ids["mgr2_client_id"], ids["stu2_client_id"] = winnova, other

    # The client's needs, path, metrics, competence profile and a transition.
    url = f"{INTAKE}/clients/{client}"
    ids["need_id"] = api.post("manager1", f"{url}/needs", {"category": "work_experience", "priority": 1})["id"]
    ids["goal_id"] = api.post("manager1", f"{url}/path/goals", {"kind": "work",
                                                                "title": "Ohjelmistokehittäjäksi"})["id"]
    ids["step_id"] = api.post("manager1", f"{url}/path/steps", {
        "goal_id": ids["goal_id"], "kind": "visit_company", "title": "Yritysvierailu", "owner": "client",
        "starts_at": MEETING_AT, "place": "Konepaja Virtanen, Pori"})["id"]  # a meeting: .ics, the student's page
    api.post("manager1", f"{url}/metrics", {"phase": "start", "answers": {"know_wanted_work": 2}})
    api.put("manager1", f"{url}/profile", {"hours_per_week": 20, "work_types": ["part_time"],
                                           "municipalities": ["214"], "languages": ["fi"]})
    ids["entry_id"] = api.post("manager1", f"{url}/profile/skills",
                               {"skill_uri": PYTHON, "level": 3, "evidence": "course",
                                "evidence_ref": "Ohjelmoinnin perusteet"})["id"]
    api.post("manager1", f"{url}/profile/skills", {"skill_uri": DATABASE, "level": 2, "evidence": "self"})
    api.post("manager1", f"{url}/outcomes", {"kind": "education", "started_on": day(-5),
                                             "field_of_education": "061"})

    # The service catalogue and a referral to SAMK's service.
    ids["service_id"] = api.post("manager1", f"{INTAKE}/services", {"name": "Työhönvalmennus"})["id"]
    samk_service = api.post("manager2", f"{INTAKE}/services", {"name": "Opintojen ohjaus"})["id"]
    ids["samk_service_id"] = samk_service
    ids["referral_id"] = api.post("manager1", f"{INTAKE}/referrals", {
        "client_id": client, "to_organisation": "samk", "service_id": samk_service,
        "note": REFERRAL_NOTE, "client_agreed": True})["id"]
    ids["incoming_reference"] = api.post("manager2", f"{INTAKE}/referrals", {
        "client_id": at_samk, "to_organisation": OWNER, "service_id": ids["service_id"], "note": None,
        "client_agreed": True})["reference"]

    # Partners: ours and one SAMK recorded, each linked by the administrator to its users' organisation; a need
    # of each.
    ids["partner_id"] = api.post("manager1", f"{INTAKE}/partners", {
        "name": "Konepaja Virtanen Oy", "kind": "company", "business_id": "3187452-8", "municipality": "214",
        "contacts": [{"name": "Kaisa Kumppani", "role": "Tuotantopäällikkö", "email": "kaisa@example.fi"}]})["id"]
    api.put("admin", f"{INTAKE}/partners/{ids['partner_id']}/organisation", {"organisation": "konepaja-virtanen"})
    other_partner = api.post("manager2", f"{INTAKE}/partners", {"name": "Kankaanpään Nuorisoseura ry",
                                                                "kind": "association"})["id"]
    api.put("admin", f"{INTAKE}/partners/{other_partner}/organisation", {"organisation": "nuorisoseura"})
    need = {"title": "Ohjelmistokehittäjä (osa-aikainen)", "work_type": "part_time", "hours_per_week": 16,
            "municipality": "214", "languages": ["fi"], "skills": [{"uri": PYTHON, "essential": True, "level": 3}]}
    ids["competence_need_id"] = api.post("manager1", f"{INTAKE}/competence-needs",
                                         {**need, "partner_id": ids["partner_id"]})["id"]
    api.post("partner2", f"{INTAKE}/competence-needs", {**need, "title": "Tapahtumatuottaja"})
    network.settle()

    # The shared-client notice of our client, and the matching suggestion of our client for our need:
    # the manager accepts it and the client accepts the partner's wish to contact them, so that the client's
    # contact goes to the partner (consent (c) is given).
    [notice] = api.get("manager1", f"{INTAKE}/overlap/notices", status="open")
    ids["notice_id"] = notice["id"]
    [suggestion] = api.get("manager1", f"{MATCHING}/suggestions", need_id=ids["competence_need_id"])["items"]
    ids["need_suggestion_id"] = suggestion["id"]
    api.post("manager1", f"{MATCHING}/suggestions/{suggestion['id']}/decision", {"decision": "accept"})
    network.settle()
    [question] = api.get("student1", f"{INTAKE}/clients/{client}/disclosures")
    api.post("student1", f"{INTAKE}/clients/{client}/disclosures/{question['id']}", {"accept": True})
    network.settle()
    shared = api.client.get("/intake/my/needs", headers={**api.headers("partner1"), "Accept": "text/html"})
    assert EMAIL in shared.get_data(as_text=True), "the client's contact did not reach the partner"

    # An environment hosted by Sataedu with our partner, taken to completion and evaluated by its people; the
    # other student and a client of WinNova were in its team too.
    environment = {
        "name": "Kanarian datapaja", "description": "Opiskelijat rakentavat konepajalle tuotannon seurannan.",
        "learning_goals": "Tiedon keruu ja ohjelmointi aidossa yrityksessä.", "fields_of_education": ["061", "071"],
        "institutions": ["samk"], "municipality": "214", "capacity": 4, "partner_ids": [ids["partner_id"]],
        "need_ids": [ids["competence_need_id"]],
        "roles": [{"title": "Ohjelmistokehittäjä", "seats": 2, "fields": ["061"],
                   "skills": [{"uri": PYTHON, "level": 3}]},
                  {"title": "Tuotannon kehittäjä", "seats": 2, "fields": ["071"], "skills": []}]}
    env = api.post("manager1", f"{ENVIRONMENTS}/environments",
                   {**environment, "starts_on": day(-60), "ends_on": day(-10)})
    ids["environment_id"] = env["id"]
    env_url = f"{ENVIRONMENTS}/environments/{env['id']}"
    review = {"items": [{"item": i["item"], "checked": True, "note": None} for i in env["review"]["items"]]}
    api.put("manager1", f"{env_url}/review", review)
    api.post("manager1", f"{env_url}/transitions", {"to": "open"})
    ids["participant_id"] = participant = api.post("manager1", f"{env_url}/participants", {
        "client_id": client, "role_id": env["roles"][0]["id"], "team_name": TEAM_NAME, "gender": "woman",
        "started_on": day(-60)})["id"]
    mate = api.post("manager1", f"{env_url}/participants", {  # the other student: a team mate
        "client_id": other, "role_id": env["roles"][1]["id"], "team_name": "Otso", "started_on": day(-60)})["id"]
    guest = api.post("manager3", f"{env_url}/participants", {  # WinNova's manager enrols their own client
        "client_id": winnova, "role_id": env["roles"][1]["id"], "team_name": "Wilma",
        "started_on": day(-60)})["id"]
    network.settle()  # intake learns of the enrolment: the student's answers below are the environment's start
    api.post("student1", f"{INTAKE}/clients/{client}/metrics",
             {"phase": "start", "answers": {"know_wanted_work": 2, "show_competence": 3}, "context": env["id"]})
    api.post("manager1", f"{env_url}/transitions", {"to": "running"})
    for someone in (participant, mate, guest):
        api.post("manager1", f"{ENVIRONMENTS}/participants/{someone}/completion", {"ended_on": day(-10)})
    api.post("manager1", f"{env_url}/transitions", {"to": "completed"})
    api.post("student1", f"{ENVIRONMENTS}/participants/{participant}/survey", {
        "answers": {"working_life_orientation": 5, "learning": 4, "competence_shown": 4, "teamwork": 5,
                    "guidance": 4}, "free_text": SURVEY_TEXT})
    scores = {"competence_matched_needs": 5, "working_life_skills": 4, "initiative": 4, "teamwork": 5,
              "would_recruit": 5}
    api.post("partner1", f"{env_url}/assessments", {"participant_id": participant, "scores": scores,
                                                   "skills": [{"uri": PYTHON, "level": 4}],
                                                   "free_text": ASSESSMENT_TEXT})
    api.post("partner1", f"{env_url}/outcomes", {"kind": "part_time", "partner_id": ids["partner_id"],
                                                "participant_id": participant, "started_on": day(-5),
                                                "description": "Osa-aikainen ohjelmistokehittäjä."})
    ids["assertion_id"] = api.post("student1", f"{ENVIRONMENTS}/participants/{participant}/badge",
                                   {"identity": EMAIL})["id"]

    # A second environment of Sataedu, open for enrolment, and matching's suggestion of our client for it.
    # Its first role wants CAD besides Python, a learning gap of our client; nobody takes the second.
    roles = [{"title": "Sovelluskehittäjä", "seats": 2, "fields": ["061"],
              "skills": [{"uri": PYTHON, "level": 3}, {"uri": CAD, "level": 2}]},
             {"title": "Testaaja", "seats": 2, "fields": ["061"], "skills": []}]
    open_env = api.post("manager1", f"{ENVIRONMENTS}/environments", {
        **environment, "name": "Kanarian sovelluspaja", "starts_on": day(20), "ends_on": day(80), "roles": roles})
    ids["open_environment_id"] = open_env["id"]
    ids["open_role_id"], ids["role_id"] = (r["id"] for r in open_env["roles"])
    open_url = f"{ENVIRONMENTS}/environments/{open_env['id']}"
    api.put("manager1", f"{open_url}/review", review)
    api.post("manager1", f"{open_url}/transitions", {"to": "open"})
    ids["enrolled_id"] = api.post("manager1", f"{open_url}/participants", {  # a client without a login
        "client_id": third, "role_id": ids["open_role_id"], "team_name": "Ilmari"})["id"]
    ids["mgr2_environment_id"] = api.post("manager3", f"{ENVIRONMENTS}/environments", {  # WinNova's own draft
        **environment, "name": "Winnovan paja", "partner_ids": [], "need_ids": [], "roles": roles[1:]})["id"]
    api.put("manager1", f"{MATCHING}/digest", {"email": "palvelumanageri1@example.fi", "locale": "fi"})
    network.settle()
    [suggestion] = api.get("manager1", f"{MATCHING}/suggestions", environment_id=open_env["id"],
                           status="new")["items"]
    assert suggestion["client_id"] == client and suggestion["explanation"]["learning_gaps"], suggestion
    ids["suggestion_id"] = suggestion["id"]
    # rights requests of the client: an erasure (its decision drafted), an objection, and a restriction in force
    # (of ESF reporting, which nothing else in the walk touches)
    rights = f"{INTAKE}/rights-requests"
    received = {"client_id": client, "received_on": day(-3)}
    ids["request_id"] = api.post("manager1", rights, {**received, "kind": "erasure"})["id"]
    ids["objection_request_id"] = api.post("manager1", rights, {**received, "kind": "objection",
                                                                "purpose": "statistics"})["id"]
    ids["restriction_request_id"] = restricted = api.post("manager1", rights, {
        **received, "kind": "restriction", "purpose": "esf_reporting"})["id"]
    api.post("manager1", f"{rights}/{restricted}/restriction", {"reason": "Tietojen paikkansapitävyys kiistetty."})
    ids["restriction_id"] = network.runtimes["intake"].db.engine.connect().exec_driver_sql(
        "SELECT max(id) FROM processing_restrictions").scalar()
    minors(network, ids, client, today)
    ids["notification_id"] = own_notification(network, "manager1")
    return Scenario(ids)


def own_notification(network, username: str) -> int:
    """The newest notification of a user (the incoming referral's, at least)."""
    from sqlalchemy import func, select

    from services.portal.db import notifications

    user = network.identity.get(username)
    with network.portal.db.session() as session:
        found = session.execute(select(func.max(notifications.c.id)).where(
            notifications.c.user_id == user.id)).scalar()
    assert found is not None, f"{username} has no notification in the scenario"
    return found


def minors(network, ids: dict, client: str, today: date) -> None:
    """A partner's second wish to contact our client, waiting for their answer (`disclosure_id`); a 16-year-old
    client of Sataedu without a login (`minor_id`) with a guardian and the guardian's open request."""
    import uuid

    from services.intake.db import competence_needs
    from services.intake.handlers import minors as minor_handlers
    from shared.auth.principal import Principal

    intake = network.runtimes["intake"]
    with intake.db.session() as session:
        other_need = session.execute(competence_needs.select().where(
            competence_needs.c.id != ids["competence_need_id"])).first()
    with network.runtimes["matching"].work() as work:
        work.emit("matching.suggestion.accepted", {
            "suggestion_id": str(uuid.uuid4()), "client_id": client, "organisation": OWNER, "target_kind": "need",
            "target_id": other_need.id, "environment_id": None, "reason": None})
    network.settle()
    api = Api(network)
    ids["disclosure_id"] = [q for q in api.get("student1", f"{INTAKE}/clients/{client}/disclosures")
                            if q["status"] == "awaiting"][0]["id"]
    birth = date(today.year - 16, 1, 1)
    ids["minor_id"] = api.post("manager1", f"{INTAKE}/clients", {
        "first_name": "Helmi", "last_name": "Nuorinen", "birth_date": birth.isoformat(), "home_municipality": "214",
        "consents": {"service": True}})["id"]
    manager = Principal(user_id=str(uuid.uuid4()), username="manager1", organisation=OWNER,
                        roles=frozenset({"manager"}))
    with intake.work() as work:
        guardian = minor_handlers.add_guardian(work, manager, ids["minor_id"], {
            "name": "Maija Nuorinen", "relation": "parent", "phone": "+358 40 111 2222"})
        ids["guardian_id"] = guardian.id
        ids["guardian_request_id"] = minor_handlers.record_request(work, manager, ids["minor_id"], guardian.id,
                                                                   "access", today)
