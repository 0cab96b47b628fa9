"""Who may use the client, consent and GDPR endpoints: roles × organisations × endpoints.

A manager sees only their own organisation's clients; a student only their own record; partners,
the coordinator and the administrator see no client at all. A client that may not be seen is a 404.
"""
from __future__ import annotations

import pytest

from tests.integration.intake.client_helpers import API, SQLITE_ONLY, as_role, as_student, register, with_token
from tests.support import network as net

pytestmark = [pytest.mark.integration, SQLITE_ONLY]

# (method, path under /clients with {id}, body, roles that may use it, status when allowed)
PER_CLIENT = [
    ("GET", "/{id}", None, {"manager", "student"}, 200),
    ("PATCH", "/{id}", {"phone": "+358 50 765 4321"}, {"manager"}, 200),
    ("POST", "/{id}/close", {}, {"manager"}, 200),
    ("GET", "/{id}/consents", None, {"manager", "student"}, 200),
    ("POST", "/{id}/consents", {"purpose": "profile_sharing", "given": True}, {"manager", "student"}, 201),
    ("GET", "/{id}/audit", None, {"manager", "student"}, 200),
    ("GET", "/{id}/export", None, {"manager", "student"}, 200),
]
PAGES = [("GET", "/intake/clients/{id}", {"manager"}), ("GET", "/intake/clients/{id}/edit", {"manager"}),
         ("GET", "/intake/clients/{id}/export", {"manager"})]


@pytest.fixture(scope="module")
def callers(network):
    """Every kind of caller; the students are linked to clients registered per test."""
    return {
        "manager_own": net.client_as(network, "manager1"),
        "manager_other": net.client_as(network, "manager2"),
        "partner": net.client_as(network, "partner1"),
        "coordinator": net.client_as(network, "coordinator"),
        "admin": net.client_as(network, "admin"),
        "manager_without_org_match": as_role(network, "manager", organisation="konepaja-virtanen"),
        "anonymous": with_token(network, "not-a-token"),
    }


def expected(caller: str, roles: set[str], allowed: int) -> int:
    if caller == "anonymous":
        return 401
    role = {"student_own": "student", "student_other": "student"}.get(caller, caller.split("_")[0])
    if role not in roles:
        return 403
    return allowed if caller in ("manager_own", "student_own") else 404


@pytest.mark.parametrize("method, path, body, roles, allowed", PER_CLIENT,
                         ids=[f"{m} {p}" for m, p, *_ in PER_CLIENT])
def test_per_client_endpoints(network, callers, method, path, body, roles, allowed):
    own = register(callers["manager_own"])
    other = register(callers["manager_own"])
    everyone = {**callers, "student_own": as_student(network, own["id"]),
                "student_other": as_student(network, other["id"])}
    order = [c for c in everyone if c != "manager_own"] + ["manager_own"]  # the owner last: it may erase
    problems = []
    for caller in order:
        kwargs = {"json": body} if body is not None else {}
        if caller == "anonymous":
            kwargs["headers"] = {"Authorization": ""}
        response = everyone[caller].open(API + path.format(id=own["id"]), method=method, **kwargs)
        want = expected(caller, roles, allowed)
        if response.status_code != want:
            problems.append(f"{caller}: {response.status_code} (wanted {want}) {response.get_data(as_text=True)[:120]}")
        if want in (403, 404) and response.status_code == want:
            assert set(response.get_json()["error"]) == {"code", "message", "fields"}
    assert problems == []


def test_collections_hold_only_the_own_organisations_clients(network, callers):
    own = register(callers["manager_own"])
    for caller in ("manager_other", "manager_without_org_match"):
        found = callers[caller].post(f"{API}/search", json={"q": own["first_name"]}).get_json()
        assert found["total"] == 0, caller
        listed = callers[caller].get(f"{API}?per_page=100").get_json()["items"]
        assert own["id"] not in {c["id"] for c in listed}
    assert callers["manager_own"].post(f"{API}/search", json={"q": own["first_name"]}).get_json()["total"] == 1
    student = as_student(network, own["id"])
    for caller in (student, callers["partner"], callers["coordinator"], callers["admin"]):
        assert caller.get(API).status_code == 403
        assert caller.post(f"{API}/search", json={}).status_code == 403
        assert caller.post(API, json={}).status_code == 403
    assert student.get(f"{API}/me").get_json()["id"] == own["id"]
    for caller in ("manager_own", "partner", "coordinator", "admin"):
        assert callers[caller].get(f"{API}/me").status_code == 403


def test_a_manager_registers_only_into_their_own_organisation(callers):
    assert register(callers["manager_other"])["organisation"] == "samk"
    chosen = callers["manager_other"].post(API, json={"organisation": "sataedu"})
    assert chosen.status_code == 422 and "organisation" in chosen.get_json()["error"]["fields"]


@pytest.mark.parametrize("method, path, roles", PAGES, ids=[p for _m, p, _r in PAGES])
def test_pages_are_scoped_like_the_api(network, callers, method, path, roles):
    own = register(callers["manager_own"])
    student = as_student(network, own["id"])
    url = path.format(id=own["id"])
    assert callers["manager_other"].open(url, method=method).status_code == 404
    for caller in (student, callers["partner"], callers["coordinator"], callers["admin"]):
        assert caller.open(url, method=method).status_code == 403
    assert callers["manager_own"].open(url, method=method).status_code == 200


def test_the_students_own_page_is_only_theirs(network, callers):
    own = register(callers["manager_own"])
    student = as_student(network, own["id"])
    assert student.get("/intake/me/export").get_json()["client"]["id"] == own["id"]
    for caller in ("manager_own", "partner", "coordinator", "admin"):
        assert callers[caller].get("/intake/me").status_code == 403
        assert callers[caller].get("/intake/me/export").status_code == 403
