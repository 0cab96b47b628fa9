"""Decline memory: a declined pair returns only when something relevant changed."""
from __future__ import annotations

from dataclasses import replace

from services.matching.domain import CompetenceNeed, Decline, DeclineMemory, MatchingEngine, Profile, RequiredSkill
from services.matching.domain.synthetic import synthetic_taxonomy

TAXONOMY = synthetic_taxonomy(30, 3, seed=2)
NEED = CompetenceNeed("n1", (RequiredSkill(5), RequiredSkill(6, essential=False)))
ALICE = Profile("a", {5: 4, 6: 3}, hours_per_week=20)
BOB = Profile("b", {5: 2}, hours_per_week=20)


def shown(engine: MatchingEngine) -> list[str]:
    return [s.profile_id for s in engine.suggestions("n1", explain=False)]


def engine_with_decline() -> MatchingEngine:
    engine = MatchingEngine(TAXONOMY, k=5)
    engine.load([ALICE, BOB], [NEED])
    assert shown(engine) == ["a", "b"]
    change = engine.decline("n1", "a", reason="not available for this partner")
    assert change.left == ("a",) and shown(engine) == ["b"]
    return engine


def test_declined_pair_is_not_suggested_again():
    engine = engine_with_decline()
    engine.recompute_all()
    assert shown(engine) == ["b"]
    assert engine.upsert_profile(ALICE) == [] and shown(engine) == ["b"]  # same content: nothing changed
    engine.upsert_profile(replace(BOB, skills={5: 3}))  # another profile's change does not matter
    assert shown(engine) == ["b"] and [s.profile_id for s in engine.rank(NEED)] == ["b"]
    assert engine.declines.for_need("n1")[0].reason == "not available for this partner"


def test_decline_lapses_when_the_profile_changes_relevantly():
    engine = engine_with_decline()
    engine.upsert_profile(replace(ALICE, skills={5: 5, 6: 3}))
    assert shown(engine) == ["a", "b"]


def test_decline_lapses_when_the_need_changes_relevantly():
    engine = engine_with_decline()
    engine.upsert_need(replace(NEED, hours_per_week=10))
    assert shown(engine) == ["a", "b"]


def test_decline_lapses_only_for_its_own_need():
    engine = engine_with_decline()
    other = replace(NEED, id="n2")
    engine.upsert_need(other)
    assert [s.profile_id for s in engine.suggestions("n2")] == ["a", "b"]


def test_memory_forgets_an_erased_profile():
    memory = DeclineMemory()
    memory.record(Decline("n1", "a", "nf", "pf"))
    memory.record(Decline("n2", "a", "nf2", "pf"))
    assert memory.applies("n1", "nf", "a", "pf") and not memory.applies("n1", "changed", "a", "pf")
    memory.forget_profile("a")
    assert len(memory) == 0 and memory.for_need("n1") == ()
