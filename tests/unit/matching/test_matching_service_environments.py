"""Environments' roles as matching targets, busy students, and team building over the read models."""
from __future__ import annotations

import itertools
import uuid

import pytest

from services.matching.db import environments, suggestions
from services.matching.domain import targets
from services.matching.handlers import teams
from services.matching.handlers.live import engine_for
from shared.auth import Principal
from tests.support.matching import deliver, event, outbox, profile_payload, rows, small_taxonomy

TAXONOMY = small_taxonomy()
U = TAXONOMY.uris
K = 5  # top-k per target of the `runtime` fixture (conftest.py)
VIEWER = Principal(user_id="u", organisation="sataedu", roles=frozenset({"manager"}))


def role(title: str, seats: int, skills: dict, fields=()) -> dict:
    return {"role_id": str(uuid.uuid4()), "title": title, "seats": seats, "fields_of_education": list(fields),
            "skills": [{"uri": u, "level": lv} for u, lv in skills.items()]}


def environment(runtime, status: str, roles: list, environment_id: str | None = None, type_="opened",
                **overrides) -> str:
    environment_id = environment_id or str(uuid.uuid4())
    payload = {"environment_id": environment_id, "host_organisation": "samk", "name": "Sataman kahvila",
               "status": status, "fields_of_education": ["02", "07"], "multidisciplinary": True,
               "institutions": ["samk"], "partner_ids": [], "need_ids": [], "municipality": "609",
               "service_area": None, "starts_on": None, "ends_on": None, "capacity": 10, "roles": roles, **overrides}
    [outcome] = deliver(runtime, event(f"environments.environment.{type_}", payload, "verkosto"))
    assert outcome.status == "applied", outcome.error
    return environment_id


def share(runtime, skills, organisation="sataedu", field="07", **overrides) -> str:
    payload = profile_payload(None, skills, fields_of_education=[field], **overrides)
    deliver(runtime, event("intake.profile.shared", payload, organisation))
    return payload["client_id"]


def test_an_open_environments_roles_are_suggested_with_the_environment(runtime):
    client = share(runtime, {U[1]: 4})
    cook = role("Kokki", 2, {U[1]: 3})
    env = environment(runtime, "open", [cook])
    [made] = outbox(runtime, "matching.suggestion.made")
    assert made["payload"]["client_id"] == client
    assert (made["payload"]["target_kind"], made["payload"]["target_id"], made["payload"]["environment_id"]) == (
        "environment_role", cook["role_id"], env)


def test_a_draft_is_not_matched_and_a_cancelled_one_withdraws_its_suggestions(runtime):
    share(runtime, {U[1]: 4})
    cook = role("Kokki", 2, {U[1]: 3})
    env = environment(runtime, "draft", [cook], type_="created")
    assert not outbox(runtime, "matching.suggestion.made")
    environment(runtime, "open", [cook], env)
    assert len(outbox(runtime, "matching.suggestion.made")) == 1
    deliver(runtime, event("environments.environment.cancelled", {
        "environment_id": env, "host_organisation": "samk", "status": "cancelled", "previous_status": "open",
        "multidisciplinary": True, "on": "2026-11-28"}, "verkosto"))
    assert rows(runtime, environments)[0].status == "cancelled"
    [withdrawn] = outbox(runtime, "matching.suggestion.withdrawn")
    assert withdrawn["payload"]["reason"] == "target_closed"


def test_an_enrolled_student_is_withdrawn_from_other_roles_and_left_out_of_teams(runtime):
    busy, free = share(runtime, {U[1]: 5}), share(runtime, {U[1]: 3})
    first = environment(runtime, "open", [role("Kokki", 1, {U[1]: 3})])
    cook = role("Kokki", 1, {U[1]: 3})
    second = environment(runtime, "open", [cook])
    # Enrolled in another role of the first environment: the first's cook role is not for them either.
    deliver(runtime, event("environments.participant.enrolled", {
        "participant_id": str(uuid.uuid4()), "environment_id": first, "client_id": busy, "organisation": "sataedu",
        "role_id": str(uuid.uuid4()), "started_on": None, "via_suggestion_id": None}, "verkosto"))
    withdrawn = outbox(runtime, "matching.suggestion.withdrawn")
    assert {w["payload"]["client_id"] for w in withdrawn} == {busy}
    assert sorted(w["payload"]["environment_id"] for w in withdrawn) == sorted([first, second])
    with runtime.db.session() as session:
        plan = teams.plan(session, VIEWER, second, engine_for(runtime), min_fields=1, min_institutions=0)
    assert [m["client_id"] for m in plan["members"]] == [free]
    assert not rows(runtime, suggestions, suggestions.c.client_id == busy, suggestions.c.status == "new")


