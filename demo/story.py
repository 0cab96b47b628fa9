"""The demo network's story: partners, their needs and project learning environments at every stage.

`seed(network)` enters, through the services' public HTTP APIs and as the demo user who would do it,
what a year of the network looks like: companies and an association with competence needs, clients
of the five member organisations (some with their own student login), and six multidisciplinary
environments — the network's first and largest, completed and big enough for its team's gender balance
to be shown, then one evaluated, one completed and awaiting evaluation, one running, one open for
enrolment and one still a draft — with their participants, personal metrics, experience surveys,
partners' assessments and the jobs and cooperation that followed. The services' own rules apply:
consents decide what travels to matching and reporting, the gender-neutral review gates opening,
seats and the lifecycle are checked, and every step publishes its events.

Everything is found by its natural key before it is entered (a partner by name, a need by title, a
client by name and birth date, a login by username, an environment by name), so running the seed
again enters nothing twice. Who and what the story is about is in demo/cast.py; the extra student
logins are demo users like those of demo/identity.py.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from werkzeug.test import Client

from demo.cast import (
    CASE_NOTES,
    CRITERIA_KEYS,
    DAYS_WORK,
    ENVIRONMENTS,
    GOALS,
    LEAD,
    METRIC_KEYS,
    NEEDS,
    PARTNERS,
    REFERRALS,
    SERVICES,
    STORY_PEOPLE,
    SUGGESTION_DECISIONS,
    SURVEY_KEYS,
    Environment,
    Need,
    Partner,
    Person,
    people,
)
from demo.identity import PASSWORD  # the demo users' password
from services.portal.handlers import notifications
from services.portal.handlers.identity import access_token
from shared import clock

INTAKE_API, ENVIRONMENTS_API = "/intake/api/v1", "/environments/api/v1"


class DemoError(RuntimeError):
    """The demo content could not be entered (an API answered with an error)."""


def _metrics(person_index: int, phase: str) -> dict:
    """Self-assessments 1–5 that mostly rise from the start to the end (one scale may stay or fall)."""
    start = [2 + (person_index + i) % 3 for i in range(len(METRIC_KEYS))]
    if phase == "start":
        return dict(zip(METRIC_KEYS, start))
    end = [min(5, value + (1 if (person_index + i) % 4 else 0)) for i, value in enumerate(start)]
    return dict(zip(METRIC_KEYS, end))


# --- the HTTP side --------------------------------------------------------------------------------
class Api:
    """The network's public HTTP API, called as one demo user or another (bearer tokens like the portal's)."""

    def __init__(self, network) -> None:
        self.network = network
        self.client = Client(network.wsgi)
        self._tokens: dict[str, str] = {}

    def headers(self, username: str) -> dict:
        if username not in self._tokens:
            user = self.network.identity.get(username)
            if user is None:
                raise DemoError(f"no demo user {username!r}")
            self._tokens[username] = access_token(self.network.portal.config.token_settings, user)
        return {"Authorization": f"Bearer {self._tokens[username]}", "Accept": "application/json"}

    def forget(self, username: str) -> None:
        """Drop a cached token (the user's client link changed)."""
        self._tokens.pop(username, None)

    def call(self, username: str, method: str, path: str, body: dict | None = None, query: dict | None = None):
        response = self.client.open(path, method=method, headers=self.headers(username), json=body,
                                    query_string=query)
        if response.status_code not in (200, 201, 202):
            raise DemoError(f"{method} {path} as {username} failed: {response.status_code} "
                            f"{response.get_data(as_text=True)[:500]}")
        return response.get_json()

    def get(self, username: str, path: str, **query):
        return self.call(username, "GET", path, query=query or None)

    def post(self, username: str, path: str, body: dict):
        return self.call(username, "POST", path, body)

    def put(self, username: str, path: str, body: dict):
        return self.call(username, "PUT", path, body)


def register_client(api: Api, person: Person, entered_on: date | None = None) -> str:
    """Register a client with their consents as their service manager; the new client's id."""
    body = {"first_name": person.first, "last_name": person.last, "birth_date": person.born,
            "home_municipality": person.municipality, "gender": person.gender,
            "field_of_education": person.field, "employment_status": person.employment,
            "education_level": person.isced, "education_status": "studying", "mother_tongue": "fi",
            "languages": [{"code": "fi", "level": "native"}, {"code": "en", "level": "good"}],
            "consents": person.consents}
    if person.email is not None:
        body["email"] = person.email
    if entered_on is not None:
        body["entered_on"] = entered_on.isoformat()
    return api.post(person.manager, f"{INTAKE_API}/clients", body)["id"]


class Story:
    """Enters the story step by step; `entered` tells whether anything new was entered."""

    def __init__(self, network, today: date | None = None) -> None:
        self.network = network
        self.api = Api(network)
        self.today = today or clock.today()
        self.entered = False
        self.people = {p.key: p for p in people()}
        self.client_ids: dict[str, str] = {}
        self.partner_ids: dict[str, str] = {}
        self.need_ids: dict[str, str] = {}

    def day(self, offset: int) -> str:
        return (self.today + timedelta(days=offset)).isoformat()

    # people
    def client(self, key: str) -> str:
        """The person's client id: found by name and birth date among their organisation's clients, or registered."""
        if key in self.client_ids:
            return self.client_ids[key]
        person = self.people[key]
        found = self.api.post(person.manager, f"{INTAKE_API}/clients/search",
                              {"q": f"{person.first} {person.last}", "per_page": 100})
        ids = [c["id"] for c in found["items"] if c["first_name"] == person.first and c["last_name"] == person.last
               and c["birth_date"] == person.born]
        if ids:
            client_id = ids[0]
        else:
            client_id = register_client(self.api, person, self.today - timedelta(days=200))
            for uri, level in person.skills:
                self.api.post(person.manager, f"{INTAKE_API}/clients/{client_id}/profile/skills",
                              {"skill_uri": uri, "level": level, "evidence": "self"})
            self.entered = True
        self.client_ids[key] = client_id
        if person.login:
            self._login(person, client_id)
        return client_id

    def _login(self, person: Person, client_id: str) -> None:
        """The student's own login, linked to their client record (as an administrator sets it up)."""
        identity = self.network.identity
        user = identity.get(person.login)
        if user is None:
            identity.create_user(person.login, PASSWORD, display_name=f"{person.first} {person.last}",
                                 organisation=_organisation_of(identity, person.manager), roles=["student"],
                                 client_id=client_id, demo=True)
            self.entered = True
        elif user.demo and user.client_id is None:  # never relink a real user, nor one linked already
            identity.link_client(person.login, client_id)
            self.api.forget(person.login)
            self.entered = True

    # partners
    def partner(self, spec: Partner) -> str:
        if spec.key in self.partner_ids:
            return self.partner_ids[spec.key]
        found = [p for p in self.api.get(spec.recorded_by, f"{INTAKE_API}/partners", name=spec.name)
                 if p["name"] == spec.name]
        if found:
            partner = found[0]
        else:
            contacts = [{"name": n, "role": r, "email": e} for n, r, e in [spec.contact]] if spec.contact else []
            partner = self.api.post(spec.recorded_by, f"{INTAKE_API}/partners", {
                "name": spec.name, "kind": spec.kind, "business_id": spec.business_id,
                "municipality": spec.municipality, "industry": spec.industry, "contacts": contacts})
            self.entered = True
        if spec.organisation and partner.get("organisation") is None:  # only an administrator links its users
            self.api.put("admin", f"{INTAKE_API}/partners/{partner['id']}/organisation",
                         {"organisation": spec.organisation})
            self.entered = True
        self.partner_ids[spec.key] = partner["id"]
        return partner["id"]

    def need(self, spec: Need) -> str:
        partner_id = self.partner(next(p for p in PARTNERS if p.key == spec.partner))
        found = [n for n in self.api.get(spec.entered_by, f"{INTAKE_API}/competence-needs", partner_id=partner_id)
                 if n["title"] == spec.title]
        if found:
            need_id = found[0]["id"]
        else:
            need_id = self.api.post(spec.entered_by, f"{INTAKE_API}/competence-needs", {
                "partner_id": partner_id, "title": spec.title, "description": spec.description,
                "work_type": spec.work_type, "hours_per_week": spec.hours_per_week, "people": spec.people,
                "hidden_job": spec.hidden_job, "municipality": spec.municipality, "languages": ["fi"],
                "start_date": self.day(spec.starts) if spec.starts is not None else None,
                "skills": [{"uri": u, "essential": e, "level": lvl} for u, e, lvl in spec.skills]})["id"]
            self.entered = True
        self.need_ids[spec.title] = need_id
        return need_id

    # cooperation between the member organisations
    def services(self) -> dict[str, dict]:
        """The catalogue's services by name: each member organisation's found, or added by its manager."""
        found = {}
        for spec in SERVICES:
            organisation = _organisation_of(self.network.identity, spec.manager)
            same = [x for x in self.api.get(spec.manager, f"{INTAKE_API}/services", organisation=organisation)
                    if x["name"] == spec.name]
            if not same:
                same = [self.api.post(spec.manager, f"{INTAKE_API}/services", {
                    "name": spec.name, "description": spec.description, "target_group": spec.target_group,
                    "service_area": spec.service_area})]
                self.entered = True
            found[spec.name] = same[0]
        return found

    def overlaps(self) -> None:
        """Sataedu records the agreement on Eetu with WinNova, the other organisation that serves him: Sataedu leads.
        WinNova's notice is settled by that agreement (`intake.overlap.agreed`), shown as recorded by Sataedu."""
        for key in ("eetu",):
            person = self.people[key]
            for notice in self.api.get(person.manager, f"{INTAKE_API}/overlap/notices", status="open"):
                if notice["client_id"] == self.client(key):
                    self.api.post(person.manager, f"{INTAKE_API}/overlap/notices/{notice['id']}/resolve",
                                  {"resolution": "lead_agreed", "lead_organisation": LEAD})
                    self.entered = True

    def referrals(self, services: dict[str, dict], *, waiting: bool) -> None:
        """Referrals to another organisation's service, sent with the client's agreement: the accepted ones (the
        story's past), or those still waiting for the receiver (`waiting`)."""
        for spec in (r for r in REFERRALS if (r.accepted_as is None) == waiting):
            person, service = self.people[spec.person], services[spec.to_service]
            client_id = self.client(spec.person)
            sent = [r for r in self.api.get(person.manager, f"{INTAKE_API}/referrals", direction="out")
                    if r["client_id"] == client_id and r["to_organisation"] == service["organisation"]]
            if sent:
                continue
            referral = self.api.post(person.manager, f"{INTAKE_API}/referrals", {
                "client_id": client_id, "to_organisation": service["organisation"], "service_id": service["id"],
                "note": spec.note, "client_agreed": True})
            if spec.accepted_as:
                receiver = self.people[spec.accepted_as]
                self.api.post(receiver.manager, f"{INTAKE_API}/referrals/{referral['id']}/accept",
                              {"receiver_client_id": self.client(spec.accepted_as)})
            self.entered = True

    # a manager's day
    def goals(self) -> dict[tuple[str, str], str]:
        """The goals on clients' paths by (person, title): found, or set by their service manager."""
        found = {}
        for spec in GOALS:
            person, client_id = self.people[spec.person], self.client(spec.person)
            url = f"{INTAKE_API}/clients/{client_id}/path"
            same = [g["id"] for g in self.api.get(person.manager, url)["goals"] if g["title"] == spec.title]
            if not same:
                same = [self.api.post(person.manager, f"{url}/goals", {
                    "kind": spec.kind, "title": spec.title, "due_date": self.day(spec.due_in_days)})["id"]]
                self.entered = True
            found[spec.person, spec.title] = same[0]
        return found

    def days_work(self) -> None:
        """Goals, steps and meetings on clients' paths (some done, some overdue, one meeting today) and a case note,
        through the API."""
        goals = self.goals()
        for spec in DAYS_WORK:
            person, client_id = self.people[spec.person], self.client(spec.person)
            url = f"{INTAKE_API}/clients/{client_id}/path"
            if any(s["title"] == spec.title for s in self.api.get(person.manager, url)["steps"]):
                continue
            day = self.today + timedelta(days=spec.due_in_days)
            body = {"kind": spec.kind, "title": spec.title, "owner": spec.owner, "due_date": day.isoformat(),
                    "status": spec.status, "goal_id": goals[spec.person, spec.goal] if spec.goal else None}
            if spec.meeting_at is not None:
                start = datetime.combine(day, time(*spec.meeting_at), clock.ZONE)
                body.update(starts_at=start.astimezone(UTC).isoformat(),
                            ends_at=(start + timedelta(hours=1)).astimezone(UTC).isoformat(),
                            place=spec.place, video_link=spec.video_link, participants=spec.participants)
            self.api.post(person.manager, f"{url}/steps", body)
            self.entered = True
        for note in CASE_NOTES:
            person, client_id = self.people[note.person], self.client(note.person)
            url = f"{INTAKE_API}/clients/{client_id}/notes"
            if any(n["text"] == note.text for n in self.api.get(person.manager, url)):
                continue
            self.api.post(person.manager, url, {"noted_on": self.day(-note.days_ago), "kind": note.kind,
                                                "text": note.text})
            self.entered = True

    # environments
    def environments(self) -> None:
        existing = {e["name"] for e in self.api.get("coordinator", f"{ENVIRONMENTS_API}/environments")}
        for spec in ENVIRONMENTS:
            if spec.name not in existing:
                self.environment(spec)
                self.entered = True

    def environment(self, spec: Environment) -> None:
        """Create an environment and take it as far as its story goes, as the people who would do each step."""
        env = self.api.post(spec.host, f"{ENVIRONMENTS_API}/environments", {
            "name": spec.name, "description": spec.description, "learning_goals": spec.learning_goals,
            "fields_of_education": list(spec.fields), "institutions": list(spec.institutions),
            "municipality": spec.municipality, "starts_on": self.day(spec.starts), "ends_on": self.day(spec.ends),
            "capacity": spec.capacity, "partner_ids": [self.partner_ids[p] for p in spec.partners],
            "need_ids": [self.need_ids[n] for n in spec.needs],
            "roles": [{"title": r.title, "description": r.description, "seats": r.seats, "fields": list(r.fields),
                       "skills": [{"uri": u, "level": lvl} for u, lvl in r.skills]} for r in spec.roles]})
        if spec.status == "draft":
            return
        url = f"{ENVIRONMENTS_API}/environments/{env['id']}"
        self.api.put(spec.host, f"{url}/review", {"items": [
            {"item": item["item"], "checked": True, "note": None} for item in env["review"]["items"]]})
        self.move(spec, url, "open")
        started = spec.starts if spec.starts < 0 else None
        participants = {key: self.enrol(env, key, role, started) for key, role in spec.team}
        if spec.status == "open":
            return
        self.network.settle()  # intake learns of the enrolments: the answers' context is the client's environment
        for index, key in enumerate(participants):
            self.metrics(key, env["id"], index, "start", spec.starts)
        self.move(spec, url, "running")
        for key, reason in spec.withdrawn.items():
            self.api.post(self.people[key].manager,
                          f"{ENVIRONMENTS_API}/participants/{participants[key]}/withdrawal", {"reason": reason})
        if spec.status != "running":
            for key, participant_id in participants.items():
                if key not in spec.withdrawn:
                    self.api.post(spec.host, f"{ENVIRONMENTS_API}/participants/{participant_id}/completion",
                                  {"ended_on": self.day(spec.ends)})
            self.move(spec, url, "completed")
            for key, (answers, text) in spec.surveys.items():
                self.api.post(self.people[key].login,
                              f"{ENVIRONMENTS_API}/participants/{participants[key]}/survey",
                              {"answers": dict(zip(SURVEY_KEYS, answers)), "free_text": text})
            for index, key in enumerate(participants):
                if key not in spec.withdrawn:
                    self.metrics(key, env["id"], index, "end", spec.ends)
            for key, (user, scores, (uri, level)) in spec.assessments.items():
                self.api.post(user, f"{url}/assessments", {"participant_id": participants[key],
                                                           "scores": dict(zip(CRITERIA_KEYS, scores)),
                                                           "skills": [{"uri": uri, "level": level}]})
            for user, scores, text in spec.overall:
                self.api.post(user, f"{url}/assessments", {"scores": dict(zip(CRITERIA_KEYS, scores)),
                                                           "free_text": text})
        for outcome in spec.outcomes:
            self.api.post(outcome.recorded_by, f"{url}/outcomes", {
                "kind": outcome.kind, "partner_id": self.partner_ids[outcome.partner],
                "participant_id": participants[outcome.person] if outcome.person else None,
                "hidden_job": outcome.hidden_job, "description": outcome.description,
                "started_on": self.day(outcome.started),
                "ended_on": self.day(outcome.ended) if outcome.ended is not None else None})
        if spec.status == "evaluated":
            self.move(spec, url, "evaluated")

    def suggestions(self) -> None:
        """WinNova's manager acts on matching's suggestions for the open environment it hosts: the best one is
        accepted (matching then has the client enrolled), the next declined with a reason. Nothing happens when
        matching suggests nobody, or once the manager has decided."""
        spec = next(e for e in ENVIRONMENTS if e.status == "open")
        manager = spec.host
        env = next(e for e in self.api.get(manager, f"{ENVIRONMENTS_API}/environments", status="open")
                   if e["name"] == spec.name)
        mine = self.api.get(manager, "/matching/api/v1/suggestions", environment_id=env["id"], per_page=100)["items"]
        if any(item["status"] not in ("new", "withdrawn") for item in mine):
            return
        # Matching may still offer a student already in this environment for its other roles: skip them.
        team = {p.get("client_id") for p in self.api.get(
            manager, f"{ENVIRONMENTS_API}/environments/{env['id']}/participants")}
        fresh = sorted((i for i in mine if i["status"] == "new" and i["client_id"] not in team),
                       key=lambda i: (-i["score"], i["id"]))
        for item, decision in zip(fresh, SUGGESTION_DECISIONS):
            self.api.post(manager, f"/matching/api/v1/suggestions/{item['id']}/decision", decision)
            self.entered = True

    def dialogue(self) -> None:
        """The recruitment loop at each of its stages (issue 16), through the public APIs: a student answers, a
        partner asks for introductions, a manager introduces, the partner tells what happened. Each step is
        taken once; a need nobody was suggested for stays as it is."""
        for title, key in INTERESTS:  # students' own interest, which reaches their managers
            login, need_id = self.people[key].login, self.need(next(n for n in NEEDS if n.title == title))
            self.client(key)
            listed = self.api.get(login, "/matching/api/v1/my/opportunities")["needs"]
            if any(n["need_id"] == need_id and n["suggested"] is None for n in listed):
                self.api.post(login, "/matching/api/v1/my/interests", {"target_kind": "need", "target_id": need_id})
                self.entered = True
        self.network.settle()
        for title, plan in DIALOGUE.items():
            need = next(n for n in NEEDS if n.title == title)
            candidates = self.api.get(need.entered_by, f"/matching/api/v1/partner/needs/{self.need(need)}/candidates")
            for candidate, steps in zip(candidates["items"], plan):
                self.candidate_steps(need, candidate, steps)

    def candidate_steps(self, need: Need, candidate: dict, steps: tuple[str, ...]) -> None:
        partner, suggestion_id = need.entered_by, candidate["id"]
        mine = self.managers_suggestion(suggestion_id)
        if mine is None:
            return
        manager, item = mine
        key = next((k for k, c in self.client_ids.items() if c == item["client_id"]), None)
        login = self.people[key].login if key else None
        done = {f["stage"] for f in candidate["feedback"]}
        for step in steps:
            if step == "interested" and login and item["student_answer"] is None and item["status"] == "new":
                self.api.post(login, f"/matching/api/v1/my/suggestions/{suggestion_id}/answer",
                              {"answer": "interested", "reason": None})
            elif step == "introduction" and candidate["may_request"]:
                self.api.post(partner, f"/matching/api/v1/partner/candidates/{suggestion_id}/introduction", {})
            elif step == "introduce" and item["status"] == "new":
                self.api.post(manager, f"/matching/api/v1/suggestions/{suggestion_id}/decision",
                              {"decision": "accept"})
                item = {**item, "status": "accepted"}
            elif step == "share_contact" and login and key and item["status"] == "accepted":
                if not self.share_contact(login, self.client_ids[key], need):
                    continue
            elif step in FEEDBACK_STEPS and step not in done and item["status"] == "accepted":
                self.api.post(partner, f"/matching/api/v1/partner/candidates/{suggestion_id}/feedback",
                              {"stage": step, "employment": "short" if step == "hired" else None})
            else:
                continue
            self.entered = True

    def share_contact(self, login: str, client_id: str, need: Need) -> bool:
        """The student says yes to the partner's wish to contact them (asked once the manager introduced them
        under consent c); whether they said it now."""
        self.network.settle()  # intake asks the student once it learns of the manager's acceptance
        url = f"{INTAKE_API}/clients/{client_id}/disclosures"
        asked = [d for d in self.api.get(login, url) if d["need_id"] == self.need(need) and d["status"] == "awaiting"]
        for question in asked:
            self.api.post(login, f"{url}/{question['id']}", {"accept": True})
        return bool(asked)

    def managers_suggestion(self, suggestion_id: str) -> tuple[str, dict] | None:
        """(the manager of the candidate's organisation, the suggestion as they see it), or None."""
        for manager in sorted({p.manager for p in self.people.values()}):
            found = self.api.client.get(f"/matching/api/v1/suggestions/{suggestion_id}",
                                        headers=self.api.headers(manager))
            if found.status_code == 200:
                return manager, found.get_json()
        return None

    def move(self, spec: Environment, url: str, to: str) -> None:
        self.api.post(spec.host, f"{url}/transitions", {"to": to})

    def enrol(self, env: dict, key: str, role: int, started: int | None) -> str:
        """The person's own service manager enrols them; the gender goes along only under the statistics consent."""
        person = self.people[key]
        body = {"client_id": self.client(key), "role_id": env["roles"][role]["id"], "team_name": person.first,
                "gender": person.gender if person.statistics else None}
        if started is not None:
            body["started_on"] = self.day(started)
        return self.api.post(person.manager, f"{ENVIRONMENTS_API}/environments/{env['id']}/participants", body)["id"]

    def metrics(self, key: str, environment_id: str, index: int, phase: str, day: int) -> None:
        """The personal metrics of a participation, answered in intake (the only store of the answers) on the
        environment's first or last day (`day`) with the environment as their context: environments learns that the
        phase was answered."""
        person = self.people[key]
        self.api.post(person.acts_as, f"{INTAKE_API}/clients/{self.client(key)}/metrics",
                      {"phase": phase, "answers": _metrics(index, phase), "context": environment_id,
                       "answered_on": self.day(min(day, 0))})

    def run(self) -> bool:
        for key in self.people:
            self.client(key)
        for spec in PARTNERS:
            self.partner(spec)
        for spec in NEEDS:
            self.need(spec)
        services = self.services()
        self.network.settle()  # intake finds the shared client; environments learns of the partners and needs
        self.overlaps()
        self.referrals(services, waiting=False)
        self.environments()
        self.network.settle()  # matching suggests clients for the open environment's roles
        self.suggestions()
        self.network.settle()
        self.dialogue()
        self.network.settle()
        if self.entered:
            self.read_the_past()
        # Today: what the managers find waiting when the demo opens (referrals, steps due, a meeting)
        self.referrals(services, waiting=True)
        self.days_work()
        self.network.settle()
        return self.entered

    def read_the_past(self) -> None:
        """The managers have read the notifications of the story so far, as each would by "mark all read": the bell
        then rings for what arrives today, which the desk shows. Only on the run that entered the story."""
        for username in sorted({p.manager for p in self.people.values()}):
            user = self.network.identity.get(username)
            with self.network.portal.work() as work:
                notifications.mark_all_read(work, user.principal())


# The recruitment loop in the demo (issue 16): students who show interest in a need themselves, and per need the
# steps taken with its best candidates in turn.
INTERESTS = (("Hitsaaja kesäksi", "joona"), ("Tapahtumatuottaja (osa-aikainen)", "aada"),
             ("Tapahtumatuottaja (osa-aikainen)", "onni"), ("Kesätyöntekijä varastoon", "emilia"),
             ("Varastologistiikan kehittäminen (opinnäytetyö)", "elias"))
FEEDBACK_STEPS = ("contacted", "interviewed", "trial", "hired")
DIALOGUE = {  # the other needs' suggestions stay as matching made them
    # Joona says yes to sharing his contact (consent c): Konepaja Virtanen sees it on its need and calls him. The
    # event producer introduced first has not answered the question yet: the partner waits for the student.
    "Hitsaaja kesäksi": (("interested", "introduction", "introduce", "share_contact", "contacted", "interviewed",
                          "hired"),),
    "Tapahtumatuottaja (osa-aikainen)": (("interested", "introduction", "introduce", "interviewed", "trial"),
                                         ("interested", "introduction")),
}


def _organisation_of(identity, manager: str) -> str:
    return identity.get(manager).organisation


def seed(network, today: date | None = None) -> bool:
    """Enter the story unless it is there already; True when something was entered."""
    return Story(network, today).run()


def story_logins() -> list[str]:
    """The student logins the story creates (password "demo"), for printing."""
    return sorted((person.login for person in STORY_PEOPLE if person.login), key=lambda name: (len(name), name))
