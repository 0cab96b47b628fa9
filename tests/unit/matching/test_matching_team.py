"""Team building is optimal (checked by brute force) and keeps capacity, one role each and the mix."""
from __future__ import annotations

import itertools
import random

import pytest

from services.matching.domain import (
    Shortfall,
    TeamCandidate,
    TeamEnvironment,
    TeamRole,
    build_teams,
    team_fit,
    team_for,
)


def brute_force(environments, candidates, scores) -> float:
    """Best total over every assignment of each candidate to nothing or one role."""
    slots = [None] + [(env, role) for env in environments for role in env.roles]
    best = 0.0
    for choice in itertools.product(range(len(slots)), repeat=len(candidates)):
        taken: dict[tuple[str, str], int] = {}
        members: dict[str, list[TeamCandidate]] = {env.id: [] for env in environments}
        total, ok = 0.0, True
        for cand, slot in zip(candidates, choice):
            if slot == 0:
                continue
            env, role = slots[slot]
            score = scores.get((env.id, role.id, cand.id))
            if score is None or (role.fields and cand.field_of_education not in role.fields):
                ok = False
                break
            taken[env.id, role.id] = taken.get((env.id, role.id), 0) + 1
            ok &= taken[env.id, role.id] <= role.capacity
            members[env.id].append(cand)
            total += score
        for env in environments:
            team = members[env.id]
            fields = {c.field_of_education for c in team if c.field_of_education}
            institutions = {c.institution for c in team if c.institution}
            ok &= not team or (len(fields) >= env.min_fields and len(institutions) >= env.min_institutions)
        if ok:
            best = max(best, total)
    return best


def random_case(seed: int):
    rnd = random.Random(seed)
    environments = [TeamEnvironment(
        f"e{e}", tuple(TeamRole(f"r{r}", rnd.randint(1, 2), frozenset({"F1"}) if rnd.random() < 0.2 else frozenset())
                       for r in range(2)),
        min_fields=rnd.randint(1, 3), min_institutions=rnd.randint(0, 2)) for e in range(rnd.randint(1, 2))]
    candidates = [TeamCandidate(f"c{i}", rnd.choice(["F1", "F2", "F3", None]), rnd.choice(["I1", "I2"]))
                  for i in range(rnd.randint(4, 6))]
    scores = {(env.id, role.id, c.id): round(rnd.random(), 3) for env in environments for role in env.roles
              for c in candidates if rnd.random() < 0.8}
    return environments, candidates, scores


@pytest.mark.parametrize("seed", range(12))
def test_team_building_is_optimal_against_brute_force(seed):
    environments, candidates, scores = random_case(seed)
    plan = build_teams(environments, candidates, scores)
    assert plan.optimal and plan.status == "optimal"
    assert plan.objective == pytest.approx(brute_force(environments, candidates, scores), abs=1e-9)
    placed = [p.candidate_id for team in plan.teams for p in team.members]
    assert len(placed) == len(set(placed))  # one role, one environment each
    for env, team in zip(environments, plan.teams):
        for role in env.roles:
            assert sum(p.role_id == role.id for p in team.members) <= role.capacity
        assert not team.members or (len(team.fields) >= env.min_fields
                                    and len(team.institutions) >= env.min_institutions)


def test_optimum_beats_greedy_when_the_mix_binds():
    environments = [TeamEnvironment("e", (TeamRole("dev", 1), TeamRole("design", 1)), min_fields=2)]
    candidates = [TeamCandidate("ict-1", "ICT"), TeamCandidate("ict-2", "ICT"), TeamCandidate("art-1", "ART")]
    scores = {("e", "dev", "ict-1"): 0.9, ("e", "design", "ict-2"): 0.8, ("e", "design", "art-1"): 0.5}
    plan = build_teams(environments, candidates, scores)
    assert plan.objective == pytest.approx(1.4) and {p.candidate_id for p in plan.teams[0].members} == {
        "ict-1", "art-1"}
    assert plan.greedy_objective == pytest.approx(1.7) and not plan.greedy_meets_mix


def test_environment_that_cannot_meet_the_mix_is_left_unstaffed():
    environments = [TeamEnvironment("e1", (TeamRole("r", 3),), min_fields=2),
                    TeamEnvironment("e2", (TeamRole("r", 3),), min_fields=1)]
    candidates = [TeamCandidate("a", "ICT"), TeamCandidate("b", "ICT")]
    scores = {(e, "r", c): 0.5 for e in ("e1", "e2") for c in ("a", "b")}
    plan = build_teams(environments, candidates, scores)
    assert plan.teams[0].members == () and len(plan.teams[1].members) == 2 and plan.optimal