def test_team_building_is_optimal_by_brute_force_and_hides_other_organisations_students(runtime):
    given = [({U[1]: 5, U[2]: 1}, "sataedu", "07"), ({U[1]: 4, U[2]: 4}, "samk", "07"), ({U[2]: 5}, "samk", "02"),
             ({U[1]: 2, U[2]: 2}, "winnova", "04"), ({U[3]: 5}, "posek", "06")]
    who = {share(runtime, skills, org, field): (org, field) for skills, org, field in given}
    roles = [role("Kokki", 1, {U[1]: 3}), role("Tarjoilija", 2, {U[2]: 3})]
    env = environment(runtime, "open", roles)
    live = engine_for(runtime)
    with runtime.db.session() as session:
        plan = teams.plan(session, VIEWER, env, live, min_fields=2, min_institutions=2)
        with live.reading(session) as engine:
            score = {}
            for r in roles:
                need = targets.role(r["role_id"], {"skills": r["skills"]}, {"status": "open", "municipality": "609"},
                                    TAXONOMY.index)
                score.update({(r["role_id"], c): s for c, s in engine.scores(need).items()})
    assert plan["status"] == "optimal" and plan["optimal"]
    seats = [roles[0]["role_id"]] + [roles[1]["role_id"]] * 2
    best = 0.0
    for chosen in itertools.permutations([*who, None, None, None], 3):
        picked = [(r, c) for r, c in zip(seats, chosen) if c is not None]
        if not picked or any(p not in score for p in picked):
            continue
        if len({who[c][1] for _, c in picked}) >= 2 and len({who[c][0] for _, c in picked}) >= 2:
            best = max(best, sum(score[p] for p in picked))
    assert best > 0 and plan["objective"] == pytest.approx(best)
    assert plan["objective"] >= plan["greedy_objective"] - 1e-9 or not plan["greedy_meets_mix"]
    assert len(plan["fields"]) >= 2 and plan["institutions"] >= 2
    for member in plan["members"]:
        assert (member["client_id"] is not None) == (member["organisation"] == "sataedu")


def test_an_infeasible_mix_names_its_failing_constraints_and_proposes_a_relaxed_team(runtime):
    free = share(runtime, {U[1]: 4})
    share(runtime, {U[1]: 5}, field="02", available_from="2020-01-01", available_until="2020-12-31")
    cook = role("Kokki", 2, {U[1]: 3})
    env = environment(runtime, "open", [cook], starts_on="2027-01-01", ends_on="2027-03-31")
    with runtime.db.session() as session:
        plan = teams.plan(session, VIEWER, env, engine_for(runtime), min_fields=2, min_institutions=1)
    assert (plan["status"], plan["optimal"], plan["feasible"], plan["members"]) == ("infeasible", False, False, [])
    assert {s["constraint"]: (s["required"], s["available"], s["excluded"]) for s in plan["shortfalls"]} == {
        "availability": (2, 1, 1), "fields": (2, 1, 0)}
    proposal = plan["proposal"]
    assert (proposal["label"], proposal["min_fields"], proposal["min_institutions"]) == ("relaxed", 1, 1)
    assert [m["client_id"] for m in proposal["members"]] == [free] and proposal["optimal"]


def test_a_feasible_team_has_no_shortfall_nor_proposal(runtime):
    share(runtime, {U[1]: 4})
    share(runtime, {U[1]: 3}, organisation="samk", field="02")
    env = environment(runtime, "open", [role("Kokki", 2, {U[1]: 3})])
    with runtime.db.session() as session:
        plan = teams.plan(session, VIEWER, env, engine_for(runtime), min_fields=2, min_institutions=2)
    assert plan["optimal"] and plan["feasible"] and len(plan["members"]) == 2
    assert plan["shortfalls"] == [] and plan["proposal"] is None
