"""Objects of two organisations for the API fuzz, the ids it may aim at, and a snapshot to compare afterwards."""
from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from tests.support import network as net

INTAKE = "/intake/api/v1"
ENVIRONMENTS = "/environments/api/v1"
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
OWN, OTHER = "manager1", "manager2"  # sataedu fuzzes; samk's objects must stay as they are

@dataclass
class Seeded:
    """Ids of each organisation's objects by the name the APIs give them, and the other's as they were."""

    own: dict[str, str] = field(default_factory=dict)
    other: dict[str, str] = field(default_factory=dict)
    before: dict = field(default_factory=dict)

    @property
    def pools(self) -> dict[str, list[str]]:
        pools: dict[str, list[str]] = {}
        for ids in (self.own, self.other):
            for name, value in ids.items():  # a client's assessed needs are {need_id} in their paths too
                pools.setdefault("need_id" if name == "assessed_need_id" else name, []).append(value)
        return pools


def seed(network) -> Seeded:
    """Clients, partners, needs, paths and environments of sataedu and samk, through their APIs."""
    seeded = Seeded(own=_objects_of(network, OWN, "Sataedu"), other=_objects_of(network, OTHER, "Samk"))
    seeded.before = snapshot(network, seeded)
    return seeded


def _ok(response, status=(200, 201)) -> dict:
    assert response.status_code in status, (response.status_code, response.get_json())
    return response.get_json()


def _objects_of(network, username: str, label: str) -> dict[str, str]:
    api = net.client_as(network, username)
    client = _ok(api.post(f"{INTAKE}/clients", json={
        "first_name": f"Fuzz{label}", "last_name": "Testaaja", "birth_date": "2003-04-05", "home_municipality": "214",
        "education_level": 3, "consents": {"service": True, "profile_sharing": True, "contact_to_partner": True,
                                           "statistics": True}}))
    partner = _ok(api.post(f"{INTAKE}/partners", json={"name": f"{label} Oy", "kind": "company",
                                                         "municipality": "214"}))
    need = _ok(api.post(f"{INTAKE}/competence-needs", json={
        "partner_id": partner["id"], "title": f"{label}n osaamistarve", "work_type": "part_time",
        "skills": [{"uri": PYTHON, "essential": True, "level": 3}]}))
    assessed = _ok(api.post(f"{INTAKE}/clients/{client['id']}/needs",
                            json={"category": "guidance_in_choosing", "priority": 1}))
    goal = _ok(api.post(f"{INTAKE}/clients/{client['id']}/path/goals", json={"kind": "education", "title": "Tavoite"}))
    step = _ok(api.post(f"{INTAKE}/clients/{client['id']}/path/steps", json={
        "goal_id": goal["id"], "kind": "apply_education", "title": "Askel", "owner": "client"}))
    assert network.settle()
    environment = _ok(api.post(f"{ENVIRONMENTS}/environments", json={
        "name": f"{label}n ympäristö", "fields_of_education": ["04", "06"], "municipality": "214", "capacity": 4,
        "partner_ids": [partner["id"]], "need_ids": [need["id"]],
        "roles": [{"title": "Ohjelmoija", "seats": 2, "fields": ["06"], "skills": [{"uri": PYTHON, "level": 3}]}]}))
    from services.environments.domain.review import KEYS

    _ok(api.put(f"{ENVIRONMENTS}/environments/{environment['id']}/review",
                json={"items": [{"item": key, "checked": True} for key in KEYS]}))
    _ok(api.post(f"{ENVIRONMENTS}/environments/{environment['id']}/transitions", json={"to": "open"}))
    participant = _ok(api.post(f"{ENVIRONMENTS}/environments/{environment['id']}/participants", json={
        "client_id": client["id"], "role_id": environment["roles"][0]["id"]}))
    assert network.settle()
    return {"client_id": client["id"], "partner_id": partner["id"], "need_id": need["id"],
            "goal_id": goal["id"], "step_id": step["id"], "environment_id": environment["id"],
            "role_id": environment["roles"][0]["id"], "participant_id": participant["id"],
            "assessed_need_id": assessed["id"]}


def aim(values: dict | None, pools: dict[str, list[str]], hostile: tuple[str, ...] = ("\x00",)):
    """A strategy that keeps each generated value, puts in the id of a real object of the same name, or (now
    and then) spoils a text with characters no database stores, so that the fuzz meets them on PostgreSQL."""
    if not values:
        return st.just(values)
    choices = {}
    for name, value in values.items():
        known = pools.get(name)
        if known:
            choices[name] = st.sampled_from([value, *known])
        elif isinstance(value, str):
            choices[name] = st.sampled_from([value] * 4 + [value + bad for bad in hostile])
        else:
            choices[name] = st.just(value)
    return st.fixed_dictionaries(choices)


def snapshot(network, seeded: Seeded) -> dict:
    """samk's objects as samk's manager reads them, and the network's metric scales."""
    api = net.client_as(network, OTHER)
    ids = seeded.other
    reads = {
        "client": f"{INTAKE}/clients/{ids['client_id']}",
        "consents": f"{INTAKE}/clients/{ids['client_id']}/consents",
        "partner": f"{INTAKE}/partners/{ids['partner_id']}",
        "need": f"{INTAKE}/competence-needs/{ids['need_id']}",
        "client_needs": f"{INTAKE}/clients/{ids['client_id']}/needs",
        "path": f"{INTAKE}/clients/{ids['client_id']}/path",
        "profile": f"{INTAKE}/clients/{ids['client_id']}/profile",
        "environment": f"{ENVIRONMENTS}/environments/{ids['environment_id']}",
        "participant": f"{ENVIRONMENTS}/participants/{ids['participant_id']}",
        "scales": f"{INTAKE}/metrics/scales",
    }
    result = {}
    for name, path in reads.items():
        response = api.get(path)
        result[name] = (response.status_code, response.get_json())
    status, environment = result["environment"]
    if status == 200:  # other organisations may enrol their own clients: samk's part of the team must stay
        result["environment"] = (status, _without_others(environment))
    return result


def _without_others(environment: dict) -> dict:
    """The environment as its host owns it: samk's participants, not the seats others took."""
    kept = {k: v for k, v in environment.items() if k not in ("participants", "team", "roles", "gender_balance")}
    kept["roles"] = [{k: v for k, v in role.items() if k not in ("taken", "free")} for role in environment["roles"]]
    kept["team"] = [p for p in environment["team"] if p.get("client_organisation") == "samk"]
    return kept


def differences(before, after, path: str = "") -> list[str]:
    """Where two JSON values differ, as "path: before -> after" lines."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [line for key in sorted(set(before) | set(after), key=str)
                for line in differences(before.get(key), after.get(key), f"{path}.{key}")]
    if isinstance(before, (list, tuple)) and isinstance(after, (list, tuple)) and len(before) == len(after):
        return [line for i, (b, a) in enumerate(zip(before, after)) for line in differences(b, a, f"{path}[{i}]")]
    return [] if before == after else [f"{path or '.'}: {before!r:.200} -> {after!r:.200}"]