def test_student_gets_one_environment_across_the_batch():
    environments = [TeamEnvironment(f"e{i}", (TeamRole("r", 1),), min_fields=1) for i in range(3)]
    candidates = [TeamCandidate("star", "ICT"), TeamCandidate("other", "ART")]
    scores = {(f"e{i}", "r", "star"): 0.9 for i in range(3)} | {("e1", "r", "other"): 0.2}
    plan = build_teams(environments, candidates, scores)
    assert plan.objective == pytest.approx(1.1)


def test_a_mix_that_cannot_be_met_is_infeasible_with_its_shortfall_and_a_relaxed_proposal():
    environment = TeamEnvironment("e", (TeamRole("dev", 2), TeamRole("design", 1)), min_fields=3, min_institutions=1)
    candidates = [TeamCandidate("ict-1", "ICT", "I1"), TeamCandidate("ict-2", "ICT", "I1"),
                  TeamCandidate("art-1", "ART", "I1")]
    scores = {("e", "dev", "ict-1"): 0.9, ("e", "dev", "ict-2"): 0.7, ("e", "design", "art-1"): 0.5}
    answer = team_for(environment, candidates, scores)
    assert not answer.feasible and answer.status == "infeasible"
    assert answer.shortfalls == (Shortfall("fields", 3, 2),)
    assert (answer.relaxed.min_fields, answer.relaxed.min_institutions) == (2, 1)
    assert answer.proposal.optimal and answer.proposal.objective == pytest.approx(2.1)


def test_a_feasible_team_is_optimal_with_no_shortfall():
    environment = TeamEnvironment("e", (TeamRole("dev", 1), TeamRole("design", 1)), min_fields=2)
    candidates = [TeamCandidate("ict-1", "ICT"), TeamCandidate("art-1", "ART")]
    scores = {("e", "dev", "ict-1"): 0.9, ("e", "design", "art-1"): 0.5}
    answer = team_for(environment, candidates, scores)
    assert answer.feasible and answer.status == "optimal" and not answer.shortfalls and answer.proposal is None


@pytest.mark.parametrize("roles, candidates, scores, unavailable, expected", [
    ((TeamRole("r", 0),), [TeamCandidate("a", "ICT")], {("e", "r", "a"): 0.5}, {},
     (Shortfall("capacity", 2, 0), Shortfall("fields", 2, 1))),
    ((TeamRole("r", 2),), [], {}, {"r": 3},
     (Shortfall("candidates", 1, 0), Shortfall("availability", 2, 0, "r", 3), Shortfall("fields", 2, 0))),
    ((TeamRole("r", 1),), [TeamCandidate("a", "ICT"), TeamCandidate("b", "ART")],
     {("e", "r", "a"): 0.5, ("e", "r", "b"): 0.4}, {}, (Shortfall("capacity", 2, 1),)),
])
def test_the_failing_constraint_is_named(roles, candidates, scores, unavailable, expected):
    answer = team_for(TeamEnvironment("e", roles, min_fields=2), candidates, scores, unavailable=unavailable)
    assert answer.status == "infeasible" and answer.shortfalls == expected
    assert (answer.proposal is not None) == (any(r.capacity for r in roles) and bool(scores))


def test_seats_and_fields_that_cannot_be_combined_are_named_from_the_relaxed_mix():
    # Two fields exist, but only ICT students fit the one role with seats.
    environment = TeamEnvironment("e", (TeamRole("dev", 2, frozenset({"ICT"})), TeamRole("design", 0)), min_fields=2)
    candidates = [TeamCandidate("ict-1", "ICT"), TeamCandidate("art-1", "ART")]
    scores = {("e", "dev", "ict-1"): 0.9, ("e", "dev", "art-1"): 0.9, ("e", "design", "art-1"): 0.5}
    answer = team_for(environment, candidates, scores)
    assert answer.shortfalls == (Shortfall("fields", 2, 1),)
    assert [p.candidate_id for p in answer.proposal.teams[0].members] == ["ict-1"]


def test_a_teams_fit_is_its_total_over_the_seats_to_fill_with_an_empty_seat_counting_zero():
    """The raw total (1.868 for four seats) is shown as what it means: 1.868 / 4 = 0.467, i.e. 47 %."""
    assert team_fit(1.868, 4) == pytest.approx(0.467)
    assert team_fit(0.9 + 0.8, 2) == pytest.approx(0.85)  # both seats filled
    assert team_fit(0.9, 2) == pytest.approx(0.45)  # one of two seats left empty
    assert team_fit(0.0, 0) is None  # no seats to fill: no fit to show
